package dev.embedscope.pipeline;

import dev.embedscope.data.Dataset;
import dev.embedscope.quality.EmbeddingQuality;
import dev.embedscope.scale.ScalerChoice;
import dev.embedscope.tsne.Embedding;
import dev.embedscope.tsne.TsneOptions;

/**
 * What an {@link EmbeddingJob} made: the embedding with its state, the rows as embedded (scaled; null
 * when the job started from scores), the quality (null when not measured), the backend used, the
 * options in effect, the time of each stage, the scaling applied (which scaler, and why), how the
 * neighbours were found, and how the rows came in.
 */
public record JobResult(Embedding embedding, Dataset rows, EmbeddingQuality.Quality quality, BackendUsed backend,
                        TsneOptions options, Times seconds, ScalerChoice scaling, Neighbours neighbours,
                        Input input) {

    /** The features of each input row (before PCA) and how the rows came in, in words. */
    public record Input(int features, String how) {
        /** Rows held in memory as one matrix. */
        public static final String IN_MEMORY = "in memory";
        /** Rows streamed in blocks, scaled and reduced block by block. */
        public static final String STREAMED = "streamed in blocks (scaled, checked and reduced block by block)";
        /** Principal component scores given by the caller. */
        public static final String SCORES = "principal component scores";
    }

    /**
     * How the neighbours were found ("exact", or the approximate search in words) and, for an approximate
     * graph under {@code quality}, its recall@k on sampled rows (NaN and 0 rows otherwise).
     */
    public record Neighbours(String method, double recall, int sampledRows) {
    }

    /** Where the kNN search, forces and steps ran, and with which repulsion. */
    public record BackendUsed(String name, String device, String repulsion) {
    }

    /** Wall-clock seconds of each stage. */
    public record Times(double scale, double pca, double knn, double affinities, double optimization, double quality) {

        /** All stages together. */
        public double total() {
            return scale + pca + knn + affinities + optimization + quality;
        }
    }
}
