package dev.embedscope.tsne;

import dev.embedscope.util.Parallel;
import java.util.Arrays;

/**
 * Barnes-Hut repulsive forces (van der Maaten 2014, <i>Accelerating t-SNE using tree-based
 * algorithms</i>, JMLR 15): a quadtree (octree in 3-D) rebuilt at every evaluation, whose cells
 * far enough from a point (cell side < θ × distance to the cell's centre of mass) stand in for all
 * their points; a cell's size is the largest side of its points' bounding box, which is never larger
 * than the cell and opens fewer cells for the same θ. The tree is array-backed (structure of arrays) over
 * points sorted by Morton (Z-order) code (31 bits per axis in 2-D, 21 in 3-D, so clusters that collapse during
 * early exaggeration still split into small leaves), so every cell owns a contiguous range of sorted points and
 * tree neighbours are memory neighbours; it is built top-down by splitting these ranges, O(N log N). In 2-D the
 * tree is walked once per leaf for all the leaf's points (Barnes, "A modified tree code: don't laugh; it runs",
 * J. Comput. Phys. 87, 1990; {@link #perPoint()} keeps the walk per point as its twin); traversal is parallel
 * over fixed blocks of leaves or sorted points; with θ = 0 it visits every pair and equals
 * {@link ExactRepulsion}.
 */
public final class BarnesHutRepulsion implements RepulsiveForces {

    private static final int LEAF_SIZE = 16;
    private static final int POINTS_PER_TASK = 256;
    private static final int GROUPS_PER_TASK = 16;

    private final int n;
    private final int dims;
    private final int bits;
    private final int childMask;
    private final double theta2;
    private final Parallel parallel;

    private final long[] codes;
    private final int[] order;
    private final long[] scratchCodes;
    private final int[] scratchOrder;
    private final double[] sorted;
    private final double[] zPartial;
    private final int[] radixCounts = new int[65537];

    // nodes, structure of arrays
    private int nodes;
    private int[] leaves = new int[16];
    private int leafCount;
    private double[] groupPartial = new double[0];
    private final ThreadLocal<Lists> lists = ThreadLocal.withInitial(Lists::new);
    /** Whether the 2-D forces are summed per group of points ({@link #traverseGroups2d}) or per point. */
    private boolean grouped = true;
    private double[] com;
    private double[] side;
    private double[] boxLo;
    private double[] boxHi;
    private int[] count;
    private int[] start;
    private int[] firstChild;
    private int[] childCount;

