package dev.embedscope.tsne;

import java.util.Arrays;

/**
 * Morton (Z-order) codes of points in 2-D or 3-D (Morton 1966): each coordinate quantised to an
 * integer cell, whose bits are interleaved so that points close in space get close codes. The
 * Barnes-Hut tree quantises onto square cells of its bounding box ({@link #codesOnSquareGrid});
 * the spatial renumbering stretches the grid to each axis ({@link #codesOnStretchedGrid}).
 */
final class Morton {

    private Morton() {
    }

    /** The per-axis minimum and maximum of {@code n} points: {@code lo[c]}, {@code hi[c]}. */
    static void bounds(double[] y, int n, int dims, double[] lo, double[] hi) {
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dims; c++) {
                double v = y[dims * i + c];
                lo[c] = Math.min(lo[c], v);
                hi[c] = Math.max(hi[c], v);
            }
        }
    }

    /**
     * Codes on a grid of 2^bits square cells a side over the bounding box's largest side (the cell a
     * point falls in, clamped to the grid): what a quadtree or octree splits on.
     */
    static void codesOnSquareGrid(double[] y, int n, int dims, int bits, long[] codes) {
        double[] lo = new double[dims];
        double[] hi = new double[dims];
        bounds(y, n, dims, lo, hi);
        double extent = 0;
        for (int c = 0; c < dims; c++) {
            extent = Math.max(extent, hi[c] - lo[c]);
        }
        if (!(extent > 0)) {
            extent = 1;
        }
        long cellsPerSide = 1L << bits;
        double scale = cellsPerSide / (extent * (1 + 1e-9));
        for (int i = 0; i < n; i++) {
            long code = 0;
            for (int c = 0; c < dims; c++) {
                long q = (long) ((y[dims * i + c] - lo[c]) * scale);
                q = Math.max(0, Math.min(cellsPerSide - 1, q));
                code |= spread(q, dims) << c;
            }
            codes[i] = code;
        }
    }

    /** Codes on a grid of 2^bits cells along each axis, stretched to that axis's range: an ordering of the points. */
    static void codesOnStretchedGrid(double[] y, int n, int dims, int bits, long[] codes) {
        double[] lo = new double[dims];
        double[] hi = new double[dims];
        bounds(y, n, dims, lo, hi);
        long cells = 1L << bits;
        for (int i = 0; i < n; i++) {
            long code = 0;
            for (int c = 0; c < dims; c++) {
                double extent = hi[c] - lo[c];
                long q = extent > 0 ? (long) ((y[dims * i + c] - lo[c]) / extent * (cells - 1)) : 0;
                code |= spread(q, dims) << c;
            }
            codes[i] = code;
        }
    }

    /** Spreads the low bits of q so that {@code dims − 1} zero bits separate them. */
    static long spread(long q, int dims) {
        return dims == 2 ? spread2(q) : spread3(q);
    }

    /** 32 bits → every other bit of 64 (magic-number interleave). */
    static long spread2(long x) {
        x &= 0xffffffffL;
        x = (x | (x << 16)) & 0x0000ffff0000ffffL;
        x = (x | (x << 8)) & 0x00ff00ff00ff00ffL;
        x = (x | (x << 4)) & 0x0f0f0f0f0f0f0f0fL;
        x = (x | (x << 2)) & 0x3333333333333333L;
        x = (x | (x << 1)) & 0x5555555555555555L;
        return x;
    }

    /** 21 bits → every third bit of 63. */
    static long spread3(long x) {
        x &= 0x1fffffL;
        x = (x | (x << 32)) & 0x1f00000000ffffL;
        x = (x | (x << 16)) & 0x1f0000ff0000ffL;
        x = (x | (x << 8)) & 0x100f00f00f00f00fL;
        x = (x | (x << 4)) & 0x10c30c30c30c30c3L;
        x = (x | (x << 2)) & 0x1249249249249249L;
        return x;
    }
}
