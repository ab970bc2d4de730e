package dev.embedscope.tsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.util.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The FFT-interpolated repulsion against its exact twin, and on one thread against several. */
class FftRepulsionTest {

    /** Points like a late embedding: a few clusters of different sizes, tens of units apart. */
    static double[] embeddingLike(int n, long seed, double spread) {
        Random r = new Random(seed);
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            int c = i % 7;
            double angle = 2 * Math.PI * c / 7;
            double scale = 1 + c % 3;
            y[2 * i] = spread * Math.cos(angle) + scale * r.nextGaussian() + 3;
            y[2 * i + 1] = spread * Math.sin(angle) + scale * r.nextGaussian() - 5;
        }
        return y;
    }

    /** Relative error of the normalised repulsion rep / Z (what enters the gradient), and of Z. */
    static double[] errors(double[] y, FftRepulsion.Grid grid) {
        int n = y.length / 2;
        double[] exact = new double[2 * n];
        double[] fast = new double[2 * n];
        double zExact;
        double zFast;
        try (Parallel p = new Parallel(2)) {
            zExact = new ExactRepulsion(n, 2, p).compute(y, exact);
            zFast = new FftRepulsion(n, grid, p).compute(y, fast);
        }
        double num = 0;
        double den = 0;
        for (int e = 0; e < 2 * n; e++) {
            double d = fast[e] / zFast - exact[e] / zExact;
            num += d * d;
            den += exact[e] / zExact * exact[e] / zExact;
        }
        return new double[] {Math.sqrt(num / den), Math.abs(zFast - zExact) / zExact};
    }

    static final FftRepulsion.Grid DEFAULT = new FftRepulsion.Grid(FftRepulsion.DEFAULT_NODES,
            FftRepulsion.DEFAULT_INTERVALS_PER_UNIT, FftRepulsion.DEFAULT_MIN_INTERVALS);

    /**
     * Small inputs (spans of 3 to 12 units, as in the early iterations): within 1e-3 at the default grid. Wider
     * layouts need a finer grid for that (see the next test and the design notes).
     */
    @Test
    void matchesTheExactRepulsionOnSmallInputsAtTheDefaultGrid() {
        for (double spread : new double[] {0.5, 1, 2}) {
            double[] e = errors(embeddingLike(1500, 3, spread), DEFAULT);
            assertTrue(e[0] <= 1e-3, "spread " + spread + ": relative error of rep/Z " + e[0]);
            assertTrue(e[1] <= 1e-4, "spread " + spread + ": relative error of Z " + e[1]);
        }
        double[] wide = errors(embeddingLike(1500, 3, 40), new FftRepulsion.Grid(5, 2, 50));
        assertTrue(wide[0] <= 1e-3, "a 90-unit layout on a 5-node, half-unit grid: " + wide[0]);
    }

    @Test
    void theFrameIsTheTwoPassOneBitForBit() {
        // the frame reads the points once; its corner and span are those of the positions less their mean
        for (long seed = 1; seed <= 5; seed++) {
            double[] y = embeddingLike(2000 + (int) seed, seed, 10 * seed);
            int n = y.length / 2;
            double cx = 0;
            double cy = 0;
            for (int i = 0; i < n; i++) {
                cx += y[2 * i];
                cy += y[2 * i + 1];
            }
            cx /= n;
            cy /= n;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, Math.min(y[2 * i] - cx, y[2 * i + 1] - cy));
                hi = Math.max(hi, Math.max(y[2 * i] - cx, y[2 * i + 1] - cy));
            }
            FftRepulsion.Frame f = FftRepulsion.frame(i -> y[i], n, DEFAULT);
            assertEquals(cx, f.cx());
            assertEquals(cy, f.cy());
            assertEquals(lo, f.lo());
            assertEquals(FftRepulsion.smooth((int) Math.ceil((hi - lo) / f.width())), f.intervals());
        }
    }

    @Test
    void aFinerGridLowersTheError() {
        double[] y = embeddingLike(1200, 5, 30);
        double coarse = errors(y, new FftRepulsion.Grid(2, 0.5, 10))[0];
        double middle = errors(y, new FftRepulsion.Grid(3, 1, 50))[0];
        double fine = errors(y, new FftRepulsion.Grid(5, 2, 50))[0];
        assertTrue(fine < middle && middle < coarse, coarse + " > " + middle + " > " + fine);
    }

    @Test
    void oneThreadAndSeveralGiveTheSameBits() {
        double[] y = embeddingLike(3000, 9, 20);
        double[] one = new double[y.length];
        double[] three = new double[y.length];
        double z1;
        double z3;
        try (Parallel p = new Parallel(1)) {
            z1 = new FftRepulsion(3000, p).compute(y, one);
        }
        try (Parallel p = new Parallel(3)) {
            FftRepulsion f = new FftRepulsion(3000, p);
            f.compute(embeddingLike(3000, 10, 50), three); // another grid size first: buffers are reused
            z3 = f.compute(y, three);
        }
        assertEquals(z1, z3, 0);
        assertArrayEquals(one, three, 0);
    }

    @Test
    void fftFriendlySizes() {
        assertEquals(50, FftRepulsion.smooth(50));
        assertEquals(54, FftRepulsion.smooth(51));
        assertEquals(64, FftRepulsion.smooth(63));
        assertEquals(1, FftRepulsion.smooth(0));
    }
}
