package dev.embedscope.scale;

import dev.embedscope.data.Dataset;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.StatsOptions;

/**
 * The scaling applied before distances: a scaler spec (or the default: divide:255 for images,
 * standard for tables), fitted on the training split only, applied to any split.
 */
public final class Scaling {

    private final Scaler scaler;

    private Scaling(Scaler scaler) {
        this.scaler = scaler;
    }

    /** @param spec divide:255, standard, minmax, robust, none, or null for the default */
    public static Scaling fitOn(Dataset train, String spec) {
        String s = spec != null ? spec : train.isImage() ? "divide:255" : "standard";
        if (s.equalsIgnoreCase("none")) {
            return new Scaling(Scaler.divide(train.columns(), 1));
        }
        ScalerSpec parsed = ScalerSpec.parse(s);
        if (parsed.method() == Scaler.Method.DIVIDE) {
            return new Scaling(Scaler.divide(train.columns(), parsed.divisor()));
        }
        return new Scaling(Scaler.fit(parsed, FeatureStatsCalculator.compute(train.features(),
                StatsOptions.defaults().withSketches(parsed.method() == Scaler.Method.ROBUST)), train.name()));
    }

    /** The identity, for data scaled already: {@link #apply} returns the split itself. */
    public static Scaling identity() {
        return new Scaling(null);
    }

    /** The split scaled with the training statistics (same name, labels and shape). */
    public Dataset apply(Dataset d) {
        return scaler == null ? d : d.withFeatures(scaler.apply(d.features())).named(d.name());
    }
}
