package dev.embedscope.tsne;

/**
 * How new points are placed into a fixed embedding (after openTSNE's {@code transform}):
 * perplexity of their affinities to the reference points (default 5, so k = 15 neighbours),
 * optimisation iterations, learning rate, Barnes-Hut θ (0 = exact) and threads.
 */
public record TransformOptions(double perplexity, int iterations, double learningRate, double theta, int threads) {

    public TransformOptions {
        if (!(perplexity > 0)) {
            throw new IllegalArgumentException("perplexity must be positive, got " + perplexity);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must not be negative, got " + iterations);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (!(theta >= 0)) {
            throw new IllegalArgumentException("theta must not be negative, got " + theta);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    public static TransformOptions defaults() {
        return new TransformOptions(5, 100, 0.1, 0.5, Runtime.getRuntime().availableProcessors());
    }

    public TransformOptions withThreads(int t) {
        return new TransformOptions(perplexity, iterations, learningRate, theta, t);
    }

    public TransformOptions withTheta(double t) {
        return new TransformOptions(perplexity, iterations, learningRate, t, threads);
    }

    public TransformOptions withIterations(int i) {
        return new TransformOptions(perplexity, i, learningRate, theta, threads);
    }

    /** Neighbours in the reference set per new point: 3 × perplexity. */
    public int neighbours() {
        return (int) Math.floor(3 * perplexity);
    }
}
