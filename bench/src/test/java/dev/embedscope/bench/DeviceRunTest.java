package dev.embedscope.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.knn.Points;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The device kit's large sets and its arguments. */
class DeviceRunTest {

    @Test
    void rowsPastThePreparedOnesAreSeededJitteredCopies() {
        int n0 = 400;
        int d = 6;
        float[] v = new float[n0 * d];
        Random r = new Random(1);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * (1 + i % d));
        }
        Points base = new Points(v, n0, d);
        Points small = DeviceRun.rows(base, 300);
        assertArrayEquals(Arrays.copyOf(v, 300 * d), small.values(), "up to the prepared rows: the first n");
        Points big = DeviceRun.rows(base, 2500);
        assertEquals(2500, big.n());
        assertArrayEquals(v, Arrays.copyOf(big.values(), n0 * d), "the prepared rows come first, unchanged");
        assertArrayEquals(big.values(), DeviceRun.rows(base, 2500).values(), "the same set every time");
        // each made row sits near its source row (jitter 5 % of the component's SD, SD here about 1 + c)
        double sq = 0;
        for (int i = n0; i < 2500; i++) {
            int from = i % n0;
            for (int c = 0; c < d; c++) {
                double diff = (big.values()[i * d + c] - v[from * d + c]) / (1 + c);
                sq += diff * diff;
            }
            assertFalse(Arrays.equals(Arrays.copyOfRange(big.values(), i * d, i * d + d),
                    Arrays.copyOfRange(v, from * d, from * d + d)), "row " + i + " is not a bare copy");
        }
        double rms = Math.sqrt(sq / ((2500 - n0) * d));
        assertEquals(DeviceRun.JITTER, rms, 0.01, "jitter RMS in SD units");
    }

    @Test
    void argumentsNameTheDataSizesBudgetAndMethods() {
        DeviceRun.Settings s = DeviceRun.Settings.parse(new String[] {"d", "1000,2000", "--max-seconds", "90",
            "--methods", "fft", "--no-cpu"});
        assertEquals(Path.of("d"), s.data());
        assertEquals(List.of(1000, 2000), s.sizes());
        assertEquals(90, s.maxSeconds());
        assertEquals(List.of("fft"), s.methods());
        assertFalse(s.cpu());
        DeviceRun.Settings defaults = DeviceRun.Settings.parse(new String[0]);
        assertEquals(List.of("fft", "exact"), defaults.methods());
        assertTrue(defaults.cpu());
        assertEquals(270, defaults.maxSeconds());
    }
}
