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
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

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

    static double auc(Dataset clean, long seed) {
        int[] labels = clean.labels().clone();
        boolean[] changed = flip(labels, clean.classCount(), seed);
        Dataset noisy = new Dataset("noisy", clean.features(), labels, clean.classNames(), null,
                clean.imageShape(), clean.sourceType());
        Audit a = Audit.run(noisy, AuditOptions.defaults().withThreads(2));
        return RocAuc.of(a.suspectScore(), changed);
    }

    @Test
    void suspectScoreFindsChangedLabelsInTheSample() throws IOException {
        double auc = auc(scaled(FashionMnist.sample().train()), 1);
        assertTrue(auc >= 0.9, "ROC AUC " + auc);
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
        double auc = auc(scaled(train.subset(rows)), 2);
        assertTrue(auc >= 0.9, "ROC AUC " + auc);
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
        double disagreeing = 0;
        for (double s : a.suspectScore()) {
            disagreeing += Math.floor(s * a.k() + 1e-6);
        }
        assertEquals(2 * disagreeing, total, 1e-6);
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
        Audit a = Audit.run(data, new AuditOptions(0, 10, 5, 0.05, 2));
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
