package dev.embedscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.RowSource;
import dev.embedscope.data.SourceType;
import dev.embedscope.knn.Points;
import dev.embedscope.quality.EmbeddingQuality;
import dev.embedscope.scale.Scaling;
import dev.embedscope.tsne.Embedding;
import dev.embedscope.tsne.EmbeddingTransform;
import dev.embedscope.tsne.TooFewPointsException;
import dev.embedscope.tsne.TransformOptions;
import dev.embedscope.tsne.TsneListener;
import dev.embedscope.tsne.TsneOptions;
import dev.embedscope.util.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whole runs of the pipeline on small inputs: separation, falling KL, determinism across threads,
 * transform, the scores entry against the data entry, the perplexity policy and bad input.
 */
class EmbeddingJobTest {

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

    static TsneOptions.Builder small() {
        return TsneOptions.builder().perplexity(20).iterations(500).earlyExaggeration(12, 150).threads(2);
    }

    static Dataset rows(INDArray x) {
        return new Dataset("x", x, null, null, null, null, SourceType.FLOAT32);
    }

    /** The pipeline on unscaled rows, with PCA to {@code pca} dimensions (0: none). */
    static Embedding fit(INDArray x, int pca, TsneOptions.Builder o, TsneListener listener) {
        JobOptions options = JobOptions.builder(o.build()).pca(pca).build();
        return EmbeddingJob.of(options).run(rows(x), Scaling.identity(), new JobListener() {
            @Override
            public boolean iteration(int it, double kl, double[] y) {
                return listener.iteration(it, kl, y);
            }
        }).embedding();
    }

