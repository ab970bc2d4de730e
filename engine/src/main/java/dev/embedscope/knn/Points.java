package dev.embedscope.knn;

import java.util.Arrays;

/**
 * N points of D float coordinates, row-major in one flat array ({@code values[d * i + c]}): the
 * form the neighbour search, the quality measures and the device kernels take, free of ND4J so
 * that the GPU machine's kit can use them without it.
 */
public record Points(float[] values, int n, int d) {

    public Points {
        if (values == null || n < 0 || d < 1 || (long) n * d != values.length) {
            throw new IllegalArgumentException("points: " + (values == null ? "no values" : values.length + " values")
                    + " for " + n + " × " + d);
        }
    }

    /** Coordinate c of point i. */
    public float get(int i, int c) {
        return values[d * i + c];
    }

    /**
     * The squared distance between points a and b, in double from the float coordinates, with four
     * independent sums so the additions overlap instead of waiting on one another.
     */
    public double squaredDistance(int a, int b) {
        int oa = a * d;
        int ob = b * d;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < d; t += 4) {
            double d0 = (double) values[oa + t] - values[ob + t];
            double d1 = (double) values[oa + t + 1] - values[ob + t + 1];
            double d2 = (double) values[oa + t + 2] - values[ob + t + 2];
            double d3 = (double) values[oa + t + 3] - values[ob + t + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; t < d; t++) {
            double diff = (double) values[oa + t] - values[ob + t];
            s0 += diff * diff;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The first {@code m} points (sharing nothing with this). */
    public Points first(int m) {
        return new Points(Arrays.copyOf(values, m * d), m, d);
    }
}
