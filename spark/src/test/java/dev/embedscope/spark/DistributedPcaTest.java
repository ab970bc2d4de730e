package dev.embedscope.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.DataFormatException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pieces of the distributed PCA without Spark: partial scatters about shifted origins, merged pairwise,
 * equal the covariance computed directly (brute force, two passes), and the eigenvectors diagonalise it.
 */
class DistributedPcaTest {

    /** One partition's partial as the job computes it: deviations from its first row, then about its mean. */
    private static DistributedPca.Partial partial(float[] x, int from, int to, int d) {
        double[] sum = new double[d];
        double[] scatter = new double[d * d];
        float[] z = new float[(to - from) * d];
        for (int r = from; r < to; r++) {
            for (int j = 0; j < d; j++) {
                z[(r - from) * d + j] = x[r * d + j] - x[from * d + j];
                sum[j] += z[(r - from) * d + j];
            }
        }
        DistributedPca.accumulate(z, to - from, d, scatter);
        int n = to - from;
        double[] mean = new double[d];
        for (int i = 0; i < d; i++) {
            mean[i] = x[from * d + i] + sum[i] / n;
            for (int j = i; j < d; j++) {
                scatter[i * d + j] -= sum[i] * sum[j] / n;
            }
        }
        return new DistributedPca.Partial(n, mean, scatter);
    }

    @Test
    void mergedPartialsGiveTheDirectCovariance() {
        int n = 900;
        int d = 6;
        Random rnd = new Random(11);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            double a = rnd.nextGaussian();
            for (int j = 0; j < d; j++) {
                // a large common offset (1000) and correlated columns, some zeros
                x[i * d + j] = j == 5 && i % 3 == 0 ? 0f : (float) (1000 + a * (j + 1) + rnd.nextGaussian());
            }
        }
        DistributedPca.Partial merged = DistributedPca.Partial.merge(DistributedPca.Partial.merge(
                partial(x, 0, 250, d), partial(x, 250, 700, d)), partial(x, 700, n, d));
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
            assertEquals(mean[j], merged.mean()[j], 1e-9 * Math.abs(mean[j]));
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double c = 0;
                for (int i = 0; i < n; i++) {
                    c += (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]);
                }
                assertEquals(c, merged.scatter()[a * d + b], 1e-6 * Math.abs(c) + 1e-6, "scatter " + a + "," + b);
            }
        }
        DistributedPca.Fit fit = DistributedPca.decompose(merged, 3);
        // each component v: Cov v = λ v, unit length, largest loading positive, variances descending
        for (int c = 0; c < 3; c++) {
            double norm = 0;
            double largest = 0;
            for (int i = 0; i < d; i++) {
                double v = fit.components()[i * 3 + c];
                norm += v * v;
                largest = Math.abs(v) > Math.abs(largest) ? v : largest;
                double cv = 0;
                for (int j = 0; j < d; j++) {
                    double cov = merged.scatter()[Math.min(i, j) * d + Math.max(i, j)] / n;
                    cv += cov * fit.components()[j * 3 + c];
                }
                assertEquals(fit.variances()[c] * v, cv, 1e-4 * fit.variances()[0]);
            }
            assertEquals(1, norm, 1e-5);
            assertTrue(largest > 0);
            assertTrue(c == 0 || fit.variances()[c] <= fit.variances()[c - 1]);
        }
    }

    @Test
    void rowsTooWideForAScatterAreRefusedInOneLine() {
        assertDoesNotThrow(() -> DistributedPca.refuseTooWide(DistributedPca.MAX_FEATURES));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DistributedPca.refuseTooWide(64 * 64 * 3 * 4));
        assertTrue(e.getMessage().contains("49,152 features") && e.getMessage().contains("--image-shape"),
                e.getMessage());
    }
}
