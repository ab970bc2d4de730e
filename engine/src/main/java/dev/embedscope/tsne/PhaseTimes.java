package dev.embedscope.tsne;

/** Wall-clock seconds of each stage of a t-SNE run. */
public record PhaseTimes(double pca, double knn, double affinities, double optimization) {

    /** The same times with the PCA's. */
    public PhaseTimes withPca(double seconds) {
        return new PhaseTimes(seconds, knn, affinities, optimization);
    }

    public double total() {
        return pca + knn + affinities + optimization;
    }
}
