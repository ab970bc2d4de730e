package dev.embedscope.tsne;

import dev.embedscope.util.Parallel;

/**
 * The t-SNE cost KL(P ‖ Q) = Σ p_ij log(p_ij / q_ij) with q_ij = w_ij / Z. Only the non-zero
 * entries of the sparse P contribute, so with the exact Z (all pairs) this is the exact KL; with
 * the Barnes-Hut Z it is the estimate the optimiser reports.
 */
public final class KlDivergence {

    private static final int ROWS_PER_TASK = 1024;

    private KlDivergence() {
    }

    /** KL for positions y given the normalisation Z of the same positions. */
    public static double of(SparseP p, double[] y, int dims, double z, Parallel parallel) {
        int[] start = p.rowStart();
        int[] cols = p.cols();
        float[] vals = p.vals();
        double[] partial = new double[Parallel.blocks(p.n(), ROWS_PER_TASK)];
        double logZ = Math.log(z);
        parallel.forBlocks(p.n(), ROWS_PER_TASK, (block, from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                for (int e = start[i]; e < start[i + 1]; e++) {
                    double pij = vals[e];
                    if (pij <= 0) {
                        continue;
                    }
                    int j = cols[e];
                    double d2 = 0;
                    for (int c = 0; c < dims; c++) {
                        double diff = y[dims * i + c] - y[dims * j + c];
                        d2 += diff * diff;
                    }
                    // log q = log w − log Z = −log(1 + d²) − log Z; Σ p log p and Σ p log Z are added once
                    // below
                    s += pij * Math.log1p(d2);
                }
            }
            partial[block] = s;
        });
        double kl = 0;
        for (double v : partial) {
            kl += v;
        }
        return kl + entropyTerm(p) + p.sum() * logZ;
    }

    /** Σ p log p over the non-zero entries: fixed for a P, cached per instance. */
    static double entropyTerm(SparseP p) {
        return p.plogp();
    }

    /** The exact KL: Z over all pairs, O(N²). */
    public static double exact(SparseP p, double[] y, int dims, Parallel parallel) {
        double z = new ExactRepulsion(p.n(), dims, parallel).compute(y, new double[y.length]);
        return of(p, y, dims, z, parallel);
    }
}
