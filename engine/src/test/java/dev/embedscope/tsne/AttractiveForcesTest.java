package dev.embedscope.tsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.util.Parallel;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The optimiser's single-precision attractive forces against the exact double-precision twin. */
class AttractiveForcesTest {

    /** n rows of about 100 sorted neighbours near their own index, the weights summing to about 1. */
    static SparseP graph(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] start = new int[n + 1];
        int per = 100;
        int[] cols = new int[n * per];
        float[] vals = new float[n * per];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + per;
            for (int e = start[i]; e < start[i + 1]; e++) {
                cols[e] = Math.floorMod(i + (int) (r.nextGaussian() * 300), n);
                vals[e] = (float) r.nextDouble(0.1, 2) / (n * per);
            }
            Arrays.sort(cols, start[i], start[i + 1]);
        }
        return new SparseP(n, start, cols, vals);
    }

    @Test
    void singlePrecisionEdgesStayWithinAHundredThousandthOfTheExactForce() {
        int n = 5000;
        SparseP p = graph(n, 3);
        SplittableRandom r = new SplittableRandom(4);
        for (double span : new double[] {1e-3, 10, 250}) {
            // points in clusters of the given span (a late layout spans a few hundred units), neighbours close
            double[] y = new double[2 * n];
            for (int i = 0; i < n; i++) {
                double cx = span * Math.cos(i * 2 * Math.PI / n);
                double cy = span * Math.sin(i * 2 * Math.PI / n);
                y[2 * i] = cx + r.nextGaussian() * span / 50;
                y[2 * i + 1] = cy + r.nextGaussian() * span / 50;
            }
            double[] exact = new double[2 * n];
            double[] fast = new double[2 * n];
            double[] threeThreads = new double[2 * n];
            try (Parallel one = new Parallel(1); Parallel three = new Parallel(3)) {
                AttractiveForces.compute(p, y, 2, exact, one);
                AttractiveForces.compute2d(p, y, new float[2 * n], fast, one);
                AttractiveForces.compute2d(p, y, new float[2 * n], threeThreads, three);
            }
            assertArrayEquals(fast, threeThreads, "bit for bit whatever the threads");
            double err = 0;
            double norm = 0;
            for (int c = 0; c < 2 * n; c++) {
                err += (fast[c] - exact[c]) * (fast[c] - exact[c]);
                norm += exact[c] * exact[c];
            }
            double relative = Math.sqrt(err / norm);
            assertTrue(relative < 1e-5, "span " + span + ": relative error " + relative);
        }
    }
}
