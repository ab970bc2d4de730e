package dev.embedscope.stats;

import dev.embedscope.data.Dataset;
import java.util.List;

/**
 * Everything {@code inspect} knows about one split: its statistics, its groups of identical
 * rows, how well each feature alone predicts the label (tables and other non-image data with labels; null
 * otherwise) and the findings drawn from them.
 */
public record Inspection(Dataset data, FeatureStats stats, List<int[]> duplicateGroups, List<Finding> findings,
                         LabelLeakage.Result leakage, double[] skewness) {

    /** An inspection without predictive-power scores or skewness. */
    public Inspection(Dataset data, FeatureStats stats, List<int[]> duplicateGroups, List<Finding> findings) {
        this(data, stats, duplicateGroups, findings, null, null);
    }

    /**
     * Per feature, the sample skewness {@code m3 / m2^1.5} (Fisher-Pearson, biased, as scipy.stats.skew and
     * pandas without correction), from a second pass around the mean; NaN for a constant or empty feature.
     */
    public static double[] skewness(Dataset data, FeatureStats stats) {
        int d = data.columns();
        double[] m3 = new double[d];
        double[] m2 = new double[d];
        long[] n = new long[d];
        var view = dev.embedscope.data.FloatMatrix.view(data.features());
        float[] row = new float[d];
        for (int i = 0; i < data.rows(); i++) {
            view.get((long) i * d, row, 0, d);
            for (int j = 0; j < d; j++) {
                float v = row[j];
                if (Float.isFinite(v)) {
                    double dev = v - stats.mean(j);
                    double sq = dev * dev;
                    m2[j] += sq;
                    m3[j] += sq * dev;
                    n[j]++;
                }
            }
        }
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            double var = n[j] == 0 ? 0 : m2[j] / n[j];
            out[j] = var <= 1e-24 * Math.max(1, stats.mean(j) * stats.mean(j)) ? Double.NaN
                    : (m3[j] / n[j]) / Math.pow(var, 1.5);
        }
        return out;
    }

    public static Inspection of(Dataset data, StatsOptions options) {
        FeatureStats stats = FeatureStatsCalculator.compute(data.features(), options);
        List<int[]> groups = DuplicateRows.groups(data.features());
        LabelLeakage.Result leakage = data.hasLabels() && !data.isImage() && data.classCount() > 1
                ? LabelLeakage.of(data, 0) : null;
        List<Finding> findings = new java.util.ArrayList<>(DataChecks.run(data, stats, groups));
        double[] skew = data.isImage() ? null : skewness(data, stats);
        if (skew != null) {
            findings.addAll(DataChecks.skewed(data, skew));
        }
        if (leakage != null) {
            findings.addAll(DataChecks.leakage(leakage));
        }
        return new Inspection(data, stats, groups, findings, leakage, skew);
    }

    /** Pooled statistics over all features (for images: over all pixels). */
    public Pooled pooled() {
        return pooled(stats);
    }

    /** Pooled statistics over all features of a split's statistics (for images: over all pixels). */
    public static Pooled pooled(FeatureStats stats) {
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
