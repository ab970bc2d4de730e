package dev.embedscope.scale;

import java.util.List;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.RowSource;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.StatsOptions;
import java.util.SplittableRandom;

/**
 * The scaling applied before distances: a scaler spec (or one chosen from the data by
 * {@link ScalerChoice}), fitted on the training split only, applied to any split.
 */
public final class Scaling {

    private final Scaler scaler;
    private final ScalerChoice choice;

    private Scaling(Scaler scaler, ScalerChoice choice) {
        this.scaler = scaler;
        this.choice = choice;
    }

    /**
     * @param spec divide:255, standard, minmax, robust, none, or null to choose from the data
     *             ({@link ScalerChoice})
     */
    public static Scaling fitOn(Dataset train, String spec) {
        ScalerChoice choice;
        FeatureStats stats = null;
        if (spec != null) {
            choice = new ScalerChoice(spec, "as asked");
        } else if (train.isImage()) {
            choice = ScalerChoice.of(train, null);
        } else {
            stats = FeatureStatsCalculator.compute(train.features(), StatsOptions.defaults().withSketches(false));
            choice = ScalerChoice.of(train, stats);
        }
        String s = choice.spec();
        if (s.equalsIgnoreCase("none")) {
            return new Scaling(Scaler.divide(train.columns(), 1), choice);
        }
        ScalerSpec parsed = ScalerSpec.parse(s);
        if (parsed.method() == Scaler.Method.CHANNELS) {
            return new Scaling(Scaler.channels(parsed, train), choice);
        }
        if (parsed.method() == Scaler.Method.DIVIDE) {
            return new Scaling(Scaler.divide(train.columns(), parsed.divisor()), choice);
        }
        if (stats == null || parsed.method() == Scaler.Method.ROBUST) {
            stats = FeatureStatsCalculator.compute(train.features(),
                    StatsOptions.defaults().withSketches(parsed.method() == Scaler.Method.ROBUST));
        }
        return new Scaling(Scaler.fit(parsed, stats, train), choice);
    }

    /**
     * {@link #fitOn(Dataset, String)} with other methods for some features ({@code perFeature}: name → standard,
     * minmax[:a,b], robust, divide:X or none), fitted on the same training split.
     */
    public static Scaling fitOn(Dataset train, String spec, java.util.Map<String, String> perFeature) {
        Scaling base = fitOn(train, spec);
        if (perFeature.isEmpty() || base.scaler == null) {
            return base;
        }
        FeatureStats stats = FeatureStatsCalculator.compute(train.features(), StatsOptions.defaults());
        Scaler s = base.scaler.withFeatureMethods(perFeature, stats, train.allFeatureNames());
        List<String> named = new java.util.ArrayList<>();
        perFeature.forEach((k, v) -> named.add(k + " " + v));
        return new Scaling(s, new ScalerChoice(base.choice.spec(), base.choice.reason() + "; per feature: "
                + String.join(", ", named)));
    }

    /** Rows a scaler of a streamed table is fitted on (a seeded sample when there are more). */
    public static final int STREAM_FIT_ROWS = 100_000;

    /**
     * The scaling of streamed rows: images and a divisor need no statistics; a table's scaler (or the choice
     * of one) is fitted on all its rows when there are at most {@link #STREAM_FIT_ROWS}, else on a seeded
     * sample of that many, and the reason says so.
     */
    public static Scaling fitOn(RowSource train, String spec, long seed) {
        boolean needsNoStats = spec != null && (spec.equalsIgnoreCase("none")
                || ScalerSpec.parse(spec).method() == Scaler.Method.DIVIDE
                || ScalerSpec.parse(spec).method() == Scaler.Method.CHANNELS);
        if (needsNoStats || (spec == null && train.imageShape() != null)) {
            return fitOn(head(train, 1), spec);
        }
        long n = train.rows();
        long[] rows = new long[(int) Math.min(n, STREAM_FIT_ROWS)];
        if (rows.length == n) {
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
        } else {
            SplittableRandom random = new SplittableRandom(seed);
            rows = random.longs(0, n).distinct().limit(rows.length).sorted().toArray();
        }
        Scaling s = fitOn(read(train.select(rows)), spec);
        String where = rows.length == n ? "" : " (fitted on a seeded sample of " + rows.length + " of " + n
                + " rows)";
        return new Scaling(s.scaler, new ScalerChoice(s.choice.spec(), s.choice.reason() + where));
    }

    private static Dataset head(RowSource source, int rows) {
        long[] first = new long[(int) Math.min(rows, source.rows())];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        return read(source.select(first));
    }

    private static Dataset read(RowSource rows) {
        int d = rows.columns();
        float[] values = new float[(int) rows.rows() * d];
        rows.read(0, (int) rows.rows(), values);
        return new Dataset(rows.name(), FloatMatrix.of(values, (int) rows.rows(), d), null, null, null,
                rows.imageShape(), rows.sourceType());
    }

    /** Scales {@code count} rows held row-major in {@code values} in place, as {@link #apply} would. */
    public void applyInPlace(float[] values, int count) {
        if (scaler != null) {
            scaler.applyInPlace(values, count);
        }
    }

    /** The identity, for data scaled already: {@link #apply} returns the split itself. */
    public static Scaling identity() {
        return new Scaling(null, new ScalerChoice("none", "the data is scaled already"));
    }

    /** Which scaler was used and why. */
    public ScalerChoice choice() {
        return choice;
    }

    /** The split scaled with the training statistics (same name, labels and shape). */
    public Dataset apply(Dataset d) {
        return scaler == null ? d : d.withFeatures(scaler.apply(d.features())).named(d.name());
    }
}
