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
     * The same rows, each computed in double and rounded to float32, written over the graph's squared
     * distances (row i's distances are read before its probabilities replace them), which are returned: for
     * a caller that owns the graph and needs its distances no more, so that conditional P costs no memory of
     * its own at the run's peak.
     */
    public static float[] conditionalInPlace(KnnGraph graph, double perplexity, Parallel parallel) {
        int n = graph.n();
        int k = graph.k();
        float[] d = graph.sqDistances();
        double target = Math.log(perplexity);
        parallel.forBlocks(n, ROWS_PER_TASK, (block, from, to) -> {
            double[] row = new double[k];
            for (int i = from; i < to; i++) {
                calibrateRow(d, i * k, k, target, row);
                for (int r = 0; r < k; r++) {
                    d[i * k + r] = (float) row[r];
                }
            }
        });
        return d;
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

    /**
     * The symmetric joint P = (P + Pᵀ) / 2N from conditional rows, as CSR with ascending columns. Row i merges
     * its own k neighbours with the points that have i among theirs (a reverse index of edge numbers), counted
     * first so that the result is allocated once at its final size: the peak is the result plus 4 bytes per
     * edge, not twice the unmerged pairs. The conditional rows are taken as float32 (as
     * {@link #conditionalInPlace} keeps them); each value is summed in double and stored as float.
     */
    public static SparseP symmetric(KnnGraph graph, double[] conditional) {
        float[] rounded = new float[conditional.length];
        for (int e = 0; e < rounded.length; e++) {
            rounded[e] = (float) conditional[e];
        }
        return symmetric(graph.n(), graph.k(), graph.indices(), rounded);
    }

    /**
     * The same from the neighbour indices alone ({@code neighbours[i·k + r]}: the graph's indices) and float32
     * conditional rows ({@link #conditionalInPlace}), so that a caller can let the graph's distances go
     * before this, the run's peak of memory.
     */
    public static SparseP symmetric(int n, int k, int[] neighbours, float[] conditional) {
        int[] reverseStart = new int[n + 1];
        for (int e = 0; e < n * k; e++) {
            reverseStart[neighbours[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            reverseStart[i + 1] += reverseStart[i];
        }
        int[] reverse = new int[n * k]; // edge numbers e = j·k + r with neighbour(j, r) = i, in ascending j
        int[] fill = Arrays.copyOf(reverseStart, n);
        for (int e = 0; e < n * k; e++) {
            reverse[fill[neighbours[e]]++] = e;
        }
        int[] own = new int[k];
        int[] outStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            ownOrder(neighbours, i, own);
            outStart[i + 1] = outStart[i] + merged(neighbours, i, own, reverse, reverseStart, null);
        }
        int[] cols = new int[outStart[n]];
        float[] vals = new float[outStart[n]];
        double norm = 1.0 / (2.0 * n);
        Merge out = new Merge(cols, vals, conditional, norm);
        for (int i = 0; i < n; i++) {
            ownOrder(neighbours, i, own);
            out.at = outStart[i];
            merged(neighbours, i, own, reverse, reverseStart, out);
        }
        return new SparseP(n, outStart, cols, vals);
    }

    /** Where merged entries are written, and the values they carry. */
    private static final class Merge {
        final int[] cols;
        final float[] vals;
        final float[] conditional;
        final double norm;
        int at;

        Merge(int[] cols, float[] vals, float[] conditional, double norm) {
            this.cols = cols;
            this.vals = vals;
            this.conditional = conditional;
            this.norm = norm;
        }
    }

    /** Row i's own edge numbers i·k + r, ordered by their neighbour's index (ties by r). */
    private static void ownOrder(int[] neighbours, int i, int[] own) {
        int k = own.length;
        for (int r = 0; r < k; r++) {
            own[r] = i * k + r;
        }
        for (int x = 1; x < k; x++) {
            int e = own[x];
            int c = neighbours[e];
            int y = x - 1;
            while (y >= 0 && neighbours[own[y]] > c) {
                own[y + 1] = own[y];
                y--;
            }
            own[y + 1] = e;
        }
    }

    /**
     * Merges row i's own edges (sorted by neighbour) with its reverse edges (sorted by source) into ascending
     * columns, adding the two values of a pair that are neighbours both ways; writes them when {@code out} is
     * given, and returns the merged count.
     */
    private static int merged(int[] neighbours, int i, int[] own, int[] reverse, int[] reverseStart, Merge out) {
        int k = own.length;
        int a = 0;
        int b = reverseStart[i];
        int bEnd = reverseStart[i + 1];
        int count = 0;
        while (a < k || b < bEnd) {
            int ca = a < k ? neighbours[own[a]] : Integer.MAX_VALUE;
            int cb = b < bEnd ? reverse[b] / k : Integer.MAX_VALUE;
            int col = Math.min(ca, cb);
            double v = 0;
            while (a < k && neighbours[own[a]] == col) {
                v += out == null ? 0 : out.conditional[own[a]] * out.norm;
                a++;
            }
            while (b < bEnd && reverse[b] / k == col) {
                v += out == null ? 0 : out.conditional[reverse[b]] * out.norm;
                b++;
            }
            if (out != null) {
                out.cols[out.at] = col;
                out.vals[out.at++] = (float) v;
            }
            count++;
        }
        return count;
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
