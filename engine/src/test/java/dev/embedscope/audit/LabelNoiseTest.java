package dev.embedscope.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.SourceType;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.util.Parallel;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Label-noise scores against a brute-force twin of the formula, and on imbalanced classes. */
class LabelNoiseTest {

    /** The score of row i computed from the raw points with brute-force neighbours, written out plainly. */
    static double bruteScore(float[] v, int n, int d, int[] labels, int classes, int k, int i) {
        double[][] pHat = new double[n][classes];
        for (int a = 0; a < n; a++) {
            double[] dist = new double[n];
            Integer[] order = new Integer[n];
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = v[a * d + j] - v[b * d + j];
                    s += diff * diff;
                }
                dist[b] = b == a ? Double.POSITIVE_INFINITY : Math.sqrt(s);
                order[b] = b;
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(dist[x], dist[y]));
            double h = dist[order[k - 1]];
            double total = 0;
            for (int r = 0; r < k; r++) {
                double w = Math.exp(-Math.pow(dist[order[r]] / h, 2));
                pHat[a][labels[order[r]]] += w;
                total += w;
            }
            long[] count = new long[classes];
            for (int l : labels) {
                count[l]++;
            }
            for (int c = 0; c < classes; c++) {
                pHat[a][c] = (pHat[a][c] + 0.5 * count[c] / n) / (total + 0.5);
            }
        }
        double[] t = new double[classes];
        int[] count = new int[classes];
        for (int a = 0; a < n; a++) {
            t[labels[a]] += pHat[a][labels[a]];
            count[labels[a]]++;
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            t[c] /= count[c];
            sum += pHat[i][c] / t[c];
        }
        return 1 - pHat[i][labels[i]] / t[labels[i]] / sum;
    }

    @Test
    void matchesTheBruteForceFormula() {
        Random r = new Random(11);
        int n = 60;
        int d = 3;
        int classes = 3;
        float[] v = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (r.nextGaussian() + (j == labels[i] ? 2 : 0));
            }
        }
        labels[7] = (labels[7] + 1) % classes;
        KnnGraph g = ExactKnn.selfGraph(FloatMatrix.of(v, n, d), 10, new Parallel(1), null);
        LabelNoise noise = LabelNoise.score(g, labels, classes, 10);
        for (int i = 0; i < n; i++) {
            assertEquals(bruteScore(v, n, d, labels, classes, 10, i), noise.score()[i], 1e-6, "row " + i);
            assertTrue(noise.score()[i] >= 0 && noise.score()[i] <= 1);
        }
    }

    /**
     * Two Gaussian classes of 75 % and 25 % that overlap, with 2 % of the labels changed: the top suspects
     * are mostly changed labels, and the unchanged rows among them are not simply the minority class.
     */
    @Test
    void imbalancedClassesAreNotSuspectForBeingSmall() {
        Random r = new Random(5);
        int n = 4000;
        int d = 10;
        float[] v = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4 == 0 ? 1 : 0;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (r.nextGaussian() + (j < 2 && labels[i] == 1 ? 2.2 : 0));
            }
        }
        boolean[] changed = AuditTest.flip(labels, 2, 9);
        Dataset data = new Dataset("t", FloatMatrix.of(v, n, d), labels, List.of("major", "minor"), null, null,
                SourceType.FLOAT32);
        Audit a = Audit.run(data, AuditOptions.builder().pcaDims(0).threads(2).keep(n / 50).build());
        int hits = 0;
        int suspectsMinor = 0;
        for (int row : a.suspects()) {
            hits += changed[row] ? 1 : 0;
            suspectsMinor += labels[row] == 1 ? 1 : 0;
        }
        int changedMinor = 0;
        int changedAll = 0;
        for (int i = 0; i < n; i++) {
            changedAll += changed[i] ? 1 : 0;
            changedMinor += changed[i] && labels[i] == 1 ? 1 : 0;
        }
        double precision = (double) hits / a.suspects().length;
        assertTrue(precision >= 0.6, "precision " + precision);
        assertTrue(RocAuc.of(a.noise().score(), changed) >= 0.95);
        // the suspects carry the minority label about as often as the changed labels do, not all of them
        double expected = (double) changedMinor / changedAll * a.suspects().length;
        assertTrue(suspectsMinor <= expected + 0.15 * a.suspects().length, suspectsMinor + " of "
                + a.suspects().length + " suspects are labelled minor, " + changedMinor + " of " + changedAll
                + " changed labels are");
    }

    @Test
    void rankingIsByScoreThenMarginNeverByRowAlone() {
        double[] score = {0.5, 0.9, 0.5, 0.5};
        double[] margin = {0.1, 0.8, 0.3, 0.3};
        double[] same = {1, 1, 2, 5};
        LabelNoise noise = new LabelNoise(score, margin, same, new int[4], new double[] {1});
        assertArrayEquals(new int[] {1, 3, 2, 0}, noise.ranking());
        Set<Double> distinct = new HashSet<>();
        for (double s : score) {
            distinct.add(s);
        }
        assertEquals(2, distinct.size());
    }
}