    @Test
    void separatedBlobsEndInSeparateClustersAndKlFalls() {
        int[] labels = new int[500];
        INDArray x = FloatMatrix.of(blobs(100, 1, labels), 500, 20);
        List<Double> kls = new ArrayList<>();
        Embedding e = fit(x, 0, small(), new TsneListener() {
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
            EmbeddingQuality.Quality q = EmbeddingQuality.measure(e, labels, 1000, 1, p);
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
        TsneOptions.Builder o = small().perplexity(10).iterations(200).earlyExaggeration(12, 100);
        Embedding one = fit(x, 10, o.threads(1), TsneListener.NONE);
        Embedding two = fit(x, 10, o.threads(2), TsneListener.NONE);
        assertArrayEquals(one.y(), two.y());
        Embedding exactOne = fit(x, 0, o.method(TsneOptions.Method.EXACT).dims(3).threads(1), TsneListener.NONE);
        Embedding exactTwo = fit(x, 0, o.method(TsneOptions.Method.EXACT).dims(3).threads(2), TsneListener.NONE);
        assertArrayEquals(exactOne.y(), exactTwo.y());
        Embedding fftOne = fit(x, 10, o.method(TsneOptions.Method.FFT).dims(2).threads(1), TsneListener.NONE);
        Embedding fftThree = fit(x, 10, o.method(TsneOptions.Method.FFT).dims(2).threads(3), TsneListener.NONE);
        assertArrayEquals(fftOne.y(), fftThree.y());
        Embedding approxOne = fit(x, 10, o.method(TsneOptions.Method.BARNES_HUT)
                .knnMethod(TsneOptions.KnnMethod.APPROXIMATE).threads(1), TsneListener.NONE);
        Embedding approxThree = fit(x, 10, o.knnMethod(TsneOptions.KnnMethod.APPROXIMATE).threads(3),
                TsneListener.NONE);
        assertArrayEquals(approxOne.y(), approxThree.y());
    }

    @Test
    void anApproximateGraphHasItsRecallMeasuredUnderQuality() {
        int[] labels = new int[600];
        INDArray x = FloatMatrix.of(blobs(120, 5, labels), 600, 20);
        JobOptions o = JobOptions.builder(small().perplexity(10).iterations(100)
                .knnMethod(TsneOptions.KnnMethod.APPROXIMATE).build()).pca(0).quality(200).build();
        JobResult r = EmbeddingJob.of(o).run(rows(x), Scaling.identity(), JobListener.NONE);
        assertTrue(r.neighbours().method().startsWith("approximate"), r.neighbours().method());
        assertEquals(600, r.neighbours().sampledRows());
        assertTrue(r.neighbours().recall() >= 0.95, "recall " + r.neighbours().recall());
        JobResult exact = EmbeddingJob.of(JobOptions.builder(small().perplexity(10).iterations(100).build()).pca(0)
                .quality(200).build()).run(rows(x), Scaling.identity(), JobListener.NONE);
        assertEquals("exact", exact.neighbours().method());
        assertEquals(0, exact.neighbours().sampledRows());
    }

    @Test
    void autoIsResolvedBeforeTheRunAndAGivenMethodIsKept() {
        JobOptions auto = JobOptions.builder(TsneOptions.builder().build()).build();
        assertEquals(TsneOptions.Method.AUTO, auto.tsne().repulsion().method());
        assertEquals(TsneOptions.Method.ADAPTIVE, auto.tsneFor(70_000).repulsion().method());
        assertEquals(TsneOptions.Method.FFT, auto.tsneFor(TsneOptions.Method.FFT_FROM).repulsion().method());
        assertEquals(TsneOptions.Method.ADAPTIVE, auto.tsneFor(TsneOptions.Method.FFT_FROM - 1).repulsion().method());
        assertEquals(TsneOptions.Method.ADAPTIVE, auto.tsneFor(TsneOptions.Method.ADAPTIVE_FROM).repulsion().method());
        assertEquals(TsneOptions.Method.BARNES_HUT,
                auto.tsneFor(TsneOptions.Method.ADAPTIVE_FROM - 1).repulsion().method());
        JobOptions threeD = JobOptions.builder(TsneOptions.builder().dims(3).build()).build();
        assertEquals(TsneOptions.Method.BARNES_HUT, threeD.tsneFor(1_000_000).repulsion().method());
        JobOptions given = JobOptions.builder(TsneOptions.builder().method(TsneOptions.Method.FFT).build()).build();
        assertEquals(TsneOptions.Method.FFT, given.tsneFor(50_000).repulsion().method());
    }

    @Test
    void transformPutsCopiesOfReferencePointsNextToTheirOriginals() {
        int[] labels = new int[500];
        float[] v = blobs(100, 3, labels);
        INDArray x = FloatMatrix.of(v, 500, 20);
        Embedding e = fit(x, 0, small(), TsneListener.NONE);
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
            assertTrue(dist < 0.05 * radius, "copy " + i + " landed " + dist + " from its original (radius " + radius
                    + ")");
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
    void identicalRowsAreRefusedAndMostlyIdenticalRowsAreSaid() {
        JobOptions options = JobOptions.builder(TsneOptions.builder().perplexity(5).iterations(50).build()).pca(0)
                .build();
        IdenticalRowsException e = assertThrows(IdenticalRowsException.class, () -> EmbeddingJob.of(options)
                .run(rows(FloatMatrix.of(new float[60], 30, 2)), Scaling.identity(), JobListener.NONE));
        assertEquals(30, e.rows());
        float[] v = new float[60];
        for (int i = 0; i < 10; i++) {
            v[2 * i] = i + 1;
            v[2 * i + 1] = (i * 7) % 5;
        }
        java.util.List<String> notes = new java.util.ArrayList<>();
        EmbeddingJob.of(options).run(rows(FloatMatrix.of(v, 30, 2)), Scaling.identity(), new JobListener() {
            @Override
            public void note(String line) {
                notes.add(line);
            }
        });
        assertEquals(java.util.List.of("warning: 20 of 30 rows (66.67 %) are copies of one row; they collapse into "
                + "one point of the embedding"), notes);
    }

    @Test
    void tooFewPointsForThePerplexityAreRefusedWithTheFacts() {
        float[] distinct = new float[40 * 3];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = i;
        }
        INDArray x = FloatMatrix.of(distinct, 40, 3);
        TooFewPointsException e = assertThrows(TooFewPointsException.class,
                () -> fit(x, 0, TsneOptions.builder(), TsneListener.NONE));
        assertEquals("40 points are too few for perplexity 30 (it needs more than 3 × perplexity = 90 points)",
                e.getMessage());
        assertEquals(40, e.points());
        assertEquals(90, e.neighbours());
        assertEquals(12, e.largestPerplexity());
    }

    @Test
    void underTheDataPolicyThePerplexityIsLoweredToWhatThePointsAllow() {
        int[] labels = new int[50];
        INDArray x = FloatMatrix.of(blobs(10, 4, labels), 50, 20);
        JobOptions options = JobOptions.builder(TsneOptions.builder().iterations(50).threads(1).build()).pca(0)
                .perplexity(JobOptions.PerplexityPolicy.AT_MOST_WHAT_DATA_ALLOWS).build();
        JobResult r = EmbeddingJob.of(options).run(rows(x), Scaling.identity(), JobListener.NONE);
        assertEquals(16, r.options().perplexity());
        assertEquals(48, r.options().k());
        assertEquals(30, options.tsne().perplexity());
        assertEquals(30, options.tsneFor(200).perplexity());
    }

    @Test
    void theScoresEntryGivesTheSameEmbeddingAsTheDataEntryThroughPca() {
        int[] labels = new int[300];
        INDArray x = FloatMatrix.of(blobs(60, 5, labels), 300, 20);
        TsneOptions o = small().perplexity(10).iterations(150).earlyExaggeration(12, 50).threads(2).build();
        JobOptions options = JobOptions.builder(o).pca(5).quality(300).build();
        Dataset data = new Dataset("x", x, labels, List.of("a", "b", "c", "d", "e"), null, null, SourceType.FLOAT32);
        JobResult viaData = EmbeddingJob.of(options).run(data, Scaling.identity(), JobListener.NONE);
        Points scores = viaData.embedding().reference(); // the PCA-5 scores the data entry computed
        JobResult viaScores = EmbeddingJob.of(options).runOnScores(scores, labels, JobListener.NONE);
        assertArrayEquals(viaData.embedding().y(), viaScores.embedding().y());
        assertEquals(viaData.quality(), viaScores.quality());
        assertEquals("cpu", viaScores.backend().name());
        assertEquals("Barnes-Hut, θ 0.5", viaScores.backend().repulsion());
    }

    @Test
    void streamedRowsGiveTheEmbeddingOfRowsInMemory() {
        int[] labels = new int[300];
        INDArray x = FloatMatrix.of(blobs(60, 6, labels), 300, 20);
        TsneOptions o = small().perplexity(10).iterations(150).earlyExaggeration(12, 50).threads(2).build();
        Dataset data = new Dataset("x", x, labels, List.of("a", "b", "c", "d", "e"), null, null, SourceType.FLOAT32);
        JobOptions noPca = JobOptions.builder(o).pca(0).quality(300).build();
        JobResult held = EmbeddingJob.of(noPca).run(data, Scaling.identity(), JobListener.NONE);
        JobResult streamed = EmbeddingJob.of(noPca).run(RowSource.of(data), labels, Scaling.identity(),
                JobListener.NONE);
        assertArrayEquals(held.embedding().y(), streamed.embedding().y(), "without PCA: the same rows, bit for bit");
        assertEquals(held.quality(), streamed.quality());
        JobOptions pca = JobOptions.builder(o).pca(5).quality(300).build();
        JobResult heldPca = EmbeddingJob.of(pca).run(data, Scaling.identity(), JobListener.NONE);
        JobResult streamedPca = EmbeddingJob.of(pca).run(RowSource.of(data), labels, Scaling.identity(),
                JobListener.NONE);
        float[] a = heldPca.embedding().reference().values();
        float[] b = streamedPca.embedding().reference().values();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-3, "PCA score " + i);
        }
        assertEquals(1.0, streamedPca.quality().knnAccuracy(), 1e-9, "blobs stay apart");
        JobResult one = EmbeddingJob.of(JobOptions.builder(small().perplexity(10).iterations(150).threads(1).build())
                .pca(5).build()).run(RowSource.of(data), labels, Scaling.identity(), JobListener.NONE);
        JobResult three = EmbeddingJob.of(JobOptions.builder(small().perplexity(10).iterations(150).threads(3)
                .build()).pca(5).build()).run(RowSource.of(data), labels, Scaling.identity(), JobListener.NONE);
        assertArrayEquals(one.embedding().y(), three.embedding().y(), "streamed: the same with 1 and 3 threads");
    }

