package dev.embedscope.stats;

import java.util.Arrays;

/**
 * Per-column counts and moments of a float matrix, accumulated block by block and mergeable
 * exactly: finite count, NaN count, infinity count, zeros, min, max, smallest positive value,
 * mean and the sum of squared deviations (Chan, Golub and LeVeque 1979, pairwise update), and
 * whether every finite value is an integer. One pass over each block of rows, on flat arrays.
 */
public final class Moments {

    final int cols;
    final long[] count;
    final long[] missing;
    final long[] infinite;
    final long[] zeros;
    final float[] min;
    final float[] max;
    final float[] minPositive;
    final double[] mean;
    final double[] m2;
    final boolean[] nonInteger;
    long rows;

    /** Rows per chunk: a chunk of the block stays in cache between the two passes. */
    static final int CHUNK = 32;

    // scratch for one chunk, reused
    private final double[] cMean;
    private final double[] cM2;
    private final float[] cMin;
    private final float[] cMax;
    private final int[] cMinPositive;
    private static final int POSITIVE_INFINITY_BITS = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
    private final int[] cZeros;
    private final boolean[] cNonInteger;

    public Moments(int cols) {
        this.cols = cols;
        count = new long[cols];
        missing = new long[cols];
        infinite = new long[cols];
        zeros = new long[cols];
        min = new float[cols];
        max = new float[cols];
        minPositive = new float[cols];
        mean = new double[cols];
        m2 = new double[cols];
        nonInteger = new boolean[cols];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        Arrays.fill(minPositive, Float.POSITIVE_INFINITY);
        cMean = new double[cols];
        cM2 = new double[cols];
        cMin = new float[cols];
        cMax = new float[cols];
        cMinPositive = new int[cols];
        cZeros = new int[cols];
        cNonInteger = new boolean[cols];
    }

    public long rows() {
        return rows;
    }

    /** Adds {@code rowCount} rows of a row-major block ({@code rowCount × cols} values from offset 0). */
    public void accept(float[] block, int rowCount) {
        for (int r0 = 0; r0 < rowCount; r0 += CHUNK) {
            acceptChunk(block, r0 * cols, Math.min(CHUNK, rowCount - r0));
        }
        rows += rowCount;
    }

    /**
     * Two passes over a cached chunk, written for the common case of finite values (plain array
     * updates the JIT can vectorise); a column whose chunk sum is not finite (it holds NaN or an
     * infinity, or overflowed) is then redone value by value.
     */
    private void acceptChunk(float[] b, int offset, int rowCount) {
        final int d = cols;
        final double[] sum = cMean;
        Arrays.fill(sum, 0);
        Arrays.fill(cM2, 0);
        Arrays.fill(cMin, Float.POSITIVE_INFINITY);
        Arrays.fill(cMax, Float.NEGATIVE_INFINITY);
        Arrays.fill(cMinPositive, POSITIVE_INFINITY_BITS);
        Arrays.fill(cZeros, 0);
        Arrays.fill(cNonInteger, false);
        // one simple loop per statistic over the cached chunk: each compiles to branch-free code
        for (int i = 0; i < rowCount; i++) {
            int base = offset + i * d;
            for (int j = 0; j < d; j++) {
                sum[j] += b[base + j];
            }
            for (int j = 0; j < d; j++) {
                float x = b[base + j];
                cMin[j] = x < cMin[j] ? x : cMin[j];
                cMax[j] = x > cMax[j] ? x : cMax[j];
            }
            for (int j = 0; j < d; j++) {
                // zero count and smallest positive value on the float bits: positive floats order as ints
                int bits = Float.floatToRawIntBits(b[base + j]);
                int abs = bits & 0x7fffffff;
                int zeroOrNegative = (bits >> 31) | ((abs - 1) >> 31);
                cZeros[j] += (abs - 1) >>> 31;
                int key = (bits & ~zeroOrNegative) | (POSITIVE_INFINITY_BITS & zeroOrNegative);
                cMinPositive[j] = Math.min(cMinPositive[j], key);
            }
            for (int j = 0; j < d; j++) {
                float x = b[base + j];
                cNonInteger[j] |= (float) (int) x != x;
            }
        }
        double inv = 1.0 / rowCount;
        for (int j = 0; j < d; j++) {
            sum[j] *= inv;
        }
        final double[] chunkMean = sum;
        for (int i = 0; i < rowCount; i++) {
            int base = offset + i * d;
            for (int j = 0; j < d; j++) {
                double dev = b[base + j] - chunkMean[j];
                cM2[j] += dev * dev;
            }
        }
        for (int j = 0; j < d; j++) {
            double m = chunkMean[j];
            if (m - m != 0) {
                slowColumn(b, offset, rowCount, j);
                continue;
            }
            zeros[j] += cZeros[j];
            min[j] = Math.min(min[j], cMin[j]);
            max[j] = Math.max(max[j], cMax[j]);
            minPositive[j] = Math.min(minPositive[j], Float.intBitsToFloat(cMinPositive[j]));
            // (int) saturates beyond ±2^31, where every float is a whole number anyway
            nonInteger[j] |= cNonInteger[j] && (Math.abs(cMax[j]) < 0x1p31f && Math.abs(cMin[j]) < 0x1p31f
                    || anyFraction(b, offset, rowCount, j));
            combine(j, rowCount, m, cM2[j]);
        }
    }

