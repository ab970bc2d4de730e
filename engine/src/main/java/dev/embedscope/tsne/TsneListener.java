package dev.embedscope.tsne;

import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;

/**
 * Hears how a t-SNE run goes: phase progress (for progress bars) and every iteration of the
 * optimisation, with the KL divergence when it was estimated (NaN otherwise). Returning false
 * from {@link #iteration} stops the run early with the current embedding.
 */
public interface TsneListener {

    TsneListener NONE = new TsneListener() { };

    /** Progress inside a phase: {@code done} of {@code total} units. */
    default void progress(Phase phase, long done, long total) {
    }

    /** Called once the neighbour graph of the points is found (read only; for measuring it, e.g. its recall). */
    default void neighbours(Points points, KnnGraph graph) {
    }

    /** Called after every iteration; {@code y} is the current embedding (read only). */
    default boolean iteration(int iteration, double kl, double[] y) {
        return true;
    }

    /** The stages of a run, in order. */
    enum Phase { PCA, KNN, AFFINITIES, OPTIMIZATION }
}
