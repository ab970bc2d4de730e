package dev.embedscope.stats;

import dev.embedscope.data.FloatMatrix;
import dev.embedscope.util.Parallel;
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
        // one task per thread, each over a contiguous run of row blocks with sketches of its own
        int tasks = Math.max(1, Math.min(options.threads(), blocks));
        int blocksPerTask = (blocks + tasks - 1) / tasks;
        ColumnSketches[] perTask = new ColumnSketches[tasks];
        try (Parallel parallel = new Parallel(tasks)) {
            parallel.forBlocks(blocks, blocksPerTask, (task, firstBlock, endBlock) -> {
                float[] block = new float[blockRows * d];
                ColumnSketches sketches = options.sketches() ? new ColumnSketches(d, options.exactLimit(),
                        options.kllK()) : null;
                perTask[task] = sketches;
                for (int b = firstBlock; b < endBlock; b++) {
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
        Moments total = new Moments(d);
        for (Moments mom : perBlock) {
            total.merge(mom);
        }
        ColumnSketches sketches = null;
        if (options.sketches()) {
            sketches = new ColumnSketches(d, options.exactLimit(), options.kllK());
            for (ColumnSketches part : perTask) {
                if (part != null) {
                    sketches.merge(part);
                }
            }
        }
        return FeatureStats.of(total, sketches);
    }
}
