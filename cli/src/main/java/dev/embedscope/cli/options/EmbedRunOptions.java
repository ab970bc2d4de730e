package dev.embedscope.cli.options;

import dev.embedscope.data.Dataset;
import dev.embedscope.pipeline.JobOptions;
import picocli.CommandLine.Mixin;

/**
 * Everything a command that embeds rows of a dataset (embed, compare, report) asks about the run:
 * {@code --sample}, {@code --seed}, the t-SNE options, {@code --threads} and {@code --backend}, and
 * the pipeline's options made from them.
 */
public final class EmbedRunOptions {

    @Mixin
    SampleOption sample;

    @Mixin
    SeedOption seed;

    @Mixin
    EmbeddingOptions embedding;

    @Mixin
    ThreadsOption threads;

    @Mixin
    BackendOption backend;

    public long seed() {
        return seed.seed();
    }

    public int threads() {
        return threads.threads();
    }

    /** The --sample size, or {@code fallback} when not given (null: all rows). */
    public Integer sampleSize(Integer fallback) {
        return sample.size(fallback);
    }

    /** A note when an explicit --sample asks for at least every row of {@code d} (null otherwise). */
    public String sampleNote(Dataset d) {
        Integer n = sample.sample;
        if (n == null || n < d.rows()) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "note: --sample %,d is not less than the %,d rows of %s: all "
                + "are used", n, d.rows(), d.name());
    }

    /** The backend's name, checked before any work. */
    public String backend() {
        return backend.name();
    }

    /** The pipeline's options: the t-SNE settings given with the seed and threads, the backend, the quality. */
    public JobOptions.Builder job(int qualityQueries) {
        return embedding.job(embedding.tsne(seed(), threads()).build(), backend(), qualityQueries);
    }
}
