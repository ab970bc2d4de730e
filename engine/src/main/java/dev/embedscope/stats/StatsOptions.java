package dev.embedscope.stats;

/**
 * How per-feature statistics are computed: worker threads, rows per block (the unit of the
 * fixed-order reduction, so results do not depend on the thread count), whether quantile and
 * distinct sketches are kept, the distinct-value count up to which a column stays exact, and
 * the KLL accuracy parameter k.
 */
public record StatsOptions(int threads, int blockRows, boolean sketches, int exactLimit, int kllK) {

    public StatsOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows must be at least 1, got " + blockRows);
        }
        if (exactLimit < 1) {
            throw new IllegalArgumentException("exactLimit must be at least 1, got " + exactLimit);
        }
        if (kllK < 8 || kllK > 65535) {
            throw new IllegalArgumentException("kllK must be in [8, 65535], got " + kllK);
        }
    }

    public static StatsOptions defaults() {
        return new StatsOptions(Runtime.getRuntime().availableProcessors(), 1024, true, 2048, 200);
    }

    public StatsOptions withThreads(int t) {
        return new StatsOptions(t, blockRows, sketches, exactLimit, kllK);
    }

    public StatsOptions withBlockRows(int rows) {
        return new StatsOptions(threads, rows, sketches, exactLimit, kllK);
    }

    public StatsOptions withSketches(boolean on) {
        return new StatsOptions(threads, blockRows, on, exactLimit, kllK);
    }

    public StatsOptions withExactLimit(int limit) {
        return new StatsOptions(threads, blockRows, sketches, limit, kllK);
    }
}
