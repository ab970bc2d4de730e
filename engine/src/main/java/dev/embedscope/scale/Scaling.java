package dev.embedscope.scale;

import dev.embedscope.data.Dataset;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.StatsOptions;

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
        if (parsed.method() == Scaler.Method.DIVIDE) {
            return new Scaling(Scaler.divide(train.columns(), parsed.divisor()), choice);
        }
        if (stats == null || parsed.method() == Scaler.Method.ROBUST) {
            stats = FeatureStatsCalculator.compute(train.features(),
                    StatsOptions.defaults().withSketches(parsed.method() == Scaler.Method.ROBUST));
        }
        return new Scaling(Scaler.fit(parsed, stats, train.name()), choice);
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
