package dev.embedscope.tsne;

import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;

/**
 * The hot operations of t-SNE behind one seam, so that a GPU can take them without the engine
 * naming any GPU class: the exact kNN graph, attractive forces over the CSR P, repulsive forces
 * (with their normalisation Z), and the gradient step with gains and momentum. {@link CpuBackend}
 * implements it here; others are found with {@link java.util.ServiceLoader} through
 * {@code dev.embedscope.backend.BackendProvider}. Positions and forces are row-major N×dims arrays on the host.
 */
public interface ComputeBackend extends AutoCloseable {

    /** "cpu", "opencl", … */
    String name();

    /** The device in words (e.g. "2 CPU threads", "NVIDIA H200"). */
    String device();

    /** Whether the repulsion is exact (O(N²) per iteration) rather than Barnes-Hut. */
    boolean exactRepulsion();

    /**
     * Before any work on a run of this shape: throws {@link DeviceLimitException} (the device, what
     * it holds and what the run asks) when the run cannot run on the device; otherwise returns the
     * expected seconds of the optimisation on this backend, or NaN when the backend does not
     * estimate it (the CPU, whose Barnes-Hut time the progress bar tells as it goes).
     */
    default double preflight(RunShape shape) {
        return Double.NaN;
    }

    /**
     * The repulsion the last run used, in words, where the backend decides it rather than the options (a device
     * that resolves {@code --method auto} itself); null: the options say.
     */
    default String repulsionUsed() {
        return null;
    }

    /**
     * The repulsion a run of this shape will use, in words, with what the preflight estimated for the other
     * methods it can run; null: "exact repulsion" and its pair count. Called after {@link #preflight}.
     */
    default String plannedRepulsion(RunShape shape) {
        return null;
    }

    /** What the repulsion did in the last run, in words (an adaptive one: how often each method), or null. */
    default String repulsionNote() {
        return null;
    }

    /** Whether {@link #knn} of n points answers approximately (the CPU's approximate search) rather than exactly. */
    default boolean approximateKnn(int n) {
        return false;
    }

    /** The k nearest neighbours of every point of x among the other points. */
    KnnGraph knn(Points x, int k, ExactKnn.Progress progress);

    /** Prepares for optimising n points in dims dimensions against P (uploads it, allocates buffers). */
    void prepare(SparseP p, int n, int dims);

    /** attr_i = Σ_j p_ij (y_i − y_j) / (1 + ‖y_i − y_j‖²), after {@link #prepare}. */
    void attractive(double[] y, double[] attr);

    /** rep_i = Σ_j w_ij² (y_i − y_j); returns Z = Σ_{i≠j} w_ij. */
    double repulsive(double[] y, double[] rep);

    /**
     * One gradient step in place: grad = 4 (α · attr − rep / Z); gains +0.2 where grad and the last
     * update have opposite signs, else ×0.8, at least minGain; update = momentum · update − rate ·
     * gain · grad; y += update.
     */
    void step(StepState state, double[] attr, double[] rep, double z, StepParameters parameters);

    /**
     * One whole iteration: forces at {@code state.y()}, then the step; returns Z of the positions
     * the forces were computed at. Afterwards the host {@code state.y()} holds the new positions.
     * Between calls the caller may only translate y (re-centre it): a device backend keeps its own
     * copy of y, the updates and the gains on the device and sends back only y and Z. The host
     * {@code attr}, {@code rep}, {@code update} and {@code gains} arrays are then not kept current.
     */
    default double iterate(StepState state, double[] attr, double[] rep, StepParameters parameters) {
        attractive(state.y(), attr);
        double z = repulsive(state.y(), rep);
        step(state, attr, rep, z, parameters);
        return z;
    }

    @Override
    void close();

    /** The optimiser's per-coordinate memory: last update and gains. */
    record StepState(double[] y, double[] update, double[] gains) {
    }

    /** The scalars of one step. */
    record StepParameters(double exaggeration, double momentum, double rate, double minGain) {
    }
}
