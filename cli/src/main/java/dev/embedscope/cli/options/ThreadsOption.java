package dev.embedscope.cli.options;

import picocli.CommandLine.Option;

/** The {@code --threads} option shared by every command that computes: worker threads, all cores by default. */
public final class ThreadsOption {

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
    Integer threads;

    public int threads() {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
