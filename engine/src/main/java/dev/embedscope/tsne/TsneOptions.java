package dev.embedscope.tsne;

/**
 * The settings of one t-SNE run, validated; defaults follow scikit-learn ≥ 1.2 and openTSNE:
 * perplexity 30, early exaggeration 12 for 250 iterations at momentum 0.5, then momentum 0.8,
 * 1000 iterations in all, learning rate auto = max(N / early exaggeration / 4, 50) (Belkina et
 * al. 2019), gains with minimum 0.01, Barnes-Hut θ = 0.5, PCA initialisation scaled to standard
 * deviation 1e-4, KL estimated every 50 iterations.
 *
 * @param learningRate a positive rate, or {@link Double#NaN} for auto
 */
public record TsneOptions(double perplexity, int iterations, double earlyExaggeration, int exaggerationIterations,
                          double learningRate, double initialMomentum, double finalMomentum, double minGain,
                          double theta, Method method, int dims, long seed, int threads, int klEvery) {

    /** How repulsive forces are computed. */
    public enum Method {
        /** Barnes-Hut space-partitioning tree, O(N log N) per iteration. */
        BARNES_HUT,
        /** All pairs, O(N²): the reference the approximation is tested against. */
        EXACT
    }

    public TsneOptions {
        if (!(perplexity > 0) || !Double.isFinite(perplexity)) {
            throw new IllegalArgumentException("perplexity must be positive, got " + perplexity);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
        if (!(earlyExaggeration >= 1)) {
            throw new IllegalArgumentException("early exaggeration must be at least 1, got " + earlyExaggeration);
        }
        if (exaggerationIterations < 0) {
            throw new IllegalArgumentException("exaggeration iterations must not be negative, got " + exaggerationIterations);
        }
        if (!Double.isNaN(learningRate) && !(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive or auto, got " + learningRate);
        }
        if (!(initialMomentum >= 0 && initialMomentum < 1 && finalMomentum >= 0 && finalMomentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1)");
        }
        if (!(minGain > 0)) {
            throw new IllegalArgumentException("minimum gain must be positive, got " + minGain);
        }
        if (!(theta >= 0) || theta > 1.5) {
            throw new IllegalArgumentException("theta must be in [0, 1.5], got " + theta);
        }
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("output dimensions must be 2 or 3, got " + dims);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (klEvery < 1) {
            throw new IllegalArgumentException("KL interval must be at least 1, got " + klEvery);
        }
        if (method == null) {
            throw new IllegalArgumentException("method must be given");
        }
    }

    public static TsneOptions defaults() {
        return new TsneOptions(30, 1000, 12, 250, Double.NaN, 0.5, 0.8, 0.01, 0.5, Method.BARNES_HUT, 2, 1,
                Runtime.getRuntime().availableProcessors(), 50);
    }

    /** Neighbours per point in the kNN graph: 3 × perplexity, rounded down. */
    public int neighbours() {
        return (int) Math.floor(3 * perplexity);
    }

    /** The learning rate for N points (resolving auto). */
    public double learningRateFor(int n) {
        return Double.isNaN(learningRate) ? Math.max(n / earlyExaggeration / 4, 50) : learningRate;
    }

    public TsneOptions withPerplexity(double p) {
        return new TsneOptions(p, iterations, earlyExaggeration, exaggerationIterations, learningRate, initialMomentum,
                finalMomentum, minGain, theta, method, dims, seed, threads, klEvery);
    }

    public TsneOptions withIterations(int n) {
        return new TsneOptions(perplexity, n, earlyExaggeration, Math.min(exaggerationIterations, n), learningRate,
                initialMomentum, finalMomentum, minGain, theta, method, dims, seed, threads, klEvery);
    }

    public TsneOptions withExaggeration(double factor, int forIterations) {
        return new TsneOptions(perplexity, iterations, factor, forIterations, learningRate, initialMomentum, finalMomentum,
                minGain, theta, method, dims, seed, threads, klEvery);
    }

    public TsneOptions withLearningRate(double rate) {
        return new TsneOptions(perplexity, iterations, earlyExaggeration, exaggerationIterations, rate, initialMomentum,
                finalMomentum, minGain, theta, method, dims, seed, threads, klEvery);
    }

    public TsneOptions withTheta(double t) {
        return new TsneOptions(perplexity, iterations, earlyExaggeration, exaggerationIterations, learningRate,
                initialMomentum, finalMomentum, minGain, t, method, dims, seed, threads, klEvery);
    }

    public TsneOptions withMethod(Method m) {
        return new TsneOptions(perplexity, iterations, earlyExaggeration, exaggerationIterations, learningRate,
                initialMomentum, finalMomentum, minGain, theta, m, dims, seed, threads, klEvery);
    }

    public TsneOptions withDims(int d) {
        return new TsneOptions(perplexity, iterations, earlyExaggeration, exaggerationIterations, learningRate,
                initialMomentum, finalMomentum, minGain, theta, method, d, seed, threads, klEvery);
    }

    public TsneOptions withSeed(long s) {
        return new TsneOptions(perplexity, iterations, earlyExaggeration, exaggerationIterations, learningRate,
                initialMomentum, finalMomentum, minGain, theta, method, dims, s, threads, klEvery);
    }

    public TsneOptions withThreads(int t) {
        return new TsneOptions(perplexity, iterations, earlyExaggeration, exaggerationIterations, learningRate,
                initialMomentum, finalMomentum, minGain, theta, method, dims, seed, t, klEvery);
    }
}
