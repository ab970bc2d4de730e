package dev.embedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.FloatMatrix;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Statistics against a two-pass brute-force reference; merging against one pass. */
class FeatureStatsTest {

    static final int N = 5003;
    static final int D = 7;

    /**
     * Columns: gaussian with NaN, integers 0..9, constant, mostly zeros, heavy tail with infinities, wide uniform, all
     * NaN.
     */
    static float[] data(long seed) {
        Random r = new Random(seed);
        float[] v = new float[N * D];
        for (int i = 0; i < N; i++) {
            v[i * D] = r.nextInt(10) == 0 ? Float.NaN : (float) (r.nextGaussian() * 3 + 100);
            v[i * D + 1] = r.nextInt(10);
            v[i * D + 2] = 4.25f;
            v[i * D + 3] = r.nextInt(5) == 0 ? r.nextInt(255) + 1 : 0;
            v[i * D + 4] = i % 1000 == 7 ? Float.POSITIVE_INFINITY : (float) Math.exp(r.nextGaussian() * 2);
            v[i * D + 5] = (float) (r.nextDouble() * 1e6 - 5e5);
            v[i * D + 6] = Float.NaN;
        }
        return v;
    }

    static float[] column(float[] v, int j) {
        float[] c = new float[N];
        for (int i = 0; i < N; i++) {
            c[i] = v[i * D + j];
        }
        return c;
    }

    @Test
    void matchesTwoPassBruteForce() {
        float[] v = data(1);
        FeatureStats s = FeatureStatsCalculator.compute(FloatMatrix.of(v, N, D),
                StatsOptions.defaults().withBlockRows(97));
        assertEquals(N, s.rows());
        for (int j = 0; j < D; j++) {
            float[] c = column(v, j);
            long nan = 0;
            long inf = 0;
            long zeros = 0;
            double sum = 0;
            int finite = 0;
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            boolean integer = true;
            float[] sorted = new float[N];
            for (float x : c) {
                if (Float.isNaN(x)) {
                    nan++;
                } else if (Float.isInfinite(x)) {
                    inf++;
                } else {
                    sorted[finite++] = x;
                    sum += x;
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                    zeros += x == 0 ? 1 : 0;
                    integer &= x == Math.rint(x);
                }
            }
            double mean = sum / finite;
            double ss = 0;
            for (int i = 0; i < finite; i++) {
                ss += (sorted[i] - mean) * (sorted[i] - mean);
            }
            assertEquals(nan, s.missing(j), "missing " + j);
            assertEquals(inf, s.infinite(j), "infinite " + j);
            assertEquals(finite, s.count(j), "count " + j);
            assertEquals(zeros, s.zeros(j), "zeros " + j);
            if (finite == 0) {
                assertTrue(Double.isNaN(s.mean(j)));
                assertTrue(Float.isNaN(s.median(j)));
                continue;
            }
            assertEquals(min, s.min(j), "min " + j);
            assertEquals(max, s.max(j), "max " + j);
            assertEquals(mean, s.mean(j), 1e-9 * Math.max(1, Math.abs(mean)), "mean " + j);
            assertEquals(Math.sqrt(ss / finite), s.std(j), 1e-9 * Math.max(1, Math.sqrt(ss / finite)), "std " + j);
            assertEquals(finite > 0 && integer, s.allInteger(j), "integer " + j);
            float[] f = Arrays.copyOf(sorted, finite);
            Arrays.sort(f);
            long distinct = Arrays.stream(box(f)).distinct().count();
            for (int k = 0; k < FeatureStats.RANKS.length; k++) {
                float exact = f[(int) Math.max(0, Math.ceil(FeatureStats.RANKS[k] * finite) - 1)];
                if (s.quantilesExact(j)) {
                    assertEquals(exact, s.reportedQuantile(j, k), "quantile " + k + " of " + j);
                } else {
                    // KLL with k = 200: normalised rank error about 1.65 % (99 % confidence)
                    float q = s.reportedQuantile(j, k);
                    int rank = Math.abs(Arrays.binarySearch(f, q));
                    assertEquals(FeatureStats.RANKS[k], (double) rank / finite, 0.03,
                            "rank of quantile " + k + " of " + j);
                }
            }
            if (s.quantilesExact(j)) {
                assertEquals(distinct, s.distinct(j), "distinct " + j);
            } else {
                assertEquals(distinct, s.distinct(j), distinct * 0.05, "distinct estimate " + j);
            }
        }
        assertTrue(s.quantilesExact(1));
        assertTrue(s.quantilesExact(3));
        assertFalse(s.quantilesExact(5));
        assertTrue(s.constant(2));
    }

