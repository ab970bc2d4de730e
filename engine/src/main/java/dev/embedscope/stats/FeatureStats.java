package dev.embedscope.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-feature statistics of one split: count of finite values, missing (NaN), infinities,
 * zeros, min, max, smallest positive value, mean, standard deviation (population, ddof 0),
 * quantiles at 1, 25, 50, 75 and 99 %, distinct values (exact or estimated), and whether every
 * value is an integer. Arbitrary quantiles stay available through {@link #quantile}.
 */
public final class FeatureStats {

    /** The quantile ranks reported for every feature. */
    public static final double[] RANKS = {0.01, 0.25, 0.50, 0.75, 0.99};

    private final long rows;
    private final Moments m;
    private final ColumnSketches sketches;
    private final float[] quantiles;

    FeatureStats(Moments moments, ColumnSketches sketches) {
        this.rows = moments.rows;
        this.m = moments;
        this.sketches = sketches;
        int d = moments.cols;
        quantiles = new float[d * RANKS.length];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < RANKS.length; k++) {
                quantiles[j * RANKS.length + k] = sketches == null ? Float.NaN : sketches.column(j).quantile(RANKS[k]);
            }
        }
    }

    /** Statistics built from accumulated moments and sketches (sketches may be null: no quantiles). */
    public static FeatureStats of(Moments moments, ColumnSketches sketches) {
        return new FeatureStats(moments, sketches);
    }

    public long rows() {
        return rows;
    }

    public int columns() {
        return m.cols;
    }

    public long count(int j) {
        return m.count[j];
    }

    public long missing(int j) {
        return m.missing[j];
    }

    public long infinite(int j) {
        return m.infinite[j];
    }

    public long zeros(int j) {
        return m.zeros[j];
    }

    /** Smallest finite value; NaN when the column has none. */
    public float min(int j) {
        return m.count[j] == 0 ? Float.NaN : m.min[j];
    }

    public float max(int j) {
        return m.count[j] == 0 ? Float.NaN : m.max[j];
    }

    /** Smallest value above zero; NaN when there is none. */
    public float minPositive(int j) {
        return m.minPositive[j] == Float.POSITIVE_INFINITY ? Float.NaN : m.minPositive[j];
    }

    public double mean(int j) {
        return m.count[j] == 0 ? Double.NaN : m.mean[j];
    }

    /** Population standard deviation (ddof 0), as scikit-learn's StandardScaler uses. */
    public double std(int j) {
        return m.count[j] == 0 ? Double.NaN : Math.sqrt(m.m2[j] / m.count[j]);
    }

    public double variance(int j) {
        return m.count[j] == 0 ? Double.NaN : m.m2[j] / m.count[j];
    }

    /** True when every finite value is a whole number. */
    public boolean allInteger(int j) {
        return m.count[j] > 0 && !m.nonInteger[j];
    }

    public boolean constant(int j) {
        return m.count[j] == 0 || m.min[j] == m.max[j];
    }

    /** Column {@code j}'s sketch (null without sketches), for figures computed from two splits' sketches. */
    public ColumnSketch sketch(int j) {
        return sketches == null ? null : sketches.column(j);
    }

    public boolean hasQuantiles() {
        return sketches != null;
    }

    /** Quantile {@code k} of {@link #RANKS} for feature {@code j}. */
    public float reportedQuantile(int j, int k) {
        return quantiles[j * RANKS.length + k];
    }

    public float median(int j) {
        return reportedQuantile(j, 2);
    }

    /** Any quantile (inclusive definition); exact when {@link #quantilesExact(int)}. */
    public float quantile(int j, double rank) {
        if (sketches == null) {
            throw new IllegalStateException("statistics were computed without sketches");
        }
        return sketches.column(j).quantile(rank);
    }

    public boolean quantilesExact(int j) {
        return sketches != null && sketches.column(j).isExact();
    }

    /** Distinct finite values; -1 without sketches. */
    public long distinct(int j) {
        return sketches == null ? -1 : sketches.column(j).distinct();
    }

    /** One record per feature, for JSON and tables. */
    public List<ColumnSummary> summaries(List<String> names) {
        List<ColumnSummary> out = new ArrayList<>(columns());
        for (int j = 0; j < columns(); j++) {
            float[] q = new float[RANKS.length];
            System.arraycopy(quantiles, j * RANKS.length, q, 0, RANKS.length);
            out.add(new ColumnSummary(names.get(j), count(j), missing(j), infinite(j),
                    zeros(j), min(j), max(j), mean(j),
                    std(j), q, quantilesExact(j), distinct(j), allInteger(j)));
        }
        return out;
    }

    /** The statistics of one feature, as written to JSON. */
    public record ColumnSummary(String name, long count, long missing, long infinite, long zeros, float min, float max,
                                double mean, double std, float[] quantiles, boolean quantilesExact, long distinct,
                                boolean integer) {
    }
}
