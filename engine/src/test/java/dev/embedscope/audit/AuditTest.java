package dev.embedscope.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.SourceType;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.linalg.Pca;
import dev.embedscope.util.Parallel;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class AuditTest {

    static Dataset scaled(Dataset d) {
        return d.withFeatures(d.features().div(255f).dup('c'));
    }

    /** Changes 2 % of the labels at random (to a different class); returns which were changed. */
    static boolean[] flip(int[] labels, int classes, long seed) {
        Random r = new Random(seed);
        boolean[] changed = new boolean[labels.length];
        int count = labels.length / 50;
        while (count > 0) {
            int i = r.nextInt(labels.length);
            if (!changed[i]) {
                labels[i] = (labels[i] + 1 + r.nextInt(classes - 1)) % classes;
                changed[i] = true;
                count--;
            }
        }
        return changed;
    }

    /** ROC AUC and precision of the top 2 % of the suspect ranking, with 2 % of the labels changed at random. */
    static double[] aucAndPrecision(Dataset clean, long seed) {
        int[] labels = clean.labels().clone();
        boolean[] changed = flip(labels, clean.classCount(), seed);
        Dataset noisy = new Dataset("noisy", clean.features(), labels, clean.classNames(), null,
                clean.imageShape(), clean.sourceType());
        Audit a = Audit.run(noisy, AuditOptions.builder().threads(2).keep(labels.length / 50).build());
        int hits = 0;
        for (int r : a.suspects()) {
            hits += changed[r] ? 1 : 0;
        }
        return new double[] {RocAuc.of(a.noise().score(), changed), (double) hits / a.suspects().length};
    }

    @Test
    void suspectScoreFindsChangedLabelsInTheSample() throws IOException {
        double[] q = aucAndPrecision(scaled(FashionMnist.sample().train()), 1);
        assertTrue(q[0] >= 0.95, "ROC AUC " + q[0]);
        assertTrue(q[1] >= 0.5, "precision of the top 40 " + q[1]);
    }

    @Test
    void tenThousandFashionMnistImagesWithTwoPercentChangedLabels() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR),
                "needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
        Dataset train = DataLoader.load("fashion-mnist", LoadOptions.defaults()).train();
        int[] rows = new int[10000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        for (long seed = 2; seed <= 3; seed++) {
            double[] q = aucAndPrecision(scaled(train.subset(rows)), seed);
            assertTrue(q[0] >= 0.95, "seed " + seed + ": ROC AUC " + q[0]);
            assertTrue(q[1] >= 0.6, "seed " + seed + ": precision of the top 200 " + q[1]);
        }
    }

    @Test
    void cleanDataConfusesShirtsTShirtsPulloversAndCoats() throws IOException {
        Audit a = Audit.run(scaled(FashionMnist.sample().train()), AuditOptions.defaults().withThreads(2));
        Set<Long> upperBody = Set.of(0L, 2L, 4L, 6L); // T-shirt/top, Pullover, Coat, Shirt
        List<long[]> pairs = a.confusedPairs();
        for (int p = 0; p < 3; p++) {
            assertTrue(upperBody.contains(pairs.get(p)[0]) && upperBody.contains(pairs.get(p)[1]),
                    "pair " + p + ": " + pairs.get(p)[0] + "," + pairs.get(p)[1]);
        }
        // the matrix is symmetric and its total is twice the disagreeing edges
        int c = a.data().classCount();
        long total = 0;
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                assertEquals(a.confusion()[i * c + j], a.confusion()[j * c + i]);
                total += a.confusion()[i * c + j];
            }
        }
        INDArray x = a.data().features();
        KnnGraph g = ExactKnn.selfGraph(Pca.fit(x, 50).transform(x), a.k(), new Parallel(1), null);
        long disagreeing = 0;
        int[] labels = a.data().labels();
        for (int i = 0; i < g.n(); i++) {
            for (int r = 0; r < a.k(); r++) {
                disagreeing += labels[g.neighbour(i, r)] != labels[i] ? 1 : 0;
            }
        }
        assertEquals(2 * disagreeing, total);
    }

    @Test
    void nearDuplicateGroupsAndOutliers() {
        Random r = new Random(3);
        int n = 300;
        int d = 8;
        float[] v = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) r.nextGaussian();
            }
            labels[i] = i % 2;
        }
        // rows 10 and 11 are near copies of row 5 (row 11 with another label); row 299 is far out
        for (int j = 0; j < d; j++) {
            v[10 * d + j] = v[5 * d + j] + 1e-4f;
            v[11 * d + j] = v[5 * d + j] - 1e-4f;
            v[299 * d + j] = 40;
        }
        Dataset data = new Dataset("t", FloatMatrix.of(v, n, d), labels, List.of("a", "b"),
                null, null, SourceType.FLOAT32);
        Audit a = Audit.run(data, AuditOptions.builder().pcaDims(0).neighbours(10).keep(5).threads(2).build());
        assertEquals(1, a.duplicateGroups().size());
        assertTrue(java.util.Arrays.equals(new int[] {5, 10, 11}, a.duplicateGroups().get(0)));
        assertTrue(a.conflicting(a.duplicateGroups().get(0)));
        assertEquals(299, a.outliers()[0]);
    }

    @Test
    void rocAucByHand() {
        assertEquals(1.0, RocAuc.of(new double[] {0.1, 0.2, 0.9}, new boolean[] {false, false, true}), 1e-12);
        assertEquals(0.5, RocAuc.of(new double[] {0.5, 0.5}, new boolean[] {false, true}), 1e-12);
        // scores 1,2,3,4 with positives at 2 and 4: pairs (pos>neg) = (2>1),(4>1),(4>3) = 3 of 4
        assertEquals(0.75, RocAuc.of(new double[] {1, 2, 3, 4}, new boolean[] {false, true, false, true}), 1e-12);
    }
}
