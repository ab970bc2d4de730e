package dev.embedscope.tsne;

import dev.embedscope.knn.Points;
import java.util.SplittableRandom;

/**
 * The starting layout of t-SNE: the first {@code dims} principal component scores scaled so the first
 * coordinate has standard deviation 1e-4 (Kobak and Linderman, <i>Nature Biotechnology</i> 2021, as
 * scikit-learn and openTSNE do), or a seeded Gaussian of that spread when the scores have none.
 */
public final class Initialisation {

    /** Standard deviation of the first coordinate after initialisation. */
    public static final double INIT_STD = 1e-4;

    private Initialisation() {
    }

    /**
     * The layout from principal component scores (first column first; only the first {@code dims}
     * are read), row-major N×dims.
     */
    public static double[] fromScores(Points scores, int dims, long seed) {
        int n = scores.n();
        int cols = scores.d();
        double[] y = new double[n * dims];
        float[] v = scores.values();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dims && c < cols; c++) {
                y[dims * i + c] = v[cols * i + c];
            }
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += y[dims * i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            var += (y[dims * i] - mean) * (y[dims * i] - mean);
        }
        double std = Math.sqrt(var / n);
        if (!(std > 1e-12) || cols < dims) {
            return gaussian(n, dims, seed);
        }
        double scale = INIT_STD / std;
        for (int e = 0; e < y.length; e++) {
            y[e] *= scale;
        }
        return y;
    }

    /** A seeded Gaussian layout of standard deviation {@link #INIT_STD} (Box-Muller). */
    public static double[] gaussian(int n, int dims, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[n * dims];
        for (int e = 0; e < y.length; e++) {
            double u = 1 - random.nextDouble();
            double w = random.nextDouble();
            y[e] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w) * INIT_STD;
        }
        return y;
    }
}
