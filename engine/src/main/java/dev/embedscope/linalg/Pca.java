package dev.embedscope.linalg;

import dev.embedscope.data.FloatMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Principal component analysis: the covariance of the centred data by one ND4J GEMM
 * (XᵀX / N), its symmetric eigen-decomposition (LAPACK syev, in double), and projection onto
 * the leading components. Signs are fixed so that each component's largest-magnitude loading is
 * positive, as scikit-learn's {@code svd_flip} does, so results are reproducible.
 */
public record Pca(float[] mean, INDArray components, double[] variances, double totalVariance) {

    /** Fits {@code k} components (k ≤ D) to the rows of {@code x} (N×D float32). */
    public static Pca fit(INDArray x, int k) {
        int n = (int) x.rows();
        int d = (int) x.columns();
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("PCA components must be in [1, " + d + "], got " + k);
        }
        INDArray meanRow = x.mean(0).reshape(1, d);
        INDArray centred = x.subRowVector(meanRow);
        INDArray cov = Nd4j.gemm(centred, centred, true, false).divi(Math.max(1, n)).castTo(DataType.DOUBLE);
        centred.close();
        return fromCovariance(FloatMatrix.toArray(meanRow.castTo(DataType.FLOAT).dup('c')), cov, k);
    }

    /**
     * The leading {@code k} components of a D×D covariance matrix (double; overwritten by its eigenvectors)
     * of data whose mean is {@code mean}.
     */
    public static Pca fromCovariance(float[] mean, INDArray cov, int k) {
        int d = (int) cov.rows();
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("PCA components must be in [1, " + d + "], got " + k);
        }
        INDArray eigenvalues = Eigen.symmetricGeneralizedEigenvalues(cov,
                true); // ascending; cov now holds eigenvectors
        double total = 0;
        for (int i = 0; i < d; i++) {
            total += Math.max(0, eigenvalues.getDouble(i));
        }
        double[] variances = new double[k];
        INDArray components = Nd4j.createUninitialized(DataType.FLOAT, d, k);
        for (int c = 0; c < k; c++) {
            int src = d - 1 - c;
            variances[c] = Math.max(0, eigenvalues.getDouble(src));
            INDArray v = cov.getColumn(src);
            int arg = 0;
            double best = -1;
            for (int i = 0; i < d; i++) {
                double a = Math.abs(v.getDouble(i));
                if (a > best) {
                    best = a;
                    arg = i;
                }
            }
            double sign = v.getDouble(arg) < 0 ? -1 : 1;
            components.putColumn(c, v.mul(sign).castTo(DataType.FLOAT));
        }
        return new Pca(mean, components, variances, total);
    }

    public int dimensions() {
        return variances.length;
    }

    /**
     * (x − mean) · components = x · components − mean · components: N×k float32, without a centred copy of x.
     */
    public INDArray transform(INDArray x) {
        INDArray m = Nd4j.createFromArray(mean).reshape(1, mean.length);
        INDArray shift = m.mmul(components);
        INDArray out = x.mmul(components).dup('c');
        out.subiRowVector(shift);
        return out;
    }

    /** Share of the total variance each component explains. */
    public double[] explainedVarianceRatio() {
        double[] r = new double[variances.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = totalVariance > 0 ? variances[i] / totalVariance : 0;
        }
        return r;
    }

    /** Share of the total variance the kept components explain together. */
    public double explainedVariance() {
        double s = 0;
        for (double v : explainedVarianceRatio()) {
            s += v;
        }
        return s;
    }
}
