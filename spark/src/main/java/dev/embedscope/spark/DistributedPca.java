package dev.embedscope.spark;

import dev.embedscope.data.DataFormatException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.spark.api.java.JavaRDD;

/**
 * Principal components of one split of a {@link Source}, fitted across the cluster: each partition sums its
 * rows' deviations from its own first row into a D×D matrix (a shift that keeps the sums well conditioned),
 * the partial means and scatter matrices are merged pairwise (Chan, Golub and LeVeque 1979) in a fixed tree
 * of partition indexes ({@link OrderedReduce}: the result does not depend on executors or timing), and the
 * driver takes the symmetric eigen-decomposition of the covariance (Apache Commons Math). Signs as the single-machine
 * {@code linalg.Pca}: each component's largest-magnitude loading is positive.
 */
public final class DistributedPca {

    /** Rows of a block processed together: their deviations stay in cache while the scatter grows. */
    private static final int TILE = 64;

    private DistributedPca() {
    }

    /** The fitted projection: mean, D×k components (row-major float), variances, total variance, rows used. */
    public record Fit(float[] mean, float[] components, int dims, int k, double[] variances, double totalVariance,
                      long rows) implements Serializable {

        public double explainedVariance() {
            double s = 0;
            for (double v : variances) {
                s += v;
            }
            return totalVariance > 0 ? s / totalVariance : 0;
        }

        /** Projects {@code rows} rows of a block: (x − mean) · components, k values per row. */
        public float[] project(float[] x, int rows) {
            float[] shift = new float[k];
            for (int i = 0; i < dims; i++) {
                float m = mean[i];
                for (int c = 0; c < k; c++) {
                    shift[c] += m * components[i * k + c];
                }
            }
            float[] out = new float[rows * k];
            for (int r = 0; r < rows; r++) {
                int o = r * k;
                int xr = r * dims;
                for (int i = 0; i < dims; i++) {
                    float a = x[xr + i];
                    if (a == 0f) {
                        continue;
                    }
                    int w = i * k;
                    for (int c = 0; c < k; c++) {
                        out[o + c] += a * components[w + c];
                    }
                }
                for (int c = 0; c < k; c++) {
                    out[o + c] -= shift[c];
                }
            }
            return out;
        }
    }

    /** Rows, mean and scatter (sum of outer products of deviations from the mean; upper triangle) so far. */
    record Partial(long n, double[] mean, double[] scatter) implements Serializable {

        static Partial merge(Partial a, Partial b) {
            if (a.n == 0) {
                return b;
            }
            if (b.n == 0) {
                return a;
            }
            int d = a.mean.length;
            long n = a.n + b.n;
            double[] delta = new double[d];
            double[] mean = new double[d];
            for (int i = 0; i < d; i++) {
                delta[i] = b.mean[i] - a.mean[i];
                mean[i] = a.mean[i] + delta[i] * b.n / n;
            }
            double f = (double) a.n * b.n / n;
            double[] s = new double[d * d];
            for (int i = 0; i < d; i++) {
                double di = delta[i] * f;
                for (int j = i; j < d; j++) {
                    s[i * d + j] = a.scatter[i * d + j] + b.scatter[i * d + j] + di * delta[j];
                }
            }
            return new Partial(n, mean, s);
        }
    }

    /** The widest rows fitted: a D×D scatter of doubles per partition (512 MiB at 8,192 features). */
    public static final int MAX_FEATURES = 8192;

    /**
     * Refuses rows too wide for a D×D scatter per partition, saying what to do; a fit on a seeded sample of
     * rows or a randomised SVD for such rows is not built.
     */
    public static void refuseTooWide(int features) throws DataFormatException {
        if (features > MAX_FEATURES) {
            throw new DataFormatException(String.format(java.util.Locale.ROOT, "project: rows of %,d features would "
                    + "need a %,d×%,d scatter (%.1f GiB) on every partition; at most %,d are fitted: resize the "
                    + "images with --image-shape, or select fewer columns", features, features, features,
                    8.0 * features * features / (1L << 30), MAX_FEATURES));
        }
    }

    public static Fit fit(Source source, int split, int k) {
        int d = source.columns();
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("components must be in [1, " + d + "], got " + k);
        }
        JavaRDD<Partial> partials = source.blocks().mapPartitions(it -> {
            double[] sum = new double[d];
            double[] scatter = new double[d * d];
            float[] shift = null;
            float[] z = new float[TILE * d];
            long n = 0;
            while (it.hasNext()) {
                RowBlock b = it.next();
                if (b.split() != split) {
                    continue;
                }
                if (shift == null) {
                    shift = Arrays.copyOf(b.values(), d);
                }
                for (int r0 = 0; r0 < b.rows(); r0 += TILE) {
                    int rows = Math.min(TILE, b.rows() - r0);
                    for (int r = 0; r < rows; r++) {
                        int src = (r0 + r) * d;
                        for (int j = 0; j < d; j++) {
                            float v = b.values()[src + j] - shift[j];
                            z[r * d + j] = v;
                            sum[j] += v;
                        }
                    }
                    accumulate(z, rows, d, scatter);
                    n += rows;
                }
            }
            if (n == 0) {
                return List.of(new Partial(0, new double[d], new double[d * d])).iterator();
            }
            double[] mean = new double[d];
            for (int i = 0; i < d; i++) {
                mean[i] = shift[i] + sum[i] / n;
            }
            // scatter about the mean = scatter about the shift − n (m − s)(m − s)ᵀ, with n (m − s) = sum
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    scatter[i * d + j] -= sum[i] * sum[j] / n;
                }
            }
            return List.of(new Partial(n, mean, scatter)).iterator();
        });
        Partial total = OrderedReduce.reduce(partials, Partial::merge);
        if (total.n == 0) {
            throw new IllegalArgumentException("split '" + source.splits().get(split) + "' has no rows to fit on");
        }
        return decompose(total, k);
    }

    /** Scatter += Σ_r z_r z_rᵀ over {@code rows} rows (upper triangle), skipping zero deviations. */
    static void accumulate(float[] z, int rows, int d, double[] scatter) {
        for (int i = 0; i < d; i++) {
            int gi = i * d;
            for (int r = 0; r < rows; r++) {
                float a = z[r * d + i];
                if (a == 0f) {
                    continue;
                }
                int zr = r * d;
                for (int j = i; j < d; j++) {
                    scatter[gi + j] += a * (double) z[zr + j];
                }
            }
        }
    }

    static Fit decompose(Partial total, int k) {
        int d = total.mean.length;
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double c = total.scatter[i * d + j] / total.n;
                cov[i][j] = c;
                cov[j][i] = c;
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(cov, false);
        EigenDecomposition eig = new EigenDecomposition(m);
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double totalVariance = 0;
        for (double v : values) {
            totalVariance += Math.max(0, v);
        }
        float[] components = new float[d * k];
        double[] variances = new double[k];
        for (int c = 0; c < k; c++) {
            double[] v = eig.getEigenvector(order[c]).toArray();
            variances[c] = Math.max(0, values[order[c]]);
            int arg = 0;
            for (int i = 1; i < d; i++) {
                if (Math.abs(v[i]) > Math.abs(v[arg])) {
                    arg = i;
                }
            }
            double sign = v[arg] < 0 ? -1 : 1;
            for (int i = 0; i < d; i++) {
                components[i * k + c] = (float) (sign * v[i]);
            }
        }
        float[] mean = new float[d];
        for (int i = 0; i < d; i++) {
            mean[i] = (float) total.mean[i];
        }
        return new Fit(mean, components, d, k, variances, totalVariance, total.n);
    }
}
