package dev.embedscope.audit;

/**
 * Settings of a data audit: PCA dimensions of the neighbour space, neighbours per point, how many
 * suspects and outliers to keep, the near-duplicate threshold as a fraction of the median
 * nearest-neighbour distance, and threads.
 */
public record AuditOptions(int pcaDims, int k, int keep, double nearFraction, int threads) {

    public AuditOptions {
        if (pcaDims < 0 || k < 1 || keep < 1 || !(nearFraction >= 0) || threads < 1) {
            throw new IllegalArgumentException("invalid audit options: pca " + pcaDims + ", k " + k + ", keep " + keep
                    + ", near fraction " + nearFraction + ", threads " + threads);
        }
    }

    public static AuditOptions defaults() {
        return new AuditOptions(50, 15, 100, 0.05, Runtime.getRuntime().availableProcessors());
    }

    public AuditOptions withThreads(int t) {
        return new AuditOptions(pcaDims, k, keep, nearFraction, t);
    }
}
