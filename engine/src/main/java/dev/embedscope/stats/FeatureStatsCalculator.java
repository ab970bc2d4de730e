package dev.embedscope.stats;

import dev.embedscope.data.FloatMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Computes {@link FeatureStats} of an N×D float32 matrix in one parallel pass: rows are cut into
 * fixed blocks, each block's moments are computed on its own and merged in block order (so the
 * result does not depend on the thread count), and each worker feeds its own column sketches,
 * merged at the end (exact sketches merge exactly).
 */
public final class FeatureStatsCalculator {

    private FeatureStatsCalculator() {
    }

    public static FeatureStats compute(INDArray matrix, StatsOptions options) {
        int n = (int) matrix.rows();
        int d = (int) matrix.columns();
        FloatMatrix.View view = FloatMatrix.view(matrix);
        int blockRows = Math.max(1, Math.min(options.blockRows(), Math.max(1, (1 << 20) / Math.max(1, d))));
        int blocks = (n + blockRows - 1) / blockRows;
        Moments[] perBlock = new Moments[blocks];
        int threads = Math.max(1, Math.min(options.threads(), blocks));
        ColumnSketches[] perThread = new ColumnSketches[threads];
        AtomicInteger next = new AtomicInteger();
        List<Runnable> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            tasks.add(() -> {
                float[] block = new float[blockRows * d];
                ColumnSketches sketches = options.sketches() ? new ColumnSketches(d, options.exactLimit(), options.kllK()) : null;
                perThread[id] = sketches;
                int b;
                while ((b = next.getAndIncrement()) < blocks) {
                    int r0 = b * blockRows;
                    int rows = Math.min(blockRows, n - r0);
                    view.get((long) r0 * d, block, 0, rows * d);
                    Moments mom = new Moments(d);
                    mom.accept(block, rows);
                    perBlock[b] = mom;
                    if (sketches != null) {
                        sketches.accept(block, rows);
                    }
                }
            });
        }
        run(tasks, threads);
        Moments total = new Moments(d);
        for (Moments mom : perBlock) {
            total.merge(mom);
        }
        ColumnSketches sketches = null;
        if (options.sketches()) {
            sketches = perThread[0];
            for (int t = 1; t < threads; t++) {
                sketches.merge(perThread[t]);
            }
            if (sketches == null) {
                sketches = new ColumnSketches(d, options.exactLimit(), options.kllK());
            }
        }
        return FeatureStats.of(total, sketches);
    }

    static void run(List<Runnable> tasks, int threads) {
        if (threads == 1) {
            tasks.get(0).run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "embedscope-stats");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(pool.submit(task));
            }
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
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
