package dev.embedscope.tsne;

/** What a run asks of a backend: threads for CPU work, how neighbours are found and how repulsion is computed. */
public record BackendRequest(int threads, TsneOptions.KnnMethod knn, TsneOptions.Repulsion repulsion) {

    public BackendRequest {
        if (threads < 1 || knn == null || repulsion == null) {
            throw new IllegalArgumentException("a backend request needs threads ≥ 1, a kNN method and a repulsion");
        }
    }

    public static BackendRequest of(TsneOptions o) {
        return new BackendRequest(o.threads(), o.neighbours().method(), o.repulsion());
    }
}
