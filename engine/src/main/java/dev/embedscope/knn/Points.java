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

    /** The first {@code m} points (sharing nothing with this). */
    public Points first(int m) {
        return new Points(Arrays.copyOf(values, m * d), m, d);
    }
}
