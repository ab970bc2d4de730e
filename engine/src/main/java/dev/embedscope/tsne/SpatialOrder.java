package dev.embedscope.tsne;

import dev.embedscope.knn.KnnGraph;
import java.util.Arrays;

/**
 * Renumbers points so that points near each other in the initial layout get nearby indices
 * (Morton order of the initial positions). The kNN neighbours of a point are then mostly near it in
 * memory too, which makes the attractive forces' gathers over P cache-friendly. The optimiser runs
 * on the renumbered problem; positions are mapped back at the end.
 */
final class SpatialOrder {

    private SpatialOrder() {
    }

    /** {@code order[r]} = the original index of the point placed at r. */
    static int[] of(double[] y, int n, int dims) {
        long[] codes = new long[n];
        Morton.codesOnStretchedGrid(y, n, dims, dims == 2 ? 31 : 21, codes);
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> codes[a] != codes[b] ? Long.compare(codes[a], codes[b]) : Integer.compare(a, b));
        int[] order = new int[n];
        for (int r = 0; r < n; r++) {
            order[r] = idx[r];
        }
        return order;
    }

    /**
     * The kNN graph with rows and neighbour indices renumbered (new index r stands for old index order[r]);
     * each row keeps its neighbours in their order. The affinities of this graph are those of the original,
     * renumbered, value for value.
     */
    static KnnGraph permute(KnnGraph g, int[] order) {
        int n = g.n();
        int k = g.k();
        int[] rank = rank(order);
        int[] idx = new int[n * k];
        float[] dist = new float[n * k];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            for (int q = 0; q < k; q++) {
                idx[r * k + q] = rank[g.indices()[i * k + q]];
            }
            System.arraycopy(g.sqDistances(), i * k, dist, r * k, k);
        }
        return new KnnGraph(n, k, idx, dist);
    }

    /** {@code rank[order[r]] = r}: the inverse permutation. */
    static int[] rank(int[] order) {
        int[] rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    /** P with rows and columns renumbered: new index r stands for old index order[r]. */
    static SparseP permute(SparseP p, int[] order) {
        int n = p.n();
        int[] rank = rank(order);
        int[] start = new int[n + 1];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            start[r + 1] = start[r] + (p.rowStart()[i + 1] - p.rowStart()[i]);
        }
        int[] cols = new int[p.nonZeros()];
        float[] vals = new float[p.nonZeros()];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            int w = start[r];
            for (int e = p.rowStart()[i]; e < p.rowStart()[i + 1]; e++) {
                cols[w] = rank[p.cols()[e]];
                vals[w++] = p.vals()[e];
            }
            // keep columns ascending
            for (int a = start[r] + 1; a < start[r + 1]; a++) {
                int c = cols[a];
                float v = vals[a];
                int b = a - 1;
                while (b >= start[r] && cols[b] > c) {
                    cols[b + 1] = cols[b];
                    vals[b + 1] = vals[b];
                    b--;
                }
                cols[b + 1] = c;
                vals[b + 1] = v;
            }
        }
        return new SparseP(n, start, cols, vals);
    }

    static double[] permuteRows(double[] y, int[] order, int dims) {
        double[] out = new double[y.length];
        for (int r = 0; r < order.length; r++) {
            System.arraycopy(y, dims * order[r], out, dims * r, dims);
        }
        return out;
    }

    /** Writes the rows of y back to their original indices into {@code out}; returns it. */
    static double[] unpermuteRows(double[] y, int[] order, int dims, double[] out) {
        for (int r = 0; r < order.length; r++) {
            System.arraycopy(y, dims * r, out, dims * order[r], dims);
        }
        return out;
    }
}
