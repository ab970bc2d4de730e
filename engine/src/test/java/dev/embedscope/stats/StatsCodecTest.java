package dev.embedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Partial statistics sent as bytes and merged equal those merged in one process, bit for bit. */
class StatsCodecTest {

    private static float[] block(int rows, int cols, long seed) {
        Random r = new Random(seed);
        float[] b = new float[rows * cols];
        for (int i = 0; i < b.length; i++) {
            int j = i % cols;
            b[i] = switch (j) {
                case 0 -> r.nextInt(5);                       // few distinct values: exact sketch
                case 1 -> (float) r.nextGaussian();          // many: KLL sketch
                case 2 -> r.nextInt(10) == 0 ? Float.NaN : r.nextInt(20) * 0.5f;
                default -> r.nextInt(50) == 0 ? Float.POSITIVE_INFINITY : 0f;
            };
        }
        return b;
    }

    @Test
    void decodedPartsMergeToTheSameStatistics() {
        int cols = 4;
        int exactLimit = 64;
        Moments direct = new Moments(cols);
        ColumnSketches directSketch = new ColumnSketches(cols, exactLimit, 200);
        Moments viaBytes = new Moments(cols);
        ColumnSketches viaBytesSketch = new ColumnSketches(cols, exactLimit, 200);
        float[] all = new float[0];
        for (int part = 0; part < 3; part++) {
            float[] b = block(700 + part, cols, part);
            float[] grown = java.util.Arrays.copyOf(all, all.length + (700 + part));
            for (int i = 0; i < 700 + part; i++) {
                grown[all.length + i] = b[i * cols + 1];
            }
            all = grown;
            Moments m = new Moments(cols);
            m.accept(b, 700 + part);
            ColumnSketches s = new ColumnSketches(cols, exactLimit, 200);
            s.accept(b, 700 + part);
            direct.merge(m);
            directSketch.merge(s);
            viaBytes.merge(StatsCodec.decodeMoments(StatsCodec.encode(m)));
            viaBytesSketch.merge(StatsCodec.decodeSketches(StatsCodec.encode(s)));
        }
        FeatureStats a = FeatureStats.of(direct, directSketch);
        FeatureStats b = FeatureStats.of(viaBytes, viaBytesSketch);
        assertTrue(directSketch.column(0).isExact());
        assertFalse(directSketch.column(1).isExact());
        assertEquals(a.rows(), b.rows());
        for (int j = 0; j < cols; j++) {
            assertEquals(a.count(j), b.count(j));
            assertEquals(a.missing(j), b.missing(j));
            assertEquals(a.infinite(j), b.infinite(j));
            assertEquals(a.zeros(j), b.zeros(j));
            assertEquals(a.min(j), b.min(j));
            assertEquals(a.max(j), b.max(j));
            assertEquals(a.minPositive(j), b.minPositive(j));
            assertEquals(Double.doubleToLongBits(a.mean(j)), Double.doubleToLongBits(b.mean(j)));
            assertEquals(Double.doubleToLongBits(a.std(j)), Double.doubleToLongBits(b.std(j)));
            assertEquals(a.allInteger(j), b.allInteger(j));
            assertEquals(a.distinct(j), b.distinct(j));
            for (double rank : new double[] {0.01, 0.3, 0.5, 0.9, 0.99}) {
                if (j != 1) {
                    assertEquals(a.quantile(j, rank), b.quantile(j, rank), "column " + j + " rank " + rank);
                }
            }
        }
        // KLL compacts with random coin flips (DataSketches' own generator), so a merged sketch is within its
        // stated rank error of the truth, not bit for bit equal to another merge
        java.util.Arrays.sort(all);
        double eps = 0.02; // KLL k = 200: normalised rank error about 1.65 %
        for (double rank : new double[] {0.01, 0.3, 0.5, 0.9, 0.99}) {
            float q = b.quantile(1, rank);
            float lo = all[Math.max(0, (int) Math.floor((rank - eps) * all.length))];
            float hi = all[Math.min(all.length - 1, (int) Math.ceil((rank + eps) * all.length))];
            assertTrue(q >= lo && q <= hi, "rank " + rank + ": " + q + " outside [" + lo + ", " + hi + "]");
        }
        // the exact column's quantiles are the true ones: values 0..4 in equal shares
        assertEquals(2f, b.quantile(0, 0.5));
    }

    @Test
    void refusesBytesOfSomethingElse() {
        byte[] moments = StatsCodec.encode(new Moments(2));
        assertThrows(IllegalArgumentException.class, () -> StatsCodec.decodeSketches(moments));
        assertThrows(IllegalArgumentException.class, () -> StatsCodec.decodeMoments(new byte[] {1, 2}));
    }
}
