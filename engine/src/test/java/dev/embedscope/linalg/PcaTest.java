package dev.embedscope.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.FloatMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** PCA against data with known principal axes and variances. */
class PcaTest {

    @Test
    void recoversKnownAxesAndVariances() {
        int n = 20000;
        int d = 4;
        double c = Math.cos(0.5);
        double s = Math.sin(0.5);
        // latent standard deviations 5, 2, 0.5, 0.1 rotated in the (0,1) plane, shifted by (3, -1, 2, 7)
        Random r = new Random(4);
        float[] v = new float[n * d];
        double[] sd = {5, 2, 0.5, 0.1};
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian() * sd[0];
            double b = r.nextGaussian() * sd[1];
            v[i * d] = (float) (c * a - s * b + 3);
            v[i * d + 1] = (float) (s * a + c * b - 1);
            v[i * d + 2] = (float) (r.nextGaussian() * sd[2] + 2);
            v[i * d + 3] = (float) (r.nextGaussian() * sd[3] + 7);
        }
        INDArray x = FloatMatrix.of(v, n, d);
        Pca pca = Pca.fit(x, 2);
        assertEquals(25, pca.variances()[0], 25 * 0.05);
        assertEquals(4, pca.variances()[1], 4 * 0.05);
        double total = 25 + 4 + 0.25 + 0.01;
        assertEquals(29 / total, pca.explainedVariance(), 0.01);
        INDArray comp = pca.components();
        assertEquals(c, comp.getDouble(0, 0), 0.01); // sign fixed: largest loading positive
        assertEquals(s, comp.getDouble(1, 0), 0.01);
        assertEquals(1, comp.getColumn(1).norm2Number().doubleValue(), 1e-5);
        assertEquals(0, comp.getColumn(0).mul(comp.getColumn(1)).sumNumber().doubleValue(), 1e-5);
        // transform = (x − mean) · components
        float[] t = FloatMatrix.toArray(pca.transform(x));
        for (int i = 0; i < n; i += 1999) {
            double expected = 0;
            for (int j = 0; j < d; j++) {
                expected += (v[i * d + j] - pca.mean()[j]) * comp.getDouble(j, 0);
            }
            assertEquals(expected, t[i * 2], 1e-3);
        }
        assertTrue(Math.abs(pca.mean()[3] - 7) < 0.01);
    }
}
