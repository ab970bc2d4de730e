package dev.embedscope.tsne;

/**
 * What a run asks of a backend: threads for CPU work, how neighbours are found, how repulsion is computed,
 * and the seed (the approximate neighbour search draws its random projections from it).
 */
public record BackendRequest(int threads, TsneOptions.KnnMethod knn, TsneOptions.Repulsion repulsion, long seed) {

    public BackendRequest {
        if (threads < 1 || knn == null || repulsion == null) {
            throw new IllegalArgumentException("a backend request needs threads ≥ 1, a kNN method and a repulsion");
        }
    }

    public static BackendRequest of(TsneOptions o) {
        return new BackendRequest(o.threads(), o.neighbours().method(), o.repulsion(), o.seed());
    }
}