    static Float[] box(float[] f) {
        Float[] b = new Float[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = f[i];
        }
        return b;
    }

    @Test
    void mergedChunksEqualOnePass() {
        float[] v = data(2);
        Moments whole = new Moments(D);
        whole.accept(v, N);
        ColumnSketches wholeSketch = new ColumnSketches(D, 2048, 200);
        wholeSketch.accept(v, N);
        FeatureStats one = FeatureStats.of(whole, wholeSketch);

        int cut = 1234;
        Moments a = new Moments(D);
        a.accept(Arrays.copyOfRange(v, 0, cut * D), cut);
        Moments b = new Moments(D);
        b.accept(Arrays.copyOfRange(v, cut * D, N * D), N - cut);
        ColumnSketches sa = new ColumnSketches(D, 2048, 200);
        sa.accept(Arrays.copyOfRange(v, 0, cut * D), cut);
        ColumnSketches sb = new ColumnSketches(D, 2048, 200);
        sb.accept(Arrays.copyOfRange(v, cut * D, N * D), N - cut);
        a.merge(b);
        sa.merge(sb);
        FeatureStats merged = FeatureStats.of(a, sa);
        for (int j = 0; j < D; j++) {
            assertEquals(one.count(j), merged.count(j));
            if (one.count(j) == 0) {
                continue;
            }
            assertEquals(one.missing(j), merged.missing(j));
            assertEquals(one.zeros(j), merged.zeros(j));
            assertEquals(one.min(j), merged.min(j));
            assertEquals(one.max(j), merged.max(j));
            assertEquals(one.mean(j), merged.mean(j), 1e-9 * Math.max(1, Math.abs(one.mean(j))));
            assertEquals(one.std(j), merged.std(j), 1e-9 * Math.max(1, one.std(j)));
            if (one.quantilesExact(j)) {
                for (int k = 0; k < FeatureStats.RANKS.length; k++) {
                    assertEquals(one.reportedQuantile(j, k), merged.reportedQuantile(j, k));
                }
                assertEquals(one.distinct(j), merged.distinct(j));
            }
        }
    }

    @Test
    void sameResultWithOneAndTwoThreads() {
        INDArray m = FloatMatrix.of(data(3), N, D);
        FeatureStats one = FeatureStatsCalculator.compute(m, StatsOptions.defaults().withThreads(1).withBlockRows(64));
        FeatureStats two = FeatureStatsCalculator.compute(m, StatsOptions.defaults().withThreads(2).withBlockRows(64));
        for (int j = 0; j < D; j++) {
            assertEquals(Double.doubleToLongBits(one.mean(j)), Double.doubleToLongBits(two.mean(j)), "mean " + j);
            assertEquals(Double.doubleToLongBits(one.std(j)), Double.doubleToLongBits(two.std(j)), "std " + j);
            if (one.quantilesExact(j)) {
                assertEquals(one.median(j), two.median(j));
            }
        }
    }

    @Test
    void exactColumnSketchSwitchesToKllBeyondItsLimit() {
        ColumnSketch s = new ColumnSketch(100, 200);
        for (int i = 0; i < 100; i++) {
            s.update(i);
        }
        assertTrue(s.isExact());
        assertEquals(49f, s.quantile(0.5));
        assertEquals(100, s.distinct());
        for (int i = 100; i < 10000; i++) {
            s.update(i);
        }
        assertFalse(s.isExact());
        assertEquals(10000, s.count());
        assertEquals(5000, s.quantile(0.5), 10000 * 0.03);
        assertEquals(10000, s.distinct(), 10000 * 0.05);
    }
}