    public BarnesHutRepulsion(int n, int dims, double theta, Parallel parallel) {
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("Barnes-Hut works in 2 or 3 dimensions, not " + dims);
        }
        this.n = n;
        this.dims = dims;
        this.bits = dims == 2 ? 31 : 21;
        this.childMask = (1 << dims) - 1;
        this.theta2 = theta * theta;
        this.parallel = parallel;
        codes = new long[n];
        order = new int[n];
        scratchCodes = new long[n];
        scratchOrder = new int[n];
        sorted = new double[n * dims];
        zPartial = new double[Parallel.blocks(n, POINTS_PER_TASK)];
        int capacity = Math.max(16, 2 * n / LEAF_SIZE + 16);
        com = new double[capacity * dims];
        side = new double[capacity];
        boxLo = new double[capacity * dims];
        boxHi = new double[capacity * dims];
        count = new int[capacity];
        start = new int[capacity];
        firstChild = new int[capacity];
        childCount = new int[capacity];
    }

    /** Number of cells in the last tree built. */
    public int cells() {
        return nodes;
    }

    /**
     * The per-point traversal of van der Maaten's algorithm in 2-D instead of the grouped one (the twin the tests
     * hold the grouped forces to); returns this.
     */
    public BarnesHutRepulsion perPoint() {
        grouped = false;
        return this;
    }

    @Override
    public double compute(double[] y, double[] rep) {
        buildTree(y);
        if (dims == 2 && grouped) {
            pack2d();
            int blocks = Parallel.blocks(leafCount, GROUPS_PER_TASK);
            if (groupPartial.length < blocks) {
                groupPartial = new double[Math.max(blocks, 2 * groupPartial.length)];
            }
            parallel.forBlocks(leafCount, GROUPS_PER_TASK,
                    (block, from, to) -> groupPartial[block] = traverseGroups2d(from, to, rep));
            double z = 0;
            for (int b = 0; b < blocks; b++) {
                z += groupPartial[b];
            }
            return z;
        }
        if (dims == 2) {
            pack2d();
            parallel.forBlocks(n, POINTS_PER_TASK, (block, from, to) -> zPartial[block] = traverse2d(from, to, rep));
        } else {
            parallel.forBlocks(n, POINTS_PER_TASK, (block, from, to) -> zPartial[block] = traverse(from, to, rep));
        }
        double z = 0;
        for (double part : zPartial) {
            z += part;
        }
        return z;
    }

    /**
     * Repulsion on outside points from a fixed set of points: builds the tree over {@code y} once
     * and, for each of the {@code m} query positions (m×dims), writes {@code rep_i = Σ_j w_ij² (q_i − y_j)}
     * and {@code z[i] = Σ_j w_ij} over all j in the tree. Used to place new points into a frozen
     * embedding.
     */
    public void computeExternal(double[] y, double[] queries, int m, double[] rep, double[] z) {
        buildTree(y);
        parallel.forBlocks(m, POINTS_PER_TASK, (block, from, to) -> {
            int[] stack = new int[64 * (1 << dims) + 16];
            double[] f = new double[dims];
            for (int i = from; i < to; i++) {
                z[i] = forceOn(queries, i, -1, f, stack);
                System.arraycopy(f, 0, rep, dims * i, dims);
            }
        });
    }

    // ---- tree construction ----

    private void buildTree(double[] y) {
        Morton.codesOnSquareGrid(y, n, dims, bits, codes);
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        radixSort();
        for (int p = 0; p < n; p++) {
            System.arraycopy(y, dims * order[p], sorted, dims * p, dims);
        }
        nodes = 1;
        leafCount = 0;
        build(0, 0, n, 0);
    }

    /** Stable LSD radix sort of (codes, order) by code (non-negative, 62 or 63 bits), 16 bits a pass. */
    private void radixSort() {
        long[] srcC = codes;
        int[] srcO = order;
        long[] dstC = scratchCodes;
        int[] dstO = scratchOrder;
        int[] counts = radixCounts;
        for (int shift = 0; shift < 64; shift += 16) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(int) ((srcC[i] >>> shift) & 0xffff) + 1]++;
            }
            for (int b = 0; b < 65536; b++) {
                counts[b + 1] += counts[b];
            }
            for (int i = 0; i < n; i++) {
                int pos = counts[(int) ((srcC[i] >>> shift) & 0xffff)]++;
                dstC[pos] = srcC[i];
                dstO[pos] = srcO[i];
            }
            long[] tc = srcC;
            srcC = dstC;
            dstC = tc;
            int[] to = srcO;
            srcO = dstO;
            dstO = to;
        }
        // four passes: the sorted data is back in codes/order
    }

    private void ensureCapacity(int needed) {
        if (needed <= side.length) {
            return;
        }
        int cap = Math.max(needed, side.length * 2);
        com = Arrays.copyOf(com, cap * dims);
        side = Arrays.copyOf(side, cap);
        boxLo = Arrays.copyOf(boxLo, cap * dims);
        boxHi = Arrays.copyOf(boxHi, cap * dims);
        count = Arrays.copyOf(count, cap);
        start = Arrays.copyOf(start, cap);
        firstChild = Arrays.copyOf(firstChild, cap);
        childCount = Arrays.copyOf(childCount, cap);
    }

    private void build(int node, int from, int to, int level) {
        start[node] = from;
        count[node] = to - from;
        if (to - from <= LEAF_SIZE || level == bits) {
            firstChild[node] = -1;
            childCount[node] = 0;
            if (leafCount == leaves.length) {
                leaves = Arrays.copyOf(leaves, 2 * leaves.length);
            }
            leaves[leafCount++] = node; // depth first: the leaves in the order of their points
            for (int c = 0; c < dims; c++) {
                double s = 0;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int p = from; p < to; p++) {
                    double v = sorted[dims * p + c];
                    s += v;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                com[dims * node + c] = s / (to - from);
                boxLo[dims * node + c] = lo;
                boxHi[dims * node + c] = hi;
            }
            side[node] = extent(node);
            return;
        }
        int shift = dims * (bits - 1 - level);
        int children = 0;
        int prev = -1;
        for (int p = from; p < to; p++) {
            int c = (int) (codes[p] >>> shift) & childMask;
            if (c != prev) {
                children++;
                prev = c;
            }
        }
        ensureCapacity(nodes + children);
        int first = nodes;
        nodes += children;
        firstChild[node] = first;
        childCount[node] = children;
        int child = first;
        int p = from;
        while (p < to) {
            int c = (int) (codes[p] >>> shift) & childMask;
            int q = p + 1;
            while (q < to && ((int) (codes[q] >>> shift) & childMask) == c) {
                q++;
            }
            build(child++, p, q, level + 1);
            p = q;
        }
        for (int c = 0; c < dims; c++) {
            double s = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int ch = first; ch < first + children; ch++) {
                s += com[dims * ch + c] * count[ch];
                lo = Math.min(lo, boxLo[dims * ch + c]);
                hi = Math.max(hi, boxHi[dims * ch + c]);
            }
            com[dims * node + c] = s / (to - from);
            boxLo[dims * node + c] = lo;
            boxHi[dims * node + c] = hi;
        }
        side[node] = extent(node);
    }

    /** The largest side of the bounding box of a cell's points: its size in the opening criterion. */
    private double extent(int node) {
        double e = 0;
        for (int c = 0; c < dims; c++) {
            e = Math.max(e, boxHi[dims * node + c] - boxLo[dims * node + c]);
        }
        return e;
    }

    // ---- traversal ----

    /**
     * Packs the node data the 2-D traversal reads into two arrays, so a visit touches two cache
     * lines: {@code (com x, com y, open distance²)} and {@code (start, count, first child, children)}.
     * A cell is summarised when the squared distance to its centre of mass exceeds side² / θ².
     */
    private void pack2d() {
        if (packedF == null || packedF.length < 3 * nodes) {
            packedF = new double[3 * side.length];
            packedI = new int[4 * side.length];
        }
        for (int node = 0; node < nodes; node++) {
            packedF[3 * node] = com[2 * node];
            packedF[3 * node + 1] = com[2 * node + 1];
            packedF[3 * node + 2] = theta2 > 0 ? side[node] * side[node] / theta2 : Double.POSITIVE_INFINITY;
            packedI[4 * node] = start[node];
            packedI[4 * node + 1] = count[node];
            packedI[4 * node + 2] = firstChild[node];
            packedI[4 * node + 3] = childCount[node];
        }
    }

    private double[] packedF;
    private int[] packedI;

    private double traverse2d(int from, int to, double[] rep) {
        final double[] nf = packedF;
        final int[] ni = packedI;
        final double[] pts = sorted;
        int[] stack = new int[128];
        double z = 0;
        for (int p = from; p < to; p++) {
            double px = pts[2 * p];
            double py = pts[2 * p + 1];
            double fx = 0;
            double fy = 0;
            int top = 0;
            stack[top++] = 0;
            while (top > 0) {
                int node = stack[--top];
                int s = ni[4 * node];
                int cnt = ni[4 * node + 1];
                double dx = px - nf[3 * node];
                double dy = py - nf[3 * node + 1];
                double d2 = dx * dx + dy * dy;
                if (d2 > nf[3 * node + 2] && (p < s || p >= s + cnt)) {
                    double w = 1 / (1 + d2);
                    double cw = cnt * w;
                    z += cw;
                    double m = cw * w;
                    fx += m * dx;
                    fy += m * dy;
                } else {
                    int fc = ni[4 * node + 2];
                    if (fc < 0) {
                        for (int q = s; q < s + cnt; q++) {
                            if (q == p) {
                                continue;
                            }
                            double ex = px - pts[2 * q];
                            double ey = py - pts[2 * q + 1];
                            double w = 1 / (1 + ex * ex + ey * ey);
                            z += w;
                            double w2 = w * w;
                            fx += w2 * ex;
                            fy += w2 * ey;
                        }
                    } else {
                        for (int ch = fc + ni[4 * node + 3] - 1; ch >= fc; ch--) {
                            stack[top++] = ch;
                        }
                    }
                }
            }
            int o = order[p];
            rep[2 * o] = fx;
            rep[2 * o + 1] = fy;
        }
        return z;
    }

    /** A worker's interaction lists for one group: summarised cells (x, y, count) and leaves' point ranges. */
    private static final class Lists {
        double[] cells = new double[3 * 256];
        int cellCount;
        int[] ranges = new int[2 * 256];
        int rangeCount;
        int[] stack = new int[256];

        void addCell(double x, double y, double cnt) {
            if (3 * cellCount == cells.length) {
                cells = Arrays.copyOf(cells, 2 * cells.length);
            }
            cells[3 * cellCount] = x;
            cells[3 * cellCount + 1] = y;
            cells[3 * cellCount + 2] = cnt;
            cellCount++;
        }

        void addRange(int from, int count) {
            if (2 * rangeCount == ranges.length) {
                ranges = Arrays.copyOf(ranges, 2 * ranges.length);
            }
            ranges[2 * rangeCount] = from;
            ranges[2 * rangeCount + 1] = count;
            rangeCount++;
        }
    }

    /**
     * The 2-D forces summed per group (Barnes, "A modified tree code: don't laugh; it runs", J. Comput. Phys. 87,
     * 1990): the tree is walked once for each leaf, a cell is summarised when the distance from its centre of mass
     * to the nearest point of the leaf's bounding box passes the opening test, so it passes for every point of the
     * leaf; otherwise the cell is opened and a leaf's points are taken one by one. Each point of the leaf then sums
     * the two lists in a loop without branches. Every summarised cell is one the per-point walk would summarise
     * too (the nearest point of the box is no farther from it), so the forces are at least as accurate; the walk,
     * the costly part, is done once per leaf instead of once per point. For leaves [from, to) of the leaf order;
     * returns their part of Z.
     */
    private double traverseGroups2d(int from, int to, double[] rep) {
        final double[] nf = packedF;
        final int[] ni = packedI;
        Lists l = lists.get();
        double z = 0;
        for (int g = from; g < to; g++) {
            int leaf = leaves[g];
            int gs = start[leaf];
            int gc = count[leaf];
            double loX = boxLo[2 * leaf];
            double loY = boxLo[2 * leaf + 1];
            double hiX = boxHi[2 * leaf];
            double hiY = boxHi[2 * leaf + 1];
            l.cellCount = 0;
            l.rangeCount = 0;
            int[] stack = l.stack;
            int top = 0;
            stack[top++] = 0;
            while (top > 0) {
                int node = stack[--top];
                int s = ni[4 * node];
                int cnt = ni[4 * node + 1];
                if (node == leaf) {
                    continue; // the group's own points: summed apart, without each point itself
                }
                double cx = nf[3 * node];
                double cy = nf[3 * node + 1];
                double dx = Math.max(0, Math.max(loX - cx, cx - hiX));
                double dy = Math.max(0, Math.max(loY - cy, cy - hiY));
                if (dx * dx + dy * dy > nf[3 * node + 2] && (gs < s || gs >= s + cnt)) {
                    l.addCell(cx, cy, cnt);
                } else {
                    int fc = ni[4 * node + 2];
                    if (fc < 0) {
                        l.addRange(s, cnt);
                    } else {
                        int children = ni[4 * node + 3];
                        if (top + children > stack.length) {
                            stack = Arrays.copyOf(stack, 2 * stack.length + children);
                            l.stack = stack;
                        }
                        for (int ch = fc + children - 1; ch >= fc; ch--) {
                            stack[top++] = ch;
                        }
                    }
                }
            }
            z += groupForces(l, gs, gc, rep);
        }
        return z;
    }

    /** Sums the group's lists and its own points on each of its points; returns their part of Z. */
    private double groupForces(Lists l, int gs, int gc, double[] rep) {
        final double[] pts = sorted;
        final double[] cells = l.cells;
        final int[] ranges = l.ranges;
        double z = 0;
        for (int p = gs; p < gs + gc; p++) {
            double px = pts[2 * p];
            double py = pts[2 * p + 1];
            double fx = 0;
            double fy = 0;
            double zp = 0;
            for (int c = 0; c < 3 * l.cellCount; c += 3) {
                double dx = px - cells[c];
                double dy = py - cells[c + 1];
                double w = 1 / (1 + dx * dx + dy * dy);
                double cw = cells[c + 2] * w;
                zp += cw;
                double m = cw * w;
                fx += m * dx;
                fy += m * dy;
            }
            for (int r = 0; r < 2 * l.rangeCount; r += 2) {
                int end = ranges[r] + ranges[r + 1];
                for (int q = ranges[r]; q < end; q++) {
                    double ex = px - pts[2 * q];
                    double ey = py - pts[2 * q + 1];
                    double w = 1 / (1 + ex * ex + ey * ey);
                    zp += w;
                    double w2 = w * w;
                    fx += w2 * ex;
                    fy += w2 * ey;
                }
            }
            for (int q = gs; q < gs + gc; q++) {
                if (q != p) {
                    double ex = px - pts[2 * q];
                    double ey = py - pts[2 * q + 1];
                    double w = 1 / (1 + ex * ex + ey * ey);
                    zp += w;
                    double w2 = w * w;
                    fx += w2 * ex;
                    fy += w2 * ey;
                }
            }
            z += zp;
            int o = order[p];
            rep[2 * o] = fx;
            rep[2 * o + 1] = fy;
        }
        return z;
    }

    private double traverse(int from, int to, double[] rep) {
        int[] stack = new int[64 * (1 << dims) + 16];
        double z = 0;
        double[] f = new double[dims];
        for (int p = from; p < to; p++) {
            z += forceOn(sorted, p, p, f, stack);
            System.arraycopy(f, 0, rep, dims * order[p], dims);
        }
        return z;
    }

    /**
     * The repulsion on the point at {@code pts[dims*at …]} from every point in the tree except the
     * sorted point {@code self} (−1 for a point outside the tree): writes Σ w² (q − y_j) into f and
     * returns Σ w. Any number of dimensions; the 2-D internal case has its own faster loop.
     */
    private double forceOn(double[] pts, int at, int self, double[] f, int[] stack) {
        Arrays.fill(f, 0);
        double z = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            int s = start[node];
            int cnt = count[node];
            double d2 = 0;
            for (int c = 0; c < dims; c++) {
                double diff = pts[dims * at + c] - com[dims * node + c];
                d2 += diff * diff;
            }
            boolean contains = self >= s && self < s + cnt;
            double sd = side[node];
            if (!contains && sd * sd < theta2 * d2) {
                double w = 1 / (1 + d2);
                z += cnt * w;
                double m = cnt * w * w;
                for (int c = 0; c < dims; c++) {
                    f[c] += m * (pts[dims * at + c] - com[dims * node + c]);
                }
            } else if (firstChild[node] < 0) {
                for (int q = s; q < s + cnt; q++) {
                    if (q == self) {
                        continue;
                    }
                    double e2 = 0;
                    for (int c = 0; c < dims; c++) {
                        double diff = pts[dims * at + c] - sorted[dims * q + c];
                        e2 += diff * diff;
                    }
                    double w = 1 / (1 + e2);
                    z += w;
                    double w2 = w * w;
                    for (int c = 0; c < dims; c++) {
                        f[c] += w2 * (pts[dims * at + c] - sorted[dims * q + c]);
                    }
                }
            } else {
                int fc = firstChild[node];
                for (int ch = fc + childCount[node] - 1; ch >= fc; ch--) {
                    stack[top++] = ch;
                }
            }
        }
        return z;
    }
}
