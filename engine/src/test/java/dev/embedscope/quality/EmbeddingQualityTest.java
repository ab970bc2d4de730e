package dev.embedscope.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.knn.Points;
import dev.embedscope.util.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingQualityTest {

    @Test
    void identityEmbeddingIsPerfectAndAShuffleIsNot() {
        int n = 400;
        Random r = new Random(1);
        float[] x = new float[n * 2];
        double[] y = new double[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            x[2 * i] = (float) (r.nextGaussian() + 20 * labels[i]);
            x[2 * i + 1] = (float) r.nextGaussian();
            y[2 * i] = x[2 * i];
            y[2 * i + 1] = x[2 * i + 1];
        }
        try (Parallel p = new Parallel(2)) {
            EmbeddingQuality.Quality same = EmbeddingQuality.measure(new Points(x, n, 2), y, 2, null,
                    Double.NaN, labels, 1000, 1, p);
            assertEquals(1.0, same.knnPreservation(), 1e-12);
            assertEquals(1.0, same.trustworthiness(), 1e-12);
            assertEquals(1.0, same.knnAccuracy(), 1e-12);
            assertEquals(n, same.queries());
            // a random permutation of the positions keeps nothing
            double[] shuffled = y.clone();
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                for (int c = 0; c < 2; c++) {
                    double t = shuffled[2 * i + c];
                    shuffled[2 * i + c] = shuffled[2 * j + c];
                    shuffled[2 * j + c] = t;
                }
            }
            EmbeddingQuality.Quality bad = EmbeddingQuality.measure(new Points(x, n, 2), shuffled, 2, null,
                    Double.NaN, labels, 1000, 1, p);
            assertTrue(bad.knnPreservation() < 0.1, "preservation " + bad.knnPreservation());
            assertTrue(bad.trustworthiness() < 0.6, "trustworthiness " + bad.trustworthiness());
            assertEquals(0.5, bad.knnAccuracy(), 0.1);
            // sampled queries: same answer for a perfect embedding
            EmbeddingQuality.Quality sampled = EmbeddingQuality.measure(new Points(x, n, 2), y, 2, null,
                    Double.NaN, labels, 50, 3, p);
            assertEquals(50, sampled.queries());
            assertEquals(1.0, sampled.trustworthiness(), 1e-12);
        }
    }

    @Test
    void rankAndVoteByHand() {
        double[] dist = {0, 4, 1, 9, 1};
        // from point 0: point 2 and 4 tie at 1 (index order), then 1 at 4, then 3 at 9
        assertEquals(1, EmbeddingQuality.rank(dist, 0, 2));
        assertEquals(2, EmbeddingQuality.rank(dist, 0, 4));
        assertEquals(3, EmbeddingQuality.rank(dist, 0, 1));
        assertEquals(4, EmbeddingQuality.rank(dist, 0, 3));
        int[] labels = {0, 1, 1, 0, 2};
        assertTrue(EmbeddingQuality.vote(labels, new int[] {1, 2, 3}, 1)); // two votes for class 1
        // three-way tie: the nearest (3, class 0) wins
        assertTrue(EmbeddingQuality.vote(labels, new int[] {3, 1, 4}, 0));
    }
}
