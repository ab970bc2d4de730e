package dev.embedscope.tsne;

import dev.embedscope.knn.KnnGraph;
import dev.embedscope.util.Parallel;
import java.util.Arrays;

/**
 * Input-space affinities of t-SNE (van der Maaten and Hinton 2008; sparse form after van der
 * Maaten 2014): for each point a Gaussian over its k nearest neighbours whose precision is found
 * by binary search so that the entropy of the row equals log(perplexity) (tolerance 1e-5), then
 * the symmetrised joint P = (P + Pᵀ) / 2N in CSR form, summing to 1.
 */
public final class Affinities {

    static final double ENTROPY_TOLERANCE = 1e-5;
    static final int MAX_STEPS = 200;
    private static final int ROWS_PER_TASK = 256;

    private Affinities() {
    }

    /** Conditional probabilities p(j|i) over each point's k neighbours: row-major N×k, each row summing to 1. */
    public static double[] conditional(KnnGraph graph, double perplexity, Parallel parallel) {
        int n = graph.n();
        int k = graph.k();
        double[] p = new double[n * k];
        double target = Math.log(perplexity);
        parallel.forBlocks(n, ROWS_PER_TASK, (block, from, to) -> {
            double[] row = new double[k];
            for (int i = from; i < to; i++) {
                calibrateRow(graph.sqDistances(), i * k, k, target, row);
                System.arraycopy(row, 0, p, i * k, k);
            }
        });
        return p;
    }

    /**
     * Finds the precision β for one row by bisection on the entropy H = log Σw + β Σ d w / Σ w
     * (with w = exp(−β (d − d_min)), shifted for stability) and writes the normalised row.
     */
    static void calibrateRow(float[] sqDist, int offset, int k, double target, double[] out) {
        double dMin = Double.POSITIVE_INFINITY;
        for (int r = 0; r < k; r++) {
            dMin = Math.min(dMin, sqDist[offset + r]);
        }
        double beta = 1;
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        for (int step = 0; step < MAX_STEPS; step++) {
            double sum = 0;
            double weighted = 0;
            for (int r = 0; r < k; r++) {
                double d = sqDist[offset + r] - dMin;
                double w = Math.exp(-beta * d);
                out[r] = w;
                sum += w;
                weighted += d * w;
            }
            double entropy = Math.log(sum) + beta * weighted / sum;
            double diff = entropy - target;
            if (Math.abs(diff) <= ENTROPY_TOLERANCE) {
                break;
            }
            if (diff > 0) {
                lo = beta;
                beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
        double sum = 0;
        for (int r = 0; r < k; r++) {
            sum += out[r];
        }
        for (int r = 0; r < k; r++) {
            out[r] /= sum;
        }
    }

    /** The symmetric joint P = (P + Pᵀ) / 2N from conditional rows, as CSR with ascending columns. */
    public static SparseP symmetric(KnnGraph graph, double[] conditional) {
        int n = graph.n();
        int k = graph.k();
        int[] counts = new int[n + 1];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                counts[i]++;
                counts[graph.neighbour(i, r)]++;
            }
        }
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + counts[i];
        }
        int[] fill = start.clone();
        int[] cols = new int[start[n]];
        double[] vals = new double[start[n]];
        double norm = 1.0 / (2.0 * n);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int j = graph.neighbour(i, r);
                double v = conditional[i * k + r] * norm;
                cols[fill[i]] = j;
                vals[fill[i]++] = v;
                cols[fill[j]] = i;
                vals[fill[j]++] = v;
            }
        }
        // sort each row by column and merge duplicates (pairs that are neighbours both ways)
        int[] outStart = new int[n + 1];
        int write = 0;
        for (int i = 0; i < n; i++) {
            int a = start[i];
            int b = start[i + 1];
            sortRow(cols, vals, a, b);
            outStart[i] = write;
            for (int e = a; e < b; e++) {
                if (write > outStart[i] && cols[write - 1] == cols[e]) {
                    vals[write - 1] += vals[e];
                } else {
                    cols[write] = cols[e];
                    vals[write] = vals[e];
                    write++;
                }
            }
        }
        outStart[n] = write;
        return new SparseP(n, outStart, Arrays.copyOf(cols, write), Arrays.copyOf(vals, write));
    }

    private static void sortRow(int[] cols, double[] vals, int a, int b) {
        for (int x = a + 1; x < b; x++) {
            int c = cols[x];
            double v = vals[x];
            int y = x - 1;
            while (y >= a && cols[y] > c) {
                cols[y + 1] = cols[y];
                vals[y + 1] = vals[y];
                y--;
            }
            cols[y + 1] = c;
            vals[y + 1] = v;
        }
    }

    /** The perplexity of a normalised row: exp(entropy). */
    public static double perplexityOf(double[] p, int offset, int k) {
        double h = 0;
        for (int r = 0; r < k; r++) {
            double v = p[offset + r];
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return Math.exp(h);
    }
}
