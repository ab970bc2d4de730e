package dev.embedscope.tsne;

/**
 * A sparse matrix of affinities in compressed sparse row form: row i's entries are
 * {@code cols[rowStart[i] .. rowStart[i+1])} with values {@code vals[…]}, columns ascending. Values are
 * float32, each the double sum of two float32 conditional probabilities rounded once (relative errors of
 * 6e-8, far below what the approximate forces leave), as the OpenCL backend holds them too: 4 bytes an
 * entry less than double, and P is the largest array of a large run.
 */
public record SparseP(int n, int[] rowStart, int[] cols, float[] vals, double plogp) {

    /** A matrix; {@code plogp} = Σ p log p over its entries, the fixed part of the KL, is computed here once. */
    public SparseP(int n, int[] rowStart, int[] cols, float[] vals) {
        this(n, rowStart, cols, vals, plogp(vals));
    }

    private static double plogp(float[] vals) {
        double s = 0;
        for (double v : vals) {
            if (v > 0) {
                s += v * Math.log(v);
            }
        }
        return s;
    }

    public int nonZeros() {
        return rowStart[n];
    }

    /** Sum of all entries. */
    public double sum() {
        double s = 0;
        for (double v : vals) {
            s += v;
        }
        return s;
    }

    /** Entry (i, j), or 0. */
    public double get(int i, int j) {
        int lo = rowStart[i];
        int hi = rowStart[i + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cols[mid] < j) {
                lo = mid + 1;
            } else if (cols[mid] > j) {
                hi = mid - 1;
            } else {
                return vals[mid];
            }
        }
        return 0;
    }
}
