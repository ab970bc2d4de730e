package dev.embedscope.tsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedscope.util.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pruned grid convolution against the direct double sum, the full 2-D transform, and itself on more threads. */
class GridConvolutionTest {

    static final GridConvolution.Kernel CAUCHY_SQUARED = (da, db) -> {
        double q = 1 / (1 + (da * da + db * db) * 0.09);
        return q * q;
    };

    static double[] randomGrid(GridConvolution c, int m, long seed) {
        Random r = new Random(seed);
        double[] g = new double[c.gridLength()];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                g[2 * (a * c.stride() + b)] = r.nextDouble();
                g[2 * (a * c.stride() + b) + 1] = r.nextGaussian();
            }
            for (int b = m; b < c.stride(); b++) {
                g[2 * (a * c.stride() + b)] = 99; // padding may hold anything
            }
        }
        return g;
    }

    @Test
    void equalsTheDirectSumOfEveryPair() {
        int m = 15; // 30 = 2 · 3 · 5: JTransforms' mixed radix
        double[] g;
        double[] in;
        GridConvolution c;
        try (Parallel p = new Parallel(2)) {
            c = new GridConvolution(m, CAUCHY_SQUARED, p);
            g = randomGrid(c, m, 1);
            in = g.clone();
            c.convolve(g, p);
        }
        int s = c.stride();
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double re = 0;
                double im = 0;
                for (int a2 = 0; a2 < m; a2++) {
                    for (int b2 = 0; b2 < m; b2++) {
                        double k = CAUCHY_SQUARED.at(a - a2, b - b2);
                        re += k * in[2 * (a2 * s + b2)];
                        im += k * in[2 * (a2 * s + b2) + 1];
                    }
                }
                assertEquals(re, g[2 * (a * s + b)], 1e-12 * m * m, "re at " + a + "," + b);
                assertEquals(im, g[2 * (a * s + b) + 1], 1e-12 * m * m, "im at " + a + "," + b);
            }
        }
    }

    @Test
    void equalsTheFullTwoDimensionalTransform() {
        int m = 48;
        GridConvolution c;
        double[] pruned;
        double[] dense;
        try (Parallel p = new Parallel(2)) {
            c = new GridConvolution(m, CAUCHY_SQUARED, p);
            pruned = randomGrid(c, m, 2);
            dense = pruned.clone();
            c.convolve(pruned, p);
        }
        c.convolveDense(dense);
        int s = c.stride();
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < 2 * m; b++) {
                assertEquals(dense[2 * a * s + b], pruned[2 * a * s + b], 1e-12, "row " + a + ", value " + b);
            }
        }
    }

    /** The kernel's spectrum and the convolution built and run on one thread and on three. */
    @Test
    void oneThreadAndSeveralGiveTheSameBits() {
        int m = 60;
        double[] one;
        double[] three;
        try (Parallel p = new Parallel(1)) {
            GridConvolution c = new GridConvolution(m, CAUCHY_SQUARED, p);
            one = randomGrid(c, m, 3);
            c.convolve(one, p);
        }
        try (Parallel p = new Parallel(3)) {
            GridConvolution c = new GridConvolution(m, CAUCHY_SQUARED, p);
            three = randomGrid(c, m, 3);
            c.convolve(three, p);
        }
        assertArrayEquals(one, three, 0);
    }
}
