package dev.embedscope.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of worker threads that runs fixed blocks of work: {@code forBlocks(n, size, body)}
 * cuts [0, n) into blocks of {@code size} and hands them out; a block is always the same range
 * whatever the thread count, so per-block partial results summed in block order give the same
 * answer with one thread or many.
 */
public final class Parallel implements AutoCloseable {

    /** Work on the range [from, to) of block number {@code block}. */
    @FunctionalInterface
    public interface Body {
        void run(int block, int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "embedscope-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /** Number of blocks {@link #forBlocks} uses. */
    public static int blocks(int n, int size) {
        return (n + size - 1) / size;
    }

    public void forBlocks(int n, int size, Body body) {
        int blocks = blocks(n, size);
        if (pool == null || blocks <= 1) {
            for (int b = 0; b < blocks; b++) {
                body.run(b, b * size, Math.min(n, (b + 1) * size));
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int t = 0; t < Math.min(threads, blocks); t++) {
            futures.add(pool.submit(() -> {
                int b;
                while ((b = next.getAndIncrement()) < blocks) {
                    body.run(b, b * size, Math.min(n, (b + 1) * size));
                }
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
