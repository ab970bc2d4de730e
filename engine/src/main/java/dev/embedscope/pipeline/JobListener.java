package dev.embedscope.pipeline;

import dev.embedscope.tsne.TsneListener;

/** Hears an {@link EmbeddingJob}: t-SNE's progress and iterations, and notes such as which backend was taken. */
public interface JobListener extends TsneListener {

    JobListener NONE = new JobListener() { };

    /** One line for the user (which backend, its time estimate). */
    default void note(String line) {
    }
}
