package dev.embedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.SourceType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One-feature predictive power: a label copied with noise is found, noise is at chance, sorted rows are seen. */
class LabelLeakageTest {

    private static Dataset table(int n, boolean sorted, long seed) {
        Random r = new Random(seed);
        int[] y = new int[n];
        float[] v = new float[n * 3];
        for (int i = 0; i < n; i++) {
            y[i] = sorted ? i * 3 / n : r.nextInt(3);
            v[i * 3] = (float) r.nextGaussian();                       // noise
            v[i * 3 + 1] = y[i] + (float) (0.05 * r.nextGaussian());   // the label plus noise
            v[i * 3 + 2] = (float) (y[i] + 1.5 * r.nextGaussian());    // weakly informative
        }
        return new Dataset("t", FloatMatrix.of(v, n, 3), y, List.of("a", "b", "c"), List.of("noise", "leak", "weak"),
                null, SourceType.TEXT);
    }

    @Test
    void theLabelPlusNoiseIsFoundAndNoiseIsAtChance() {
        LabelLeakage.Result r = LabelLeakage.of(table(3000, false, 1), 7);
        assertEquals("leak", r.features().get(0).feature());
        assertTrue(r.features().get(0).balancedAccuracy() > 0.98, r.features().toString());
        assertEquals("weak", r.features().get(1).feature());
        double weak = r.features().get(1).balancedAccuracy();
        assertTrue(weak > 0.45 && weak < 0.7, r.features().toString());
        double noise = r.features().get(2).balancedAccuracy();
        assertTrue(Math.abs(noise - 1.0 / 3) < 0.05, r.features().toString());
        assertTrue(Math.abs(r.rowOrder().balancedAccuracy() - 1.0 / 3) < 0.05, r.rowOrder().toString());
        List<Finding> f = DataChecks.leakage(r);
        assertEquals(1, f.size());
        assertEquals(Finding.Check.LABEL_LEAKAGE, f.get(0).check());
        assertTrue(f.get(0).summary().startsWith("'leak' alone predicts the label (balanced accuracy"), f.toString());
    }

    @Test
    void labelsSortedByRowAreFound() {
        LabelLeakage.Result r = LabelLeakage.of(table(3000, true, 2), 7);
        assertTrue(r.rowOrder().balancedAccuracy() > 0.97, r.rowOrder().toString());
        assertTrue(DataChecks.leakage(r).stream().anyMatch(f -> f.check() == Finding.Check.ROW_ORDER));
    }

    @Test
    void theBalancedAccuracyOfAPerfectAndAConstantFeatureByHand() {
        int m = 100;
        float[] x = new float[m];
        float[] constant = new float[m];
        int[] y = new int[m];
        int[] fold = new int[m];
        for (int i = 0; i < m; i++) {
            y[i] = i < 80 ? 0 : 1;
            x[i] = y[i];
            fold[i] = i % 5;
        }
        assertEquals(1.0, LabelLeakage.score(x, y, fold, 2), 1e-12);
        // a constant predicts the majority class: recall 1 for class 0, 0 for class 1
        assertEquals(0.5, LabelLeakage.score(constant, y, fold, 2), 1e-12);
    }
}