    @Test
    void streamedRowsAreScaledAndCheckedBlockByBlock() {
        JobOptions options = JobOptions.builder(TsneOptions.builder().perplexity(5).iterations(50).build()).pca(0)
                .build();
        IdenticalRowsException same = assertThrows(IdenticalRowsException.class, () -> EmbeddingJob.of(options)
                .run(RowSource.of(rows(FloatMatrix.of(new float[60], 30, 2))), null, Scaling.identity(),
                        JobListener.NONE));
        assertEquals(30, same.rows());
        float[] v = new float[60];
        for (int i = 0; i < 30; i++) {
            v[2 * i] = i;
            v[2 * i + 1] = i % 7;
        }
        v[2 * 17 + 1] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> EmbeddingJob.of(options)
                .run(RowSource.of(rows(FloatMatrix.of(v, 30, 2))), null, Scaling.identity(), JobListener.NONE));
        assertEquals("x: t-SNE needs finite values, but row 17 holds NaN in column 1; impute or drop such rows first",
                nan.getMessage());
        v[2 * 17 + 1] = 3;
        Dataset d = rows(FloatMatrix.of(v, 30, 2));
        Scaling standard = Scaling.fitOn(d, "standard");
        JobResult held = EmbeddingJob.of(options).run(d, standard, JobListener.NONE);
        JobResult streamed = EmbeddingJob.of(options).run(RowSource.of(d), null, Scaling.fitOn(RowSource.of(d),
                "standard", 1), JobListener.NONE);
        assertArrayEquals(held.embedding().y(), streamed.embedding().y(), "scaled the same way");
    }

    @Test
    void identicalPointsGiveAFiniteEmbedding() {
        float[] v = new float[200 * 4];
        for (int i = 100; i < 200; i++) {
            v[i * 4] = 1; // two groups of 100 identical points
        }
        Embedding e = fit(FloatMatrix.of(v, 200, 4), 0, small().perplexity(10).iterations(300), TsneListener.NONE);
        for (double y : e.y()) {
            assertTrue(Double.isFinite(y));
        }
        assertTrue(Double.isFinite(e.kl()));
    }
}
