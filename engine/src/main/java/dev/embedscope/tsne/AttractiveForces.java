package dev.embedscope.tsne;

import dev.embedscope.util.Parallel;

/**
 * The attractive half of the t-SNE gradient over the sparse P (van der Maaten 2014, eq. 5):
 * {@code attr_i = Σ_j p_ij (y_i − y_j) / (1 + ‖y_i − y_j‖²)}, one CSR row per point, parallel
 * over fixed blocks of rows (each row summed in column order, so the result does not depend on
 * the thread count).
 */
public final class AttractiveForces {

    private static final int ROWS_PER_TASK = 512;

    private AttractiveForces() {
    }

    /** Writes {@code attr} (N×dims) for positions {@code y} (N×dims). */
    public static void compute(SparseP p, double[] y, int dims, double[] attr, Parallel parallel) {
        int[] start = p.rowStart();
        int[] cols = p.cols();
        float[] vals = p.vals();
        parallel.forBlocks(p.n(), ROWS_PER_TASK, (block, from, to) -> {
            if (dims == 2) {
                for (int i = from; i < to; i++) {
                    double xi = y[2 * i];
                    double yi = y[2 * i + 1];
                    double fx = 0;
                    double fy = 0;
                    for (int e = start[i]; e < start[i + 1]; e++) {
                        int j = cols[e];
                        double dx = xi - y[2 * j];
                        double dy = yi - y[2 * j + 1];
                        double pw = vals[e] / (1 + dx * dx + dy * dy);
                        fx += pw * dx;
                        fy += pw * dy;
                    }
                    attr[2 * i] = fx;
                    attr[2 * i + 1] = fy;
                }
            } else {
                for (int i = from; i < to; i++) {
                    double fx = 0;
                    double fy = 0;
                    double fz = 0;
                    for (int e = start[i]; e < start[i + 1]; e++) {
                        int j = cols[e];
                        double dx = y[3 * i] - y[3 * j];
                        double dy = y[3 * i + 1] - y[3 * j + 1];
                        double dz = y[3 * i + 2] - y[3 * j + 2];
                        double pw = vals[e] / (1 + dx * dx + dy * dy + dz * dz);
                        fx += pw * dx;
                        fy += pw * dy;
                        fz += pw * dz;
                    }
                    attr[3 * i] = fx;
                    attr[3 * i + 1] = fy;
                    attr[3 * i + 2] = fz;
                }
            }
        });
    }
}
