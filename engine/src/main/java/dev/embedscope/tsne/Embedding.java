package dev.embedscope.tsne;

import dev.embedscope.knn.Points;
import dev.embedscope.linalg.Pca;

/**
 * A fitted t-SNE embedding with its state (after openTSNE's {@code TSNEEmbedding}): the positions
 * (N×dims, flat), the options and measurements of the run, and what is needed to place new points
 * into it ({@link EmbeddingTransform}): the PCA used (or null) and the reference points in the
 * space the kNN search ran in.
 *
 * @param y positions, row-major N×dims
 * @param kl the last KL divergence estimate
 * @param affinities the joint probabilities P as the optimiser held them
 * @param explainedVariance share of variance the PCA kept (1 without PCA)
 */
public record Embedding(double[] y, int n, int dims, TsneOptions options, double kl, int iterations, PhaseTimes times,
                        Pca pca, Points reference, Affinities affinities, double explainedVariance) {

    /**
     * P in the optimiser's numbering ({@code p}: its row r is point {@code order[r]}), kept once: a
     * million points' P takes about 2 GB.
     */
    public record Affinities(SparseP p, int[] order) {
    }

    /** P in the points' own numbering, renumbered on each call (for the exact KL and profiling). */
    public SparseP p() {
        return SpatialOrder.permute(affinities.p(), SpatialOrder.rank(affinities.order()));
    }

    /** The positions as float32 points (N×dims). */
    public Points positions() {
        float[] f = new float[y.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) y[i];
        }
        return new Points(f, n, dims);
    }

    /** The same embedding, reached through {@code reduction} (null: none) from the original features. */
    public Embedding withReduction(Pca reduction, double pcaSeconds) {
        return new Embedding(y, n, dims, options, kl, iterations, times.withPca(pcaSeconds), reduction, reference,
                affinities, reduction == null ? 1 : reduction.explainedVariance());
    }
}
