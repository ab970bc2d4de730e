package dev.embedscope.tsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.FloatMatrix;
import dev.embedscope.quality.EmbeddingQuality;
import dev.embedscope.util.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Whole runs on small inputs: separation, falling KL, determinism across threads, transform, bad input. */
class TsneTest {

    static final int BLOBS = 5;

    /** Well-separated Gaussian blobs in 20-D: centres 30 apart, unit spread. */
    static float[] blobs(int perBlob, long seed, int[] labels) {
        Random r = new Random(seed);
        int d = 20;
        float[] v = new float[perBlob * BLOBS * d];
        for (int i = 0; i < perBlob * BLOBS; i++) {
            int b = i % BLOBS;
            labels[i] = b;
            for (int c = 0; c < d; c++) {
                v[i * d + c] = (float) (r.nextGaussian() + (c == b ? 30 : 0));
            }
        }
        return v;
    }

    static TsneOptions small() {
        return TsneOptions.defaults().withPerplexity(20).withIterations(500).withExaggeration(12, 150).withThreads(2);
    }

    @Test
    void separatedBlobsEndInSeparateClustersAndKlFalls() {
        int[] labels = new int[500];
        INDArray x = FloatMatrix.of(blobs(100, 1, labels), 500, 20);
        List<Double> kls = new ArrayList<>();
        Embedding e = Tsne.fit(x, 0, small(), new TsneListener() {
            @Override
            public boolean iteration(int it, double kl, double[] y) {
                if (!Double.isNaN(kl)) {
                    kls.add(kl);
                }
                return true;
            }
        });
        for (double v : e.y()) {
            assertTrue(Double.isFinite(v));
        }
        try (Parallel p = new Parallel(2)) {
            EmbeddingQuality.Quality q = EmbeddingQuality.measure(x, e.y(), 2, e.p(), e.kl(), labels, 1000, 1, p);
            assertEquals(1.0, q.knnAccuracy());
            assertTrue(q.trustworthiness() > 0.9, "trustworthiness " + q.trustworthiness());
            assertTrue(q.klExact());
            assertEquals(q.kl(), e.kl(), 0.05 * q.kl(), "Barnes-Hut KL estimate near the exact KL");
        }
        // after early exaggeration (150 iterations; KL every 50) the KL falls
        List<Double> late = kls.subList(3, kls.size());
        for (int i = 1; i < late.size(); i++) {
            assertTrue(late.get(i) <= late.get(i - 1) + 1e-3, "KL rose: " + kls);
        }
        assertTrue(late.get(late.size() - 1) < late.get(0), "KL did not fall: " + kls);
    }

    @Test
    void sameSeedSameEmbeddingWithOneAndTwoThreads() {
        int[] labels = new int[300];
        INDArray x = FloatMatrix.of(blobs(60, 2, labels), 300, 20);
        TsneOptions o = small().withPerplexity(10).withIterations(200).withExaggeration(12, 100);
        Embedding one = Tsne.fit(x, 10, o.withThreads(1), TsneListener.NONE);
        Embedding two = Tsne.fit(x, 10, o.withThreads(2), TsneListener.NONE);
        assertArrayEquals(one.y(), two.y());
        Embedding exactOne = Tsne.fit(x, 0, o.withMethod(TsneOptions.Method.EXACT).withDims(3).withThreads(1), TsneListener.NONE);
        Embedding exactTwo = Tsne.fit(x, 0, o.withMethod(TsneOptions.Method.EXACT).withDims(3).withThreads(2), TsneListener.NONE);
        assertArrayEquals(exactOne.y(), exactTwo.y());
    }

    @Test
    void transformPutsCopiesOfReferencePointsNextToTheirOriginals() {
        int[] labels = new int[500];
        float[] v = blobs(100, 3, labels);
        INDArray x = FloatMatrix.of(v, 500, 20);
        Embedding e = Tsne.fit(x, 0, small(), TsneListener.NONE);
        int m = 50;
        float[] copies = new float[m * 20];
        for (int i = 0; i < m; i++) {
            System.arraycopy(v, (i * 9) * 20, copies, i * 20, 20);
        }
        double[] placed = EmbeddingTransform.transform(e, FloatMatrix.of(copies, m, 20), TransformOptions.defaults());
        double radius = 0;
        for (int i = 0; i < 500; i++) {
            radius = Math.max(radius, Math.hypot(e.y()[2 * i], e.y()[2 * i + 1]));
        }
        for (int i = 0; i < m; i++) {
            int original = i * 9;
            double dist = Math.hypot(placed[2 * i] - e.y()[2 * original], placed[2 * i + 1] - e.y()[2 * original + 1]);
            assertTrue(dist < 0.05 * radius, "copy " + i + " landed " + dist + " from its original (radius " + radius + ")");
            // and its nearest reference point belongs to the same blob
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 500; j++) {
                double dj = Math.hypot(placed[2 * i] - e.y()[2 * j], placed[2 * i + 1] - e.y()[2 * j + 1]);
                if (dj < bestD) {
                    bestD = dj;
                    best = j;
                }
            }
            assertEquals(labels[original], labels[best]);
        }
    }

    @Test
    void tooFewPointsForThePerplexitySuggestsOneThatFits() {
        INDArray x = FloatMatrix.of(new float[40 * 3], 40, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tsne.fit(x, 0, TsneOptions.defaults(), TsneListener.NONE));
        assertEquals("40 points are too few for perplexity 30 (it needs more than 3 × perplexity = 90 points);"
                + " use --perplexity 12 or less", e.getMessage());
    }

    @Test
    void identicalPointsGiveAFiniteEmbedding() {
        float[] v = new float[200 * 4];
        for (int i = 100; i < 200; i++) {
            v[i * 4] = 1; // two groups of 100 identical points
        }
        Embedding e = Tsne.fit(FloatMatrix.of(v, 200, 4), 0, small().withPerplexity(10).withIterations(300), TsneListener.NONE);
        for (double y : e.y()) {
            assertTrue(Double.isFinite(y));
        }
        assertTrue(Double.isFinite(e.kl()));
    }
}
