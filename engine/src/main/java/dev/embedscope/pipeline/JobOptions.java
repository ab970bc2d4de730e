package dev.embedscope.pipeline;

import dev.embedscope.backend.Backends;
import dev.embedscope.tsne.CpuBackend;
import dev.embedscope.tsne.TsneOptions;

/**
 * What an {@link EmbeddingJob} does around t-SNE, one validated value made by {@link #builder}: the
 * t-SNE settings, the PCA the data is reduced with before the neighbour search, the perplexity
 * policy, the backend by name, and how many sampled queries measure the quality (0: none). Defaults:
 * PCA to 50 dimensions, the perplexity as given, the CPU backend, no quality.
 */
public record JobOptions(TsneOptions tsne, int pcaDims, PerplexityPolicy perplexity,
        String backend, int qualityQueries) {

    /** Dimensions of the PCA before the neighbour search unless told otherwise. */
    public static final int DEFAULT_PCA = 50;

    /** What to do when the data has too few points for the perplexity. */
    public enum PerplexityPolicy {
        /** Refuse the run ({@link dev.embedscope.tsne.TooFewPointsException}). */
        AS_GIVEN,
        /** Lower it to what the points allow (for embeddings inside other analyses). */
        AT_MOST_WHAT_DATA_ALLOWS
    }

    public JobOptions {
        if (tsne == null || perplexity == null || backend == null) {
            throw new IllegalArgumentException("t-SNE options, perplexity policy and backend must be given");
        }
        if (pcaDims < 0) {
            throw new IllegalArgumentException("PCA dimensions must be 0 (off) or positive, got " + pcaDims);
        }
        if (qualityQueries < 0) {
            throw new IllegalArgumentException("quality queries must not be negative, got " + qualityQueries);
        }
    }

    public static Builder builder(TsneOptions tsne) {
        return new Builder(tsne);
    }

    /** Dimensions the neighbour search sees for {@code features} input columns. */
    public int seenFeatures(int features) {
        return pcaDims > 0 ? Math.min(features, pcaDims) : features;
    }

    /**
     * The t-SNE options for {@code points} points: the perplexity under the policy and the kNN and
     * repulsion methods resolved ({@code auto} decided by the points and dimensions).
     */
    public TsneOptions tsneFor(int points) {
        TsneOptions o = tsne;
        TsneOptions.Method method = o.repulsion().method().resolved(points, o.dims());
        TsneOptions.KnnMethod knn = o.neighbours().method().resolved(points);
        if (method != o.repulsion().method() || knn != o.neighbours().method()) {
            o = o.toBuilder().method(method).knnMethod(knn).build();
        }
        if (perplexity == PerplexityPolicy.AS_GIVEN) {
            return o;
        }
        double allowed = Math.max(1, (points - 2) / 3.0);
        return o.perplexity() <= allowed ? o : o.toBuilder().perplexity(allowed).build();
    }

    /** Named construction of {@link JobOptions}. */
    public static final class Builder {
        private final TsneOptions tsne;
        private int pcaDims = DEFAULT_PCA;
        private PerplexityPolicy perplexity = PerplexityPolicy.AS_GIVEN;
        private String backend = CpuBackend.NAME;
        private int qualityQueries;

        private Builder(TsneOptions tsne) {
            this.tsne = tsne;
        }

        /** PCA to this many dimensions before the neighbour search when there are more features (0: off). */
        public Builder pca(int dims) {
            this.pcaDims = dims;
            return this;
        }

        public Builder perplexity(PerplexityPolicy policy) {
            this.perplexity = policy;
            return this;
        }

        /** cpu, auto, or a backend's name ({@link Backends#names()}). */
        public Builder backend(String name) {
            this.backend = name;
            return this;
        }

        /** Measure the quality over this many sampled queries (0: do not measure). */
        public Builder quality(int queries) {
            this.qualityQueries = queries;
            return this;
        }

        public JobOptions build() {
            return new JobOptions(tsne, pcaDims, perplexity, backend, qualityQueries);
        }
    }
}