    private boolean anyFraction(float[] b, int offset, int rowCount, int j) {
        for (int i = 0; i < rowCount; i++) {
            float x = b[offset + i * cols + j];
            if (Math.rint(x) != x) {
                return true;
            }
        }
        return false;
    }

    /** One column of a chunk that holds non-finite values: counted value by value. */
    private void slowColumn(float[] b, int offset, int rowCount, int j) {
        final int d = cols;
        long n = 0;
        double s = 0;
        for (int i = 0; i < rowCount; i++) {
            float x = b[offset + i * d + j];
            if (x != x) {
                missing[j]++;
            } else if (x == Float.POSITIVE_INFINITY || x == Float.NEGATIVE_INFINITY) {
                infinite[j]++;
            } else {
                n++;
                s += x;
                min[j] = Math.min(min[j], x);
                max[j] = Math.max(max[j], x);
                if (x == 0f) {
                    zeros[j]++;
                } else if (x > 0f && x < minPositive[j]) {
                    minPositive[j] = x;
                }
                nonInteger[j] |= Math.rint(x) != x;
            }
        }
        if (n == 0) {
            return;
        }
        double m = s / n;
        double ss = 0;
        for (int i = 0; i < rowCount; i++) {
            float x = b[offset + i * d + j];
            if (x - x == 0f) {
                double dev = x - m;
                ss += dev * dev;
            }
        }
        combine(j, n, m, ss);
    }

    /** Adds everything another accumulator saw (same column count). */
    public void merge(Moments other) {
        if (other.cols != cols) {
            throw new IllegalArgumentException("cannot merge moments of " + other.cols + " columns into " + cols);
        }
        for (int j = 0; j < cols; j++) {
            missing[j] += other.missing[j];
            infinite[j] += other.infinite[j];
            zeros[j] += other.zeros[j];
            min[j] = Math.min(min[j], other.min[j]);
            max[j] = Math.max(max[j], other.max[j]);
            minPositive[j] = Math.min(minPositive[j], other.minPositive[j]);
            nonInteger[j] |= other.nonInteger[j];
            combine(j, other.count[j], other.mean[j], other.m2[j]);
        }
        rows += other.rows;
    }

    private void combine(int j, long nb, double meanB, double m2B) {
        if (nb == 0) {
            return;
        }
        long na = count[j];
        if (na == 0) {
            count[j] = nb;
            mean[j] = meanB;
            m2[j] = m2B;
            return;
        }
        long n = na + nb;
        double delta = meanB - mean[j];
        mean[j] += delta * nb / n;
        m2[j] += m2B + delta * delta * ((double) na * nb / n);
        count[j] = n;
    }
}
