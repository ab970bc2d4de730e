package dev.embedscope.tsne;

import dev.embedscope.data.FloatMatrix;
import dev.embedscope.linalg.Pca;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted t-SNE embedding with its state (after openTSNE's {@code TSNEEmbedding}): the positions
 * (N×dims, flat), the options and measurements of the run, and what is needed to place new points
 * into it ({@link EmbeddingTransform}): the PCA used (or null) and the reference points in the
 * space the kNN search ran in.
 *
 * @param y positions, row-major N×dims
 * @param kl the last KL divergence estimate
 * @param explainedVariance share of variance the PCA kept (1 without PCA)
 */
public record Embedding(double[] y, int n, int dims, TsneOptions options, double kl, int iterations, PhaseTimes times,
                        Pca pca, INDArray reference, SparseP p, double explainedVariance) {

    /** The positions as an N×dims float32 array. */
    public INDArray toFloatMatrix() {
        float[] f = new float[y.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) y[i];
        }
        return FloatMatrix.of(f, n, dims);
    }
}
