package dev.embedscope.tsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.util.Parallel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The adaptive repulsion is the FFT repulsion on a compact layout and Barnes-Hut on a spread one, bit for bit,
 * whatever the thread count, and chooses by the grid its cost model allows.
 */
class AdaptiveRepulsionTest {

    static final int N = 20_000;

    /** N points uniform in a square of the given side. */
    static double[] square(double side, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[2 * N];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextDouble(-side / 2, side / 2);
        }
        return y;
    }

    @Test
    void theCostModelTakesTheFftForSmallGridsAndNeverBelowAFewThousandPoints() {
        // at 70,000 points the crossover is a grid of about 382 nodes a side (127 intervals of width 1)
        assertEquals(382, Math.sqrt(AdaptiveRepulsion.largestFftGrid(70_000)), 1);
        // the smallest FFT grid has 50 intervals of 3 nodes: under about 12,000 points Barnes-Hut is cheaper
        assertTrue(AdaptiveRepulsion.largestFftGrid(10_000) < 150 * 150);
        assertTrue(AdaptiveRepulsion.largestFftGrid(1_000_000) > 1500 * 1500);
    }

    @Test
    void compactIsFftAndSpreadIsBarnesHutBitForBitWhateverTheThreads() {
        double[] compact = square(7, 1); // 56 intervals of 1/8 → 60 smooth → 180 nodes: under the 189 allowed
        double[] spread = square(300, 2); // 300 intervals → 900 nodes
        for (int threads : new int[] {1, 3}) {
            try (Parallel p = new Parallel(threads)) {
                AdaptiveRepulsion a = new AdaptiveRepulsion(N, 0.5, p);
                assertTrue(a.usesFft(compact));
                assertFalse(a.usesFft(spread));
                double[] got = new double[2 * N];
                double[] want = new double[2 * N];
                assertEquals(new FftRepulsion(N, p).compute(compact, want), a.compute(compact, got));
                assertArrayEquals(want, got);
                assertEquals(new BarnesHutRepulsion(N, 2, 0.5, p).compute(spread, want), a.compute(spread, got));
                assertArrayEquals(want, got);
                assertArrayEquals(new int[] {1, 1}, a.evaluations());
            }
        }
        double[] one = new double[2 * N];
        double[] three = new double[2 * N];
        try (Parallel p1 = new Parallel(1); Parallel p3 = new Parallel(3)) {
            new AdaptiveRepulsion(N, 0.5, p1).compute(compact, one);
            new AdaptiveRepulsion(N, 0.5, p3).compute(compact, three);
        }
        assertArrayEquals(one, three);
    }
}
