package dev.embedscope.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.embedscope.util.Parallel;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The grid's neighbours of every point against brute force: the same lists, in the same order, ties included. */
class GridNeighboursTest {

    @Test
    void everyPointsNeighboursAreTheBruteForceOnes() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 3000;
        int k = 10;
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            // clusters, a far outlier group, and repeated positions (ties at distance 0 and equal distances)
            int c = i % 7;
            double s = c == 6 ? 200 : 1;
            y[2 * i] = c * 10 + s * r.nextGaussian();
            y[2 * i + 1] = (c % 3) * 10 + s * r.nextGaussian();
            if (i % 50 == 1) {
                y[2 * i] = y[2 * (i - 1)];
                y[2 * i + 1] = y[2 * (i - 1) + 1];
            }
            if (i % 97 == 2) {
                y[2 * i] = Math.rint(y[2 * i]);
                y[2 * i + 1] = Math.rint(y[2 * i + 1]);
            }
        }
        int[] grid;
        int[] gridThree;
        try (Parallel one = new Parallel(1); Parallel three = new Parallel(3)) {
            grid = GridNeighbours.of(y, n, k, one);
            gridThree = GridNeighbours.of(y, n, k, three);
        }
        assertArrayEquals(grid, gridThree);
        double[] dist = new double[n];
        int[] want = new int[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dx = y[2 * i] - y[2 * j];
                double dy = y[2 * i + 1] - y[2 * j + 1];
                dist[j] = dx * dx + dy * dy;
            }
            EmbeddingQuality.nearest(dist, i, k, want);
            assertArrayEquals(want, Arrays.copyOfRange(grid, i * k, i * k + k), "point " + i);
        }
    }

    @Test
    void fewPointsStillGetEveryOtherPoint() {
        double[] y = {0, 0, 1, 0, 0, 1, 5, 5};
        int[] nn;
        try (Parallel p = new Parallel(1)) {
            nn = GridNeighbours.of(y, 4, 3, p);
        }
        assertArrayEquals(new int[] {1, 2, 3}, Arrays.copyOfRange(nn, 0, 3));
        // point 3 at (5, 5): points 1 and 2 tie at 41, the lower index first, then point 0 at 50
        assertArrayEquals(new int[] {1, 2, 0}, Arrays.copyOfRange(nn, 9, 12));
    }
}
