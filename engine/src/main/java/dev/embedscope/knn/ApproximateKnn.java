package dev.embedscope.knn;

import dev.embedscope.util.Parallel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Approximate k nearest neighbours: a forest of random-projection trees proposes candidates (the
 * points sharing a leaf), then rounds of neighbour descent (Dong, Charikar and Li, "Efficient
 * k-nearest neighbor graph construction for generic similarity measures", WWW 2011) let every point
 * take the nearest of its neighbours' neighbours and of the points that list it, as in PyNNDescent's
 * initialisation of NN-descent by an RP forest.
 *
 * <p>The forest is scored leaf by leaf: each pair of a leaf once, offered to both points' bounded heaps, which
 * one task owns while it works on that tree because a tree's leaves are disjoint.
 *
 * <p>Every round reads only the previous round's graph and each point's new list is a function of that
 * graph alone (a Jacobi rather than an in-place update), the trees are built from seeded generators
 * one tree per task, and ties go to the lower index, so the graph depends on the seed and never on the
 * thread count. Distances are computed as {@link ExactKnn} refines its own (squared, summed in double
 * from the float coordinates), so a neighbour found by both has the same distance. {@link ExactKnn}
 * is the exact twin; {@link #recall} measures one against the other.
 */
public final class ApproximateKnn {

    /** Settings: trees in the forest, the largest leaf (at least 2k), descent rounds, the seed. */
    public record Settings(int trees, int leafSize, int rounds, int fanout, long seed) {
        public Settings {
            if (trees < 1 || leafSize < 2 || rounds < 0 || fanout < 1) {
                throw new IllegalArgumentException("approximate kNN: trees " + trees + ", leaf size " + leafSize
                        + ", rounds " + rounds + ", fanout " + fanout);
            }
        }

        /**
         * The defaults for k neighbours: 8 trees, leaves of at most max(2k, 64) points, 2 descent rounds over
         * the first 20 neighbours (recall@90 0.966 at 70,000 Fashion-MNIST images in about 4 s on 2 cores,
         * where the exact search takes 12–17 s; design notes).
         */
        public static Settings forK(int k, long seed) {
            return new Settings(8, Math.max(2 * k, 64), 2, 20, seed);
        }
    }

    private static final int POINTS_PER_TASK = 256;
    private static final int LEAVES_PER_TASK = 8;
    /** A round that changes fewer than this share of all neighbour entries ends the descent. */
    private static final double CONVERGED = 0.001;

    private ApproximateKnn() {
    }

    /** The approximate k nearest neighbours of every point among the others. */
    public static KnnGraph selfGraph(Points x, int k, Settings s, Parallel parallel) {
        int n = x.n();
        if (k >= n) {
            throw new IllegalArgumentException(k + " neighbours asked among " + n + " points");
        }
        int leaf = Math.max(s.leafSize(), 2 * k + 2);
        int[][] order = new int[s.trees()][];
        int[][] leafOf = new int[s.trees()][];
        int[][] bounds = new int[s.trees()][];
        parallel.forBlocks(s.trees(), 1, (t, from, to) -> {
            Tree tree = Tree.build(x, leaf, mix(s.seed(), t));
            order[t] = tree.order;
            leafOf[t] = tree.leafOf;
            bounds[t] = tree.bounds;
        });
        int[] initialIdx = new int[n * k];
        float[] initialDist = new float[n * k];
        int[] heapSize = new int[n];
        for (int t = 0; t < order.length; t++) {
            // the leaves of one tree are disjoint: every point's heap is touched by the task of its leaf alone
            int[] ord = order[t];
            int[] bnd = bounds[t];
            boolean first = t == 0;
            parallel.forBlocks(bnd.length - 1, LEAVES_PER_TASK, (block, from, to) -> {
                Heaps h = new Heaps(initialIdx, initialDist, heapSize, k);
                for (int l = from; l < to; l++) {
                    for (int p = bnd[l]; p < bnd[l + 1]; p++) {
                        int a = ord[p];
                        for (int q = p + 1; q < bnd[l + 1]; q++) {
                            int b = ord[q];
                            float d = distance(x, a, b);
                            h.offer(a, b, d, first);
                            h.offer(b, a, d, first);
                        }
                    }
                }
            });
        }
        parallel.forBlocks(n, POINTS_PER_TASK, (block, from, to) -> {
            Heaps h = new Heaps(initialIdx, initialDist, heapSize, k);
            for (int i = from; i < to; i++) {
                if (heapSize[i] < k) {
                    // small leaves only (an unbalanced split): random points, from the point's own seed, fill up
                    SplittableRandom fill = new SplittableRandom(mix(s.seed(), -1 - i));
                    while (heapSize[i] < k) {
                        int j = fill.nextInt(n);
                        if (j != i) {
                            h.offer(i, j, distance(x, i, j), false);
                        }
                    }
                }
                h.sort(i);
            }
        });
        int[] idx = initialIdx;
        float[] dist = initialDist;
        for (int round = 0; round < s.rounds(); round++) {
            int[] nextIdx = new int[n * k];
            float[] nextDist = new float[n * k];
            int fanout = Math.min(s.fanout(), k);
            int[][] reverse = reverse(idx, n, k, fanout);
            long[] changed = new long[Parallel.blocks(n, POINTS_PER_TASK)];
            int[] currentIdx = idx;
            float[] currentDist = dist;
            parallel.forBlocks(n, POINTS_PER_TASK, (block, from, to) -> {
                Candidates c = new Candidates(k + fanout * fanout + 2 * fanout, k);
                long moved = 0;
                for (int i = from; i < to; i++) {
                    c.clear();
                    for (int r = 0; r < k; r++) {
                        c.known(currentIdx[i * k + r], currentDist[i * k + r]);
                    }
                    for (int r = 0; r < fanout; r++) {
                        int j = currentIdx[i * k + r];
                        for (int q = 0; q < fanout; q++) {
                            c.offer(x, i, currentIdx[j * k + q]);
                        }
                    }
                    int[] rev = reverse[i];
                    for (int q = 0; q < rev.length; q++) {
                        c.offer(x, i, rev[q]);
                    }
                    c.take(i, nextIdx, nextDist);
                    for (int r = 0; r < k; r++) {
                        moved += nextIdx[i * k + r] != currentIdx[i * k + r] ? 1 : 0;
                    }
                }
                changed[block] = moved;
            });
            idx = nextIdx;
            dist = nextDist;
            long total = 0;
            for (long m : changed) {
                total += m;
            }
            if (total < CONVERGED * n * k) {
                break;
            }
        }
        return new KnnGraph(n, k, idx, dist);
    }

    /**
     * For each point, the points that list it among their first {@code f} neighbours (at most 2f of them,
     * lowest index first).
     */
    static int[][] reverse(int[] idx, int n, int k, int f) {
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < f; r++) {
                int j = idx[i * k + r];
                if (count[j] < 2 * f) {
                    count[j]++;
                }
            }
        }
        int[][] out = new int[n][];
        for (int j = 0; j < n; j++) {
            out[j] = new int[count[j]];
        }
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < f; r++) {
                int j = idx[i * k + r];
                if (fill[j] < out[j].length) {
                    out[j][fill[j]++] = i;
                }
            }
        }
        return out;
    }

    /**
     * The share of the exact neighbours found (recall@k) over sampled rows: {@code exactOfRows} holds in
     * its row q the exact neighbours of point {@code rows[q]} ({@link #exactRows}).
     */
    public static double recall(KnnGraph approximate, int[] rows, KnnGraph exactOfRows) {
        int k = exactOfRows.k();
        long found = 0;
        int[] a = new int[approximate.k()];
        for (int q = 0; q < rows.length; q++) {
            System.arraycopy(approximate.indices(), rows[q] * approximate.k(), a, 0, a.length);
            Arrays.sort(a);
            for (int r = 0; r < k; r++) {
                found += Arrays.binarySearch(a, exactOfRows.neighbour(q, r)) >= 0 ? 1 : 0;
            }
        }
        return rows.length == 0 ? Double.NaN : (double) found / ((long) rows.length * k);
    }

    /** The exact k nearest neighbours of the given rows among all points, by brute force (row q for rows[q]). */
    public static KnnGraph exactRows(Points x, int[] rows, int k, Parallel parallel) {
        int[] idx = new int[rows.length * k];
        float[] dist = new float[rows.length * k];
        parallel.forBlocks(rows.length, 16, (block, from, to) -> {
            Candidates c = new Candidates(x.n(), k);
            for (int q = from; q < to; q++) {
                c.clear();
                for (int j = 0; j < x.n(); j++) {
                    c.offer(x, rows[q], j);
                }
                c.take(q, idx, dist);
            }
        });
        return new KnnGraph(rows.length, k, idx, dist);
    }

    /** The squared distance between points a and b, as {@link ExactKnn} computes it. */
    static float distance(Points x, int a, int b) {
        return (float) x.squaredDistance(a, b);
    }

    private static long mix(long seed, int t) {
        long z = seed + 0x9E3779B97F4A7C15L * (t + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One random-projection tree: the points in leaf order, each point's leaf, and the leaves' bounds. */
    private static final class Tree {
        final int[] order;
        final int[] leafOf;
        final int[] bounds;

        private Tree(int[] order, int[] leafOf, int[] bounds) {
            this.order = order;
            this.leafOf = leafOf;
            this.bounds = bounds;
        }

        /** Splits by the hyperplane halfway between two random points until leaves hold at most leafSize. */
        static Tree build(Points x, int leafSize, long seed) {
            int n = x.n();
            int d = x.d();
            float[] v = x.values();
            SplittableRandom random = new SplittableRandom(seed);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            int[] stack = new int[128];
            int top = 0;
            stack[top++] = 0;
            stack[top++] = n;
            int[] leafStarts = new int[Math.max(4, 2 * n / Math.max(1, leafSize) + 4)];
            int leaves = 0;
            double[] normal = new double[d];
            while (top > 0) {
                int hi = stack[--top];
                int lo = stack[--top];
                if (hi - lo <= leafSize) {
                    if (leaves == leafStarts.length) {
                        leafStarts = Arrays.copyOf(leafStarts, 2 * leaves);
                    }
                    leafStarts[leaves++] = lo;
                    continue;
                }
                int a = order[lo + random.nextInt(hi - lo)];
                int b = order[lo + random.nextInt(hi - lo)];
                double offset = 0;
                for (int t = 0; t < d; t++) {
                    normal[t] = (double) v[a * d + t] - v[b * d + t];
                    offset += normal[t] * ((double) v[a * d + t] + v[b * d + t]) / 2;
                }
                int split = partition(order, lo, hi, v, d, normal, offset);
                if (split <= lo || split >= hi) {
                    split = (lo + hi) >>> 1; // one side empty (copies, or a = b): halve the range as it stands
                }
                if (top + 4 > stack.length) {
                    stack = Arrays.copyOf(stack, 2 * stack.length);
                }
                stack[top++] = split;
                stack[top++] = hi;
                stack[top++] = lo;
                stack[top++] = split;
            }
            int[] starts = Arrays.copyOf(leafStarts, leaves);
            Arrays.sort(starts);
            int[] bounds = Arrays.copyOf(starts, leaves + 1);
            bounds[leaves] = n;
            int[] leafOf = new int[n];
            for (int l = 0; l < leaves; l++) {
                for (int p = bounds[l]; p < bounds[l + 1]; p++) {
                    leafOf[order[p]] = l;
                }
            }
            return new Tree(order, leafOf, bounds);
        }

        /** Moves the points of order[lo..hi) with a positive side first; returns where the others start. */
        private static int partition(int[] order, int lo, int hi, float[] v, int d, double[] normal, double offset) {
            int i = lo;
            int j = hi - 1;
            while (i <= j) {
                if (side(v, order[i], d, normal, offset)) {
                    i++;
                } else {
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                    j--;
                }
            }
            return i;
        }

        private static boolean side(float[] v, int p, int d, double[] normal, double offset) {
            double s = -offset;
            for (int t = 0; t < d; t++) {
                s += normal[t] * v[p * d + t];
            }
            return s > 0;
        }
    }

    /**
     * One point's candidates: deduplicated by an open-addressing set, scored by distance, and the k
     * nearest taken (ties to the lower index).
     */
    /**
     * The forest's candidates of every point, kept as a bounded max-heap of its k best (distance, index) pairs in
     * row i of the output arrays: the k nearest of all the points that share a leaf with it in some tree, which
     * do not depend on the order they are offered in. Each pair of a leaf is scored once, for both points.
     */
    private static final class Heaps {
        private final int[] idx;
        private final float[] dist;
        private final int[] size;
        private final int k;
        private final int[] sortIdx;
        private final float[] sortDist;

        Heaps(int[] idx, float[] dist, int[] size, int k) {
            this.idx = idx;
            this.dist = dist;
            this.size = size;
            this.k = k;
            this.sortIdx = new int[k];
            this.sortDist = new float[k];
        }

        /** Offers j at distance d to point i; {@code fresh}: j cannot be among i's candidates yet. */
        void offer(int i, int j, float d, boolean fresh) {
            int base = i * k;
            int sz = size[i];
            if (sz < k) {
                if (fresh || !holds(base, sz, j)) {
                    ExactKnn.siftUp(dist, idx, base, sz, d, j);
                    size[i] = sz + 1;
                }
            } else if (ExactKnn.above(dist[base], idx[base], d, j) && (fresh || !holds(base, k, j))) {
                ExactKnn.siftDown(dist, idx, base, k, d, j);
            }
        }

        private boolean holds(int base, int sz, int j) {
            for (int e = base; e < base + sz; e++) {
                if (idx[e] == j) {
                    return true;
                }
            }
            return false;
        }

        /** Rewrites row i nearest first. */
        void sort(int i) {
            System.arraycopy(idx, i * k, sortIdx, 0, k);
            System.arraycopy(dist, i * k, sortDist, 0, k);
            ExactKnn.drain(sortDist, sortIdx, 0, k, dist, idx, i * k);
        }
    }

    private static final class Candidates {
        private final int k;
        private final int[] ids;
        private final float[] dists;
        private final int[] slots;
        private final int[] set;
        private final int mask;
        private final int[] heapIdx;
        private final float[] heapDist;
        private int size;

        Candidates(int capacity, int k) {
            this.k = k;
            int cap = capacity + k + 1;
            this.ids = new int[cap];
            this.dists = new float[cap];
            this.slots = new int[cap];
            int tableSize = Integer.highestOneBit(Math.max(16, 4 * cap - 1)) << 1;
            this.set = new int[tableSize];
            this.mask = tableSize - 1;
            this.heapIdx = new int[k];
            this.heapDist = new float[k];
        }

        /** Forgets every candidate: each one's slot is emptied (all go at once, so no probe chain breaks). */
        void clear() {
            for (int c = 0; c < size; c++) {
                set[slots[c]] = 0;
            }
            size = 0;
        }

        /** Candidates so far. */
        int size() {
            return size;
        }

        /** A candidate whose distance is already known. */
        void known(int id, float distance) {
            if (mark(id)) {
                dists[size++] = distance;
            }
        }

        /** A candidate for point i, scored unless it is i itself or seen already. */
        void offer(Points x, int i, int id) {
            if (id == i || !mark(id)) {
                return;
            }
            dists[size++] = distance(x, i, id);
        }

        /** Records id at position {@code size} unless present; true when it is new. */
        private boolean mark(int id) {
            int key = id + 1;
            int h = (key * 0x9E3779B1) & mask;
            while (set[h] != 0) {
                if (set[h] == key) {
                    return false;
                }
                h = (h + 1) & mask;
            }
            set[h] = key;
            ids[size] = id;
            slots[size] = h;
            return true;
        }

        /** Writes the k nearest, nearest first, into row i of the output (a max-heap of k over the candidates). */
        void take(int i, int[] outIdx, float[] outDist) {
            if (size < k) {
                throw new IllegalStateException("point " + i + " has " + size + " candidates for " + k + " neighbours");
            }
            for (int c = 0; c < k; c++) {
                ExactKnn.siftUp(heapDist, heapIdx, 0, c, dists[c], ids[c]);
            }
            for (int c = k; c < size; c++) {
                if (ExactKnn.above(heapDist[0], heapIdx[0], dists[c], ids[c])) {
                    ExactKnn.siftDown(heapDist, heapIdx, 0, k, dists[c], ids[c]);
                }
            }
            ExactKnn.drain(heapDist, heapIdx, 0, k, outDist, outIdx, i * k);
        }
    }
}
