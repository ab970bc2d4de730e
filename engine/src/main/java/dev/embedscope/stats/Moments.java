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

    // scratch for one block, reused
    private final long[] bCount;
    private final double[] bSum;
    private final double[] bM2;

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
        bCount = new long[cols];
        bSum = new double[cols];
        bM2 = new double[cols];
    }

    public long rows() {
        return rows;
    }

    /** Adds {@code rowCount} rows of a row-major block ({@code rowCount × cols} values from offset 0). */
    public void accept(float[] block, int rowCount) {
        final int d = cols;
        Arrays.fill(bCount, 0);
        Arrays.fill(bSum, 0);
        Arrays.fill(bM2, 0);
        for (int i = 0; i < rowCount; i++) {
            int base = i * d;
            for (int j = 0; j < d; j++) {
                float x = block[base + j];
                if (x != x) {
                    missing[j]++;
                    continue;
                }
                if (x == Float.POSITIVE_INFINITY || x == Float.NEGATIVE_INFINITY) {
                    infinite[j]++;
                    continue;
                }
                bCount[j]++;
                bSum[j] += x;
                if (x < min[j]) {
                    min[j] = x;
                }
                if (x > max[j]) {
                    max[j] = x;
                }
                if (x == 0f) {
                    zeros[j]++;
                } else if (x > 0f && x < minPositive[j]) {
                    minPositive[j] = x;
                }
                if (x != (float) (long) x) {
                    nonInteger[j] = true;
                }
            }
        }
        for (int j = 0; j < d; j++) {
            if (bCount[j] > 0) {
                bSum[j] /= bCount[j];
            }
        }
        for (int i = 0; i < rowCount; i++) {
            int base = i * d;
            for (int j = 0; j < d; j++) {
                float x = block[base + j];
                if (x - x == 0f) {
                    double dev = x - bSum[j];
                    bM2[j] += dev * dev;
                }
            }
        }
        for (int j = 0; j < d; j++) {
            combine(j, bCount[j], bSum[j], bM2[j]);
        }
        rows += rowCount;
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
