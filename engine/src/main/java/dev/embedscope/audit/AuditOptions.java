package dev.embedscope.audit;

/**
 * Settings of a data audit: PCA dimensions of the neighbour space, neighbours per point for the
 * duplicates, outliers and class confusion, neighbours for the label-noise scores, how many suspects
 * and outliers to keep, the near-duplicate threshold as a fraction of the median nearest-neighbour
 * distance, and threads. Built by name ({@link #builder()}); each value is checked on its own.
 */
public record AuditOptions(int pcaDims, int neighbours, int noiseNeighbours, int keep, double nearFraction,
                           int threads) {

    /** Neighbours per point for duplicates, outliers and confusion. */
    public static final int DEFAULT_NEIGHBOURS = 15;
    /** Neighbours for the label-noise scores: more than 15 separate changed labels better (see design notes). */
    public static final int DEFAULT_NOISE_NEIGHBOURS = 50;

    public AuditOptions {
        atLeast("PCA dimensions", pcaDims, 0);
        atLeast("neighbours", neighbours, 1);
        atLeast("label-noise neighbours", noiseNeighbours, 1);
        atLeast("rows to keep", keep, 1);
        atLeast("threads", threads, 1);
        if (!(nearFraction >= 0 && nearFraction < 1)) {
            throw new IllegalArgumentException("the near-duplicate fraction must be in [0, 1), got " + nearFraction);
        }
    }

    private static void atLeast(String what, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(what + " must be at least " + least + ", got " + value);
        }
    }

    public static AuditOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public AuditOptions withThreads(int t) {
        return new AuditOptions(pcaDims, neighbours, noiseNeighbours, keep, nearFraction, t);
    }

    /** Named construction; unset values are the defaults. */
    public static final class Builder {
        private int pcaDims = 50;
        private int neighbours = DEFAULT_NEIGHBOURS;
        private int noiseNeighbours = DEFAULT_NOISE_NEIGHBOURS;
        private int keep = 100;
        private double nearFraction = 0.05;
        private int threads = Runtime.getRuntime().availableProcessors();

        public Builder pcaDims(int v) {
            pcaDims = v;
            return this;
        }

        public Builder neighbours(int v) {
            neighbours = v;
            return this;
        }

        public Builder noiseNeighbours(int v) {
            noiseNeighbours = v;
            return this;
        }

        public Builder keep(int v) {
            keep = v;
            return this;
        }

        public Builder nearFraction(double v) {
            nearFraction = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public AuditOptions build() {
            return new AuditOptions(pcaDims, neighbours, noiseNeighbours, keep, nearFraction, threads);
        }
    }
}
