package dev.embedscope.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.CsvOptions;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.ImageShape;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.SourceType;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.Inspection;
import dev.embedscope.stats.StatsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Normalisation against its closed forms, skewness by hand, and given per-channel statistics. */
class NormalisationTest {

    @TempDir
    Path dir;

    private static Dataset column(float[] v) {
        return new Dataset("t", FloatMatrix.of(v, v.length, 1), null, null, List.of("x"), null, SourceType.FLOAT32);
    }

    @Test
    void yeoJohnsonMatchesItsClosedForm() {
        assertEquals(2.0, Normaliser.yeoJohnson(3, 0.5), 1e-12);
        assertEquals(-7.0 / 1.5, Normaliser.yeoJohnson(-3, 0.5), 1e-12);
        assertEquals(1.0, Normaliser.yeoJohnson(Math.E - 1, 0), 1e-12);
        assertEquals(-1.0, Normaliser.yeoJohnson(-(Math.E - 1), 2), 1e-12);
        assertEquals(0.0, Normaliser.yeoJohnson(0, 1.7), 1e-12);
    }

    @Test
    void lambdaIsTheMaximumLikelihoodOneAndUndoesALogNormal() {
        Random r = new Random(5);
        int n = 20_000;
        double[] x = new double[n];
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.exp(3 + 0.5 * r.nextGaussian()) - 1;   // x ≥ 0 and ln(x + 1) is normal: λ = 0
            f[i] = (float) x[i];
        }
        double lambda = Normaliser.fitLambda(x, n);
        // the golden-section search against a brute-force grid of the same likelihood
        double best = Double.NEGATIVE_INFINITY;
        double arg = 0;
        for (double l = -1; l <= 1; l += 0.001) {
            double ll = Normaliser.logLikelihood(x, n, l);
            if (ll > best) {
                best = ll;
                arg = l;
            }
        }
        assertEquals(arg, lambda, 0.0015);
        assertEquals(0, lambda, 0.05);
        Dataset d = column(f);
        Normaliser yj = Normaliser.fit(d, Normaliser.Kind.YEO_JOHNSON, Map.of());
        Dataset out = yj.apply(d);
        double before = Inspection.skewness(d, FeatureStatsCalculator.compute(d.features(),
                StatsOptions.defaults()))[0];
        double after = Inspection.skewness(out, FeatureStatsCalculator.compute(out.features(),
                StatsOptions.defaults()))[0];
        assertTrue(before > 1.5 && Math.abs(after) < 0.05, before + " → " + after);
    }

    @Test
    void theQuantileTransformIsTheNormalQuantileOfTheEmpiricalCdf() {
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Dataset d = column(v);
        Normaliser q = Normaliser.fit(d, Normaliser.Kind.QUANTILE, Map.of());
        float[] out = FloatMatrix.toArray(q.apply(d).features());
        NormalDistribution normal = new NormalDistribution();
        for (int i : new int[] {0, 1, 250, 499, 500, 900, 999}) {
            double u = Math.min(1 - 1e-7, Math.max(1e-7, i / 999.0));
            assertEquals(normal.inverseCumulativeProbability(u), out[i], 1e-4, "value " + i);
        }
        // between references: linear in the CDF; ties: the middle of their ranks
        assertEquals(normal.inverseCumulativeProbability(499.5 / 999), q.quantile(0, 499.5f), 1e-4);
        Dataset ties = column(new float[] {0, 1, 1, 1, 2});
        Normaliser t = Normaliser.fit(ties, Normaliser.Kind.QUANTILE, Map.of());
        assertEquals(0.0, t.quantile(0, 1f), 1e-6);
    }

    @Test
    void oneHotAndBooleanFeaturesAreNotNormalisedUnlessNamed() throws IOException {
        Path p = dir.resolve("t.csv");
        StringBuilder b = new StringBuilder("income,flag,city\n");
        Random r = new Random(1);
        for (int i = 0; i < 200; i++) {
            b.append((int) Math.exp(8 + r.nextGaussian())).append(',').append(i % 2).append(',')
                    .append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        Files.writeString(p, b.toString());
        Dataset d = DataLoader.loadFile(p, LoadOptions.defaults().withCsv(CsvOptions.defaults()));
        Normaliser n = Normaliser.fit(d, Normaliser.Kind.YEO_JOHNSON, Map.of());
        assertEquals(List.of(Normaliser.Kind.YEO_JOHNSON, Normaliser.Kind.NONE, Normaliser.Kind.NONE,
                Normaliser.Kind.NONE), n.kinds());
        assertThrows(IllegalArgumentException.class, () -> Normaliser.fit(d, null, Map.of("nope",
                Normaliser.Kind.QUANTILE)));
    }

    @Test
    void skewnessByHand() {
        Dataset d = column(new float[] {1, 2, 3, 10});
        double[] s = Inspection.skewness(d, FeatureStatsCalculator.compute(d.features(), StatsOptions.defaults()));
        assertEquals(45 / Math.pow(12.5, 1.5), s[0], 1e-9);
        assertTrue(Double.isNaN(Inspection.skewness(column(new float[] {4, 4, 4}), FeatureStatsCalculator.compute(
                column(new float[] {4, 4, 4}).features(), StatsOptions.defaults()))[0]));
    }

    @Test
    void imagenetStatisticsArePerChannelOnEightBitColourImages() {
        // two 1×2 RGB images, channels last
        float[] v = {0, 128, 255, 10, 20, 30, 255, 255, 255, 0, 0, 0};
        Dataset d = new Dataset("rgb", FloatMatrix.of(v, 2, 6), null, null, null, new ImageShape(1, 2, 3),
                SourceType.UINT8);
        Scaler s = Scaler.fit(ScalerSpec.parse("imagenet"), null, d);
        float[] out = FloatMatrix.toArray(s.apply(d.features()));
        float[] m = ScalerSpec.IMAGENET_MEAN;
        float[] sd = ScalerSpec.IMAGENET_STD;
        for (int i = 0; i < v.length; i++) {
            int c = i % 3;
            assertEquals((v[i] / 255f - m[c]) / sd[c], out[i], 1e-5, "value " + i);
        }
        Dataset grey = new Dataset("g", FloatMatrix.of(new float[] {1, 2}, 1, 2), null, null, null,
                new ImageShape(1, 2, 1), SourceType.UINT8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scaler.fit(ScalerSpec.parse("imagenet"), null, grey));
        assertEquals("per-channel statistics for 3 channels need images with 3 channels; g has images of 1 channel",
                e.getMessage());
        ScalerSpec given = ScalerSpec.parse("channels:0.5,0.5,0.5/0.25,0.25,0.25");
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, given.channelMean());
    }

    @Test
    void aFeatureCanHaveItsOwnScalingMethod() {
        int n = 11;
        float[] v = new float[n * 2];
        for (int i = 0; i < n; i++) {
            v[2 * i] = i;            // a: 0..10
            v[2 * i + 1] = 10 * i;   // b: 0..100
        }
        Dataset d = new Dataset("t", FloatMatrix.of(v, n, 2), null, null, List.of("a", "b"), null, SourceType.FLOAT32);
        var stats = FeatureStatsCalculator.compute(d.features(), StatsOptions.defaults());
        Scaler base = Scaler.fit(ScalerSpec.parse("minmax:0,10"), stats, d);
        Scaler mixed = base.withFeatureMethods(new java.util.LinkedHashMap<>(Map.of("a", "none", "b", "standard")),
                stats, d.allFeatureNames());
        float[] out = FloatMatrix.toArray(mixed.apply(d.features()));
        double mean = 50;
        double std = Math.sqrt(1000);   // population standard deviation of 0, 10, …, 100
        for (int i = 0; i < n; i++) {
            assertEquals(i, out[2 * i], 1e-5, "a is left as it is");
            assertEquals((10 * i - mean) / std, out[2 * i + 1], 1e-5, "b is standardised");
        }
        float[] minmax = FloatMatrix.toArray(Scaler.fit(ScalerSpec.parse("standard"), stats, d)
                .withFeatureMethods(Map.of("b", "minmax:-1,1"), stats, d.allFeatureNames()).apply(d.features()));
        for (int i = 0; i < n; i++) {
            assertEquals(i / 5.0 - 1, minmax[2 * i + 1], 1e-5, "b is mapped onto [-1, 1]");
        }
        assertThrows(IllegalArgumentException.class, () -> base.withFeatureMethods(Map.of("c", "robust"), stats,
                d.allFeatureNames()));
    }
}
