package dev.embedscope.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.linalg.Pca;
import dev.embedscope.util.Parallel;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The approximate neighbour graph against brute force (recall), across thread counts, and on awkward data. */
class ApproximateKnnTest {

    static Points clusters(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            int c = i % 12;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (r.nextGaussian() + (j == c % d ? 4 : 0) + (j == (c * 7) % d ? 2 : 0));
            }
        }
        return new Points(v, n, d);
    }

    static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    @Test
    void recallAgainstBruteForceAndTheBruteForceRowsAreTheExactGraph() {
        Points x = clusters(6000, 20, 1);
        int k = 30;
        try (Parallel p = new Parallel(2)) {
            KnnGraph exact = ExactKnn.selfGraph(x, k, p, null);
            int[] rows = {0, 17, 999, 4321, 5999};
            KnnGraph brute = ApproximateKnn.exactRows(x, rows, k, p);
            for (int q = 0; q < rows.length; q++) {
                for (int r = 0; r < k; r++) {
                    assertEquals(exact.neighbour(rows[q], r), brute.neighbour(q, r), "row " + rows[q] + " rank " + r);
                    assertEquals(exact.sqDistance(rows[q], r), brute.sqDistance(q, r), 0f);
                }
            }
            KnnGraph approx = ApproximateKnn.selfGraph(x, k, ApproximateKnn.Settings.forK(k, 3), p);
            double recall = ApproximateKnn.recall(approx, allRows(6000), exact);
            assertTrue(recall >= 0.95, "recall " + recall);
            double forestOnly = ApproximateKnn.recall(ApproximateKnn.selfGraph(x, k,
                    new ApproximateKnn.Settings(2, 64, 0, 20, 3), p), allRows(6000), exact);
            assertTrue(forestOnly < recall, "descent adds recall: " + forestOnly + " → " + recall);
            // every entry is another point, none twice, nearest first, with its true distance
            for (int i = 0; i < 6000; i++) {
                Set<Integer> seen = new HashSet<>();
                for (int r = 0; r < k; r++) {
                    int j = approx.neighbour(i, r);
                    assertNotEquals(i, j);
                    assertTrue(seen.add(j));
                    assertEquals(ApproximateKnn.distance(x, i, j), approx.sqDistance(i, r), 0f);
                    assertTrue(r == 0 || approx.sqDistance(i, r - 1) <= approx.sqDistance(i, r));
                }
            }
        }
    }

    @Test
    void theSameGraphWithOneThreadOrThree() {
        Points x = clusters(5000, 16, 2);
        KnnGraph one;
        KnnGraph three;
        try (Parallel p = new Parallel(1)) {
            one = ApproximateKnn.selfGraph(x, 25, ApproximateKnn.Settings.forK(25, 9), p);
        }
        try (Parallel p = new Parallel(3)) {
            three = ApproximateKnn.selfGraph(x, 25, ApproximateKnn.Settings.forK(25, 9), p);
        }
        assertArrayEquals(one.indices(), three.indices());
        assertArrayEquals(one.sqDistances(), three.sqDistances());
    }

    /**
     * Leaves larger than the data: every tree is one leaf, so the forest alone (no descent) must give the exact
     * graph; with three trees every pair is offered three times, which the per-point heaps must not count twice
     * (a duplicate would push out a true neighbour), and each row must be sorted nearest first.
     */
    @Test
    void aForestOfWholeLeavesIsTheExactGraph() {
        Points x = clusters(600, 8, 4);
        int k = 20;
        try (Parallel p = new Parallel(2)) {
            KnnGraph exact = ExactKnn.selfGraph(x, k, p, null);
            for (int trees : new int[] {1, 3}) {
                KnnGraph g = ApproximateKnn.selfGraph(x, k, new ApproximateKnn.Settings(trees, 1000, 0, 20, 7), p);
                assertEquals(1.0, ApproximateKnn.recall(g, allRows(600), exact), trees + " tree(s)");
                for (int i = 0; i < 600; i++) {
                    Set<Integer> seen = new HashSet<>();
                    for (int r = 0; r < k; r++) {
                        assertTrue(seen.add(g.neighbour(i, r)), "row " + i + " lists a neighbour twice");
                        assertNotEquals(i, g.neighbour(i, r));
                        if (r > 0) {
                            assertTrue(g.sqDistance(i, r - 1) <= g.sqDistance(i, r), "row " + i + " is sorted");
                        }
                    }
                }
            }
        }
    }

    @Test
    void copiesAndTooFewPointsPerLeafStillGiveAGraph() {
        int n = 800;
        int d = 5;
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                v[i * d + j] = i < 600 ? 1f : i * 0.01f + j; // 600 identical rows
            }
        }
        Points x = new Points(v, n, d);
        try (Parallel p = new Parallel(2)) {
            KnnGraph g = ApproximateKnn.selfGraph(x, 10, ApproximateKnn.Settings.forK(10, 1), p);
            for (int i = 0; i < 600; i++) {
                assertEquals(0f, g.sqDistance(i, 9), "row " + i + " has ten copies at distance 0");
            }
        }
    }

    @Test
    void asFewPointsAsNeighboursPlusOne() {
        Points x = clusters(31, 4, 5);
        try (Parallel p = new Parallel(2)) {
            KnnGraph g = ApproximateKnn.selfGraph(x, 30, ApproximateKnn.Settings.forK(30, 1), p);
            assertEquals(1.0, ApproximateKnn.recall(g, allRows(31), ExactKnn.selfGraph(x, 30, p, null)));
        }
    }

    @Test
    void fashionMnistSeventyThousandReachesRecall095() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR),
                "needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
        Dataset all = Dataset.concat("all", DataLoader.load("fashion-mnist", LoadOptions.defaults()).all());
        INDArray x = all.features().div(255f);
        INDArray r = Pca.fit(x, 50).transform(x);
        Points p = new Points(FloatMatrix.toArray(r), (int) r.rows(), 50);
        int k = 90;
        SplittableRandom random = new SplittableRandom(1);
        int[] rows = new int[1000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.nextInt(p.n());
        }
        try (Parallel par = new Parallel(2)) {
            KnnGraph approx = ApproximateKnn.selfGraph(p, k, ApproximateKnn.Settings.forK(k, 1), par);
            double recall = ApproximateKnn.recall(approx, rows, ApproximateKnn.exactRows(p, rows, k, par));
            assertTrue(recall >= 0.95, "recall@90 " + recall);
        }
    }

    @Test
    void theSampleThroughTheSettingsDefaults() throws IOException {
        Dataset d = FashionMnist.sample().train();
        INDArray x = d.features().div(255f);
        INDArray r = Pca.fit(x, 50).transform(x);
        Points p = new Points(FloatMatrix.toArray(r), (int) r.rows(), 50);
        try (Parallel par = new Parallel(2)) {
            KnnGraph exact = ExactKnn.selfGraph(p, 90, par, null);
            KnnGraph approx = ApproximateKnn.selfGraph(p, 90, ApproximateKnn.Settings.forK(90, 1), par);
            assertTrue(ApproximateKnn.recall(approx, allRows(p.n()), exact) >= 0.98);
        }
    }
}
