package dev.embedscope.compare;

/**
 * Settings of a train/test comparison: PCA dimensions of the joint space (fitted on train), the
 * points per split in the kNN mixing test, its k and permutations, the near-duplicate threshold as
 * a fraction of the median test-to-train nearest-neighbour distance, seed and threads.
 */
public record CompareOptions(int pcaDims, int mixingPerSplit, int k, int permutations, double nearFraction, long seed,
                             int threads) {

    public CompareOptions {
        if (pcaDims < 0 || mixingPerSplit < 10 || k < 1 || permutations < 10 || !(nearFraction >= 0) || threads < 1) {
            throw new IllegalArgumentException("invalid comparison options: pca " + pcaDims
                    + ", mixing points " + mixingPerSplit
                    + ", k " + k + ", permutations " + permutations + ", near fraction "
                    + nearFraction + ", threads " + threads);
        }
    }

    public static CompareOptions defaults() {
        return new CompareOptions(50, 5000, 10, 200, 0.05, 1, Runtime.getRuntime().availableProcessors());
    }

    public CompareOptions withThreads(int t) {
        return new CompareOptions(pcaDims, mixingPerSplit, k, permutations, nearFraction, seed, t);
    }

    public CompareOptions withSeed(long s) {
        return new CompareOptions(pcaDims, mixingPerSplit, k, permutations, nearFraction, s, threads);
    }
}
