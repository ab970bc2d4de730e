package dev.embedscope.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.Splits;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.StatsOptions;
import dev.embedscope.util.Parallel;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Drift from two splits' sketches equals drift from their rows where the sketches are exact, and is within
 * the stated error where they are KLL. */
class SketchDriftTest {

    private static SketchDrift.Result fromSketches(INDArray a, INDArray b) {
        FeatureStats sa = FeatureStatsCalculator.compute(a, StatsOptions.defaults());
        FeatureStats sb = FeatureStatsCalculator.compute(b, StatsOptions.defaults());
        return SketchDrift.compute(sa, sb);
    }

    private static FeatureDrift fromRows(INDArray a, INDArray b) {
        try (Parallel p = new Parallel(1)) {
            return FeatureDrift.compute(a, b, p);
        }
    }

    @Test
    void exactSketchesGiveTheRowsFigures() throws IOException {
        Splits s = FashionMnist.sample();
        // a shifted copy of test as well, so that large D, moved maxima and PSI's extra bin occur
        INDArray shifted = s.test().features().add(40f);
        for (INDArray test : new INDArray[] {s.test().features(), shifted}) {
            FeatureDrift want = fromRows(s.train().features(), test);
            SketchDrift.Result got = fromSketches(s.train().features(), test);
            assertEquals(0, got.largestKsError());
            for (int j = 0; j < want.features(); j++) {
                assertEquals(want.ks()[j], got.drift().ks()[j], 1e-12, "KS of feature " + j);
                assertEquals(want.pValue()[j], got.drift().pValue()[j], 1e-12, "p of feature " + j);
                assertEquals(want.psi()[j], got.drift().psi()[j], 1e-9, "PSI of feature " + j);
                assertEquals(want.meanShift()[j], got.drift().meanShift()[j],
                        1e-9 * Math.max(1, Math.abs(want.meanShift()[j])), "mean shift of feature " + j);
            }
            assertEquals(want.flaggedCount(), got.drift().flaggedCount());
        }
    }

    @Test
    void kllSketchesStayWithinTheirStatedError() {
        Random r = new Random(7);
        int n = 20_000;
        int d = 3;
        float[] a = new float[n * d];
        float[] b = new float[n * d];
        for (int i = 0; i < n * d; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = (float) (r.nextGaussian() * (1 + 0.2 * (i % d)) + 0.1 * (i % d));
        }
        INDArray ta = FloatMatrix.of(a, n, d);
        INDArray tb = FloatMatrix.of(b, n, d);
        FeatureDrift want = fromRows(ta, tb);
        SketchDrift.Result got = fromSketches(ta, tb);
        for (int j = 0; j < d; j++) {
            assertTrue(got.ksError()[j] > 0 && got.ksError()[j] < 0.05, "stated error " + got.ksError()[j]);
            assertTrue(Math.abs(want.ks()[j] - got.drift().ks()[j]) <= got.ksError()[j],
                    "feature " + j + ": " + want.ks()[j] + " vs " + got.drift().ks()[j]);
            assertEquals(want.meanShift()[j], got.drift().meanShift()[j], 1e-9);
        }
    }
}
