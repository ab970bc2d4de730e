package dev.embedscope.tsne;

import dev.embedscope.util.Parallel;
import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Aperiodic convolution of an m × m complex grid with a real kernel that is even in both axes, by FFT on
 * the circulant of side 2m (the grid padded with zeros), pruned: only the m non-zero rows are transformed
 * forward and only the m rows that are read are transformed back, and each column is transformed, multiplied
 * by the kernel's spectrum and transformed back while it sits in a small buffer. This is the convolution step
 * of FIt-SNE (Linderman et al., Nature Methods 16, 2019) and does what a full 2-D FFT of the padded grid does
 * with three quarters of its one-dimensional transforms; {@link #convolveDense} is that full 2-D transform,
 * kept as the twin the tests hold it to.
 *
 * <p>A grid is stored row-major as m rows of 2m complex values (interleaved real and imaginary parts), the
 * input in the first m columns; after {@link #convolve} the result sits in the same place. Rows and column
 * groups go to the {@link Parallel} pool; every row and column is transformed alone, so the result does not
 * depend on the thread count.
 */
final class GridConvolution {

    private static final int ROWS_PER_BLOCK = 16;
    private static final int COLUMNS_PER_GROUP = 16;

    private final int m;
    private final int size;
    private final DoubleFFT_1D fft;
    private final double[] kernelHat;
    private final double[][] buffers;

    /**
     * The convolution of m × m grids with the kernel sampled at grid offsets: kernel(da, db), |da|, |db| < m; the
     * kernel's spectrum is computed on {@code parallel}'s threads, each row and column alone, so its bits do not
     * depend on their number.
     */
    GridConvolution(int m, Kernel kernel, Parallel parallel) {
        this.m = m;
        this.size = 2 * m;
        this.fft = new DoubleFFT_1D(size);
        int groups = Parallel.blocks(size, COLUMNS_PER_GROUP);
        this.buffers = new double[groups][];
        this.kernelHat = spectrum(kernel, parallel);
    }

    /** A kernel sampled at integer grid offsets; even in both. */
    @FunctionalInterface
    interface Kernel {
        double at(int da, int db);
    }

    /** Doubles a grid of this convolution holds: m rows of 2m complex values. */
    int gridLength() {
        return 2 * m * size;
    }

    /** Row stride of a grid, in complex values. */
    int stride() {
        return size;
    }

    /** Convolves {@code grid} in place; the padding columns (m to 2m − 1 of each row) may hold anything. */
    void convolve(double[] grid, Parallel parallel) {
        parallel.forBlocks(m, ROWS_PER_BLOCK, (block, from, to) -> {
            for (int r = from; r < to; r++) {
                Arrays.fill(grid, 2 * (r * size + m), 2 * (r + 1) * size, 0);
                fft.complexForward(grid, 2 * r * size);
            }
        });
        parallel.forBlocks(size, COLUMNS_PER_GROUP, (group, from, to) -> {
            double[] buf = buffer(group, to - from);
            columns(grid, buf, from, to);
        });
        parallel.forBlocks(m, ROWS_PER_BLOCK, (block, from, to) -> {
            for (int r = from; r < to; r++) {
                fft.complexInverse(grid, 2 * r * size, true);
            }
        });
    }

    private double[] buffer(int group, int columns) {
        double[] b = buffers[group];
        if (b == null) {
            b = new double[2 * size * columns];
            buffers[group] = b;
        }
        return b;
    }

    /** Columns [from, to): gathered together (a cache line holds several), transformed, weighted, back. */
    private void columns(double[] grid, double[] buf, int from, int to) {
        int count = to - from;
        Arrays.fill(buf, 0);
        for (int r = 0; r < m; r++) {
            int at = 2 * (r * size + from);
            for (int c = 0; c < count; c++) {
                buf[c * 2 * size + 2 * r] = grid[at + 2 * c];
                buf[c * 2 * size + 2 * r + 1] = grid[at + 2 * c + 1];
            }
        }
        for (int c = 0; c < count; c++) {
            int off = c * 2 * size;
            fft.complexForward(buf, off);
            int column = from + c;
            for (int r = 0; r < size; r++) {
                double k = kernelHat[r * size + column];
                buf[off + 2 * r] *= k;
                buf[off + 2 * r + 1] *= k;
            }
            fft.complexInverse(buf, off, true);
        }
        for (int r = 0; r < m; r++) {
            int at = 2 * (r * size + from);
            for (int c = 0; c < count; c++) {
                grid[at + 2 * c] = buf[c * 2 * size + 2 * r];
                grid[at + 2 * c + 1] = buf[c * 2 * size + 2 * r + 1];
            }
        }
    }

    /**
     * The same convolution by a full 2-D transform of the padded 2m × 2m grid (the unpruned twin): reads and
     * writes the first m columns of the first m rows of {@code grid} as {@link #convolve} does.
     */
    void convolveDense(double[] grid) {
        double[] full = new double[2 * size * size];
        for (int r = 0; r < m; r++) {
            System.arraycopy(grid, 2 * r * size, full, 2 * r * size, 2 * m);
        }
        DoubleFFT_2D f2 = new DoubleFFT_2D(size, size);
        f2.complexForward(full);
        for (int k = 0; k < size * size; k++) {
            full[2 * k] *= kernelHat[k];
            full[2 * k + 1] *= kernelHat[k];
        }
        f2.complexInverse(full, true);
        for (int r = 0; r < m; r++) {
            System.arraycopy(full, 2 * r * size, grid, 2 * r * size, 2 * m);
        }
    }

    /**
     * The kernel's 2-D spectrum on the circulant of side 2m, real because the kernel is even: the rows of the
     * sampled kernel transformed in place, then the columns in groups through the column buffers.
     */
    private double[] spectrum(Kernel kernel, Parallel parallel) {
        double[] k = new double[2 * size * size];
        parallel.forBlocks(size, ROWS_PER_BLOCK, (block, from, to) -> {
            for (int a = from; a < to; a++) {
                if (a == m) {
                    continue; // the circulant's middle row and column stay zero
                }
                int da = a < m ? a : a - size;
                for (int b = 0; b < size; b++) {
                    if (b != m) {
                        k[2 * (a * size + b)] = kernel.at(da, b < m ? b : b - size);
                    }
                }
                fft.complexForward(k, 2 * a * size);
            }
        });
        double[] hat = new double[size * size];
        parallel.forBlocks(size, COLUMNS_PER_GROUP, (group, from, to) -> {
            int count = to - from;
            double[] buf = buffer(group, count);
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < count; c++) {
                    buf[c * 2 * size + 2 * r] = k[2 * (r * size + from + c)];
                    buf[c * 2 * size + 2 * r + 1] = k[2 * (r * size + from + c) + 1];
                }
            }
            for (int c = 0; c < count; c++) {
                fft.complexForward(buf, c * 2 * size);
                for (int r = 0; r < size; r++) {
                    hat[r * size + from + c] = buf[c * 2 * size + 2 * r];
                }
            }
        });
        return hat;
    }
}
