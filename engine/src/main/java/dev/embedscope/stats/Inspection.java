package dev.embedscope.stats;

import dev.embedscope.data.Dataset;
import java.util.List;

/**
 * Everything {@code inspect} knows about one split: its statistics, its groups of identical
 * rows and the findings drawn from both.
 */
public record Inspection(Dataset data, FeatureStats stats, List<int[]> duplicateGroups, List<Finding> findings) {

    public static Inspection of(Dataset data, StatsOptions options) {
        FeatureStats stats = FeatureStatsCalculator.compute(data.features(), options);
        List<int[]> groups = DuplicateRows.groups(data.features());
        return new Inspection(data, stats, groups, DataChecks.run(data, stats, groups));
    }

    /** Pooled statistics over all features (for images: over all pixels). */
    public Pooled pooled() {
        long count = 0;
        long zeros = 0;
        long missing = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double weighted = 0;
        int constant = 0;
        boolean integer = true;
        for (int j = 0; j < stats.columns(); j++) {
            long c = stats.count(j);
            missing += stats.missing(j);
            if (c == 0) {
                continue;
            }
            count += c;
            zeros += stats.zeros(j);
            min = Math.min(min, stats.min(j));
            max = Math.max(max, stats.max(j));
            weighted += c * stats.mean(j);
            constant += stats.constant(j) ? 1 : 0;
            integer &= stats.allInteger(j);
        }
        double mean = count == 0 ? Double.NaN : weighted / count;
        double ss = 0;
        for (int j = 0; j < stats.columns(); j++) {
            long c = stats.count(j);
            if (c > 0) {
                double dm = stats.mean(j) - mean;
                ss += stats.variance(j) * c + c * dm * dm;
            }
        }
        return new Pooled(count, missing, zeros, count == 0 ? Float.NaN : min, count == 0 ? Float.NaN : max, mean,
                count == 0 ? Double.NaN : Math.sqrt(ss / count), constant, integer);
    }

    /** Statistics of all values of all features together. */
    public record Pooled(long values, long missing, long zeros, float min, float max, double mean, double std,
                         int constantFeatures, boolean allInteger) {
    }
}
