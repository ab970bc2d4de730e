package dev.embedscope.tsne;

import dev.embedscope.util.Parallel;
import java.util.Arrays;

/**
 * Repulsive forces over all pairs, O(N²) per evaluation: the exact twin of
 * {@link BarnesHutRepulsion}, used by tests and by {@code --method exact} on small N. Parallel
 * over fixed blocks of points; Z is summed per block and the blocks in order.
 */
public final class ExactRepulsion implements RepulsiveForces {

    private static final int POINTS_PER_TASK = 64;

    private final int n;
    private final int dims;
    private final Parallel parallel;
    private final double[] zPartial;

    public ExactRepulsion(int n, int dims, Parallel parallel) {
        this.n = n;
        this.dims = dims;
        this.parallel = parallel;
        this.zPartial = new double[Parallel.blocks(n, POINTS_PER_TASK)];
    }

    @Override
    public double compute(double[] y, double[] rep) {
        parallel.forBlocks(n, POINTS_PER_TASK, (block, from, to) -> {
            double z = 0;
            double[] f = new double[dims];
            for (int i = from; i < to; i++) {
                Arrays.fill(f, 0);
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double d2 = 0;
                    for (int c = 0; c < dims; c++) {
                        double diff = y[dims * i + c] - y[dims * j + c];
                        d2 += diff * diff;
                    }
                    double w = 1 / (1 + d2);
                    z += w;
                    double w2 = w * w;
                    for (int c = 0; c < dims; c++) {
                        f[c] += w2 * (y[dims * i + c] - y[dims * j + c]);
                    }
                }
                System.arraycopy(f, 0, rep, dims * i, dims);
            }
            zPartial[block] = z;
        });
        double z = 0;
        for (double part : zPartial) {
            z += part;
        }
        return z;
    }
}
