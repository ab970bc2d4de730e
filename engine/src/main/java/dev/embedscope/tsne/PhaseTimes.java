package dev.embedscope.tsne;

/** Wall-clock seconds of each stage of a t-SNE run. */
public record PhaseTimes(double pca, double knn, double affinities, double optimization) {

    public double total() {
        return pca + knn + affinities + optimization;
    }
}
