package dev.embedscope.tsne;

/**
 * The repulsive half of the t-SNE gradient: for positions y (N×dims) it writes
 * {@code rep_i = Σ_{j≠i} w_ij² (y_i − y_j)} with {@code w_ij = 1 / (1 + ‖y_i − y_j‖²)} and returns
 * the normalisation {@code Z = Σ_{i≠j} w_ij}; the gradient's repulsion is {@code rep_i / Z}.
 * Implementations: {@link ExactRepulsion} (all pairs) and {@link BarnesHutRepulsion}.
 */
public interface RepulsiveForces {

    double compute(double[] y, double[] rep);
}
