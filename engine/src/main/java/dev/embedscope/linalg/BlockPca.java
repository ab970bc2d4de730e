package dev.embedscope.linalg;

import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.RowSource;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Principal component analysis of rows that are never all in memory (Pearson 1901; the covariance
 * route of {@link Pca}): one pass over blocks of a {@link RowSource} accumulates the mean and the exact
 * covariance in double, each block's Gram matrix by one ND4J GEMM of the block shifted by the first
 * block's mean (so no large raw moments cancel), then {@link Pca#fromCovariance}; a second pass projects
 * block by block into a flat N×k array. While one block is multiplied the next is read, decoded and
 * prepared on another thread. The result spans the same subspace as {@link Pca#fit} on the rows in
 * memory, up to float rounding, and does not depend on any thread count. What stays resident is the
 * D×D covariance, two blocks, and the N×k result.
 */
public final class BlockPca {

    /** Floats in one block (8 MiB). */
    static final int BLOCK_FLOATS = 1 << 21;

    private BlockPca() {
    }

    /** What each block goes through after it is read (scaling in place, checks), given its first row. */
    @FunctionalInterface
    public interface Prepare {
        void accept(long firstRow, int count, float[] values);
    }

    /** Progress of a pass: {@code done} of {@code total} rows. */
    @FunctionalInterface
    public interface Progress {
        void rows(long done, long total);
    }

    /** Rows per block for rows of {@code d} values. */
    public static int blockRows(int d) {
        return Math.max(1, Math.min(8192, BLOCK_FLOATS / d));
    }

    /** Fits {@code k} components to the prepared rows of {@code source}. */
    public static Pca fit(RowSource source, Prepare prepare, int k, Progress progress) {
        int d = source.columns();
        long n = source.rows();
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("PCA components must be in [1, " + d + "], got " + k);
        }
        INDArray gram = Nd4j.zeros(DataType.DOUBLE, d, d);
        double[] sum = new double[d];
        float[] shift = new float[d];
        INDArray shiftRow = Nd4j.zeros(DataType.FLOAT, 1, d);
        forEachBlock(source, prepare, progress, (first, count, values) -> {
            if (first == 0) {
                meanOf(values, count, d, shift);
                shiftRow.assign(Nd4j.createFromArray(shift).reshape(1, d));
            }
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < d; j++) {
                    sum[j] += values[i * d + j] - shift[j];
                }
            }
            INDArray block = block(values, count, d);
            block.subiRowVector(shiftRow);
            gram.addi(Nd4j.gemm(block, block, true, false).castTo(DataType.DOUBLE));
            block.close();
        });
        double[] m = new double[d];
        float[] mean = new float[d];
        for (int j = 0; j < d; j++) {
            m[j] = sum[j] / Math.max(1, n);
            mean[j] = (float) (shift[j] + m[j]);
        }
        INDArray mm = Nd4j.createFromArray(m).reshape(d, 1);
        INDArray cov = gram.divi(Math.max(1, n)).subi(mm.mmul(mm.transpose()));
        return Pca.fromCovariance(mean, cov, k);
    }

    /** The prepared rows of {@code source} projected onto the components: N×k, row-major. */
    public static float[] transform(Pca pca, RowSource source, Prepare prepare, Progress progress) {
        int d = source.columns();
        int k = pca.dimensions();
        long n = source.rows();
        if (n * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " rows of " + k + " components are more than 2^31 values");
        }
        float[] out = new float[(int) (n * k)];
        INDArray shift = Nd4j.createFromArray(pca.mean()).reshape(1, d).mmul(pca.components());
        forEachBlock(source, prepare, progress, (first, count, values) -> {
            INDArray block = block(values, count, d);
            INDArray reduced = block.mmul(pca.components());
            reduced.subiRowVector(shift);
            FloatMatrix.view(reduced.dup('c')).get(0, out, (int) (first * k), count * k);
            block.close();
        });
        return out;
    }

    private static INDArray block(float[] values, int count, int d) {
        INDArray block = FloatMatrix.allocate(count, d);
        FloatMatrix.view(block).put(0, values, 0, count * d);
        return block;
    }

    private static void meanOf(float[] values, int count, int d, float[] out) {
        double[] s = new double[d];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < d; j++) {
                s[j] += values[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            out[j] = (float) (s[j] / Math.max(1, count));
        }
    }

    /**
     * Runs {@code body} on the blocks of {@code source} in row order, each read and prepared on a second
     * thread while the one before is in {@code body}.
     */
    public static void forEachBlock(RowSource source, Prepare prepare, Progress progress, Prepare body) {
        int d = source.columns();
        long n = source.rows();
        int rows = blockRows(d);
        float[][] buffers = {new float[rows * d], new float[rows * d]};
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "embedscope-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> pending = reader.submit(() -> load(source, prepare, 0, rows, buffers[0]));
            int b = 0;
            for (long first = 0; first < n; first += rows, b++) {
                int count = (int) Math.min(rows, n - first);
                await(pending);
                long next = first + rows;
                float[] nextBuffer = buffers[(b + 1) & 1];
                pending = next < n ? reader.submit(() -> load(source, prepare, next, rows, nextBuffer)) : null;
                body.accept(first, count, buffers[b & 1]);
                if (progress != null) {
                    progress.rows(first + count, n);
                }
            }
        } finally {
            reader.shutdownNow();
        }
    }

    private static void load(RowSource source, Prepare prepare, long first, int rows, float[] buffer) {
        int count = (int) Math.min(rows, source.rows() - first);
        source.read(first, count, buffer);
        prepare.accept(first, count, buffer);
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
