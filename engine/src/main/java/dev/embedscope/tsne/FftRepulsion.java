package dev.embedscope.tsne;

import dev.embedscope.util.Parallel;
import java.util.Arrays;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Repulsive forces of a 2-D embedding by FFT-accelerated interpolation (Linderman, Rachh, Hoskins,
 * Steinerberger and Kluger, "Fast interpolation-based t-SNE for improved visualization of single-cell
 * RNA-seq data", Nature Methods 16, 2019: FIt-SNE). With the kernel K(d) = 1/(1 + d²)², every point's
 * repulsion and the normalisation Z follow from four sums Σ_j K(y_i − y_j) q_j with charges
 * q_j = 1, y_j,x, y_j,y and ‖y_j‖²: {@code rep_i = y_i φ_0(i) − (φ_1(i), φ_2(i))} and
 * {@code Z = Σ_i [(1 + ‖y_i‖²) φ_0 − 2 y_i·(φ_1, φ_2) + φ_3] − N}. The sums are computed on a grid:
 *
 * <ol>
 *   <li>the bounding square of the points is cut into B × B intervals of width 1 / {@code intervalsPerUnit},
 *       narrowed by factors of 2^¼ until at least {@code minIntervals} cover it (B rounded up to a size whose
 *       FFT factors into 2, 3 and 5), each with {@code nodes} equispaced interpolation nodes per side, so the
 *       nodes form one uniform m × m grid, m = B · nodes; the kernel's transform is kept while m and the
 *       spacing stay;</li>
 *   <li>each point's charges are spread to the nodes of its interval with Lagrange weights;</li>
 *   <li>the charge grids are convolved with K sampled on the grid, as a circulant of side 2m, by FFT
 *       ({@link GridConvolution}: JTransforms' one-dimensional transforms, pruned to the non-zero quarter;
 *       the kernel's transform is real, and two real charge grids travel as one complex one);</li>
 *   <li>the potentials are interpolated back to the points with the same weights.</li>
 * </ol>
 * Cost per evaluation: O(N · nodes²) for spreading and interpolation, O(m² log m) for the FFTs, whatever
 * the positions. {@link ExactRepulsion} is its exact twin. Weights, interpolation and the rows and columns of
 * the transforms are cut into fixed blocks of the {@link Parallel} pool, and the two grids are spread as two
 * tasks; every value is computed by one task alone, so the result does not depend on the thread count.
 */
public final class FftRepulsion implements RepulsiveForces {

    /** Interpolation nodes per interval and side (FIt-SNE's default). */
    public static final int DEFAULT_NODES = 3;
    /** Intervals per unit of embedding distance (FIt-SNE's default). */
    public static final double DEFAULT_INTERVALS_PER_UNIT = 1;
    /** The fewest intervals per side (FIt-SNE's default). */
    public static final int DEFAULT_MIN_INTERVALS = 50;

    private static final int POINTS_PER_BLOCK = 8192;
    /**
     * The factor an interval narrows by while fewer than minIntervals cover the layout: the widths form a fixed
     * ladder, so the kernel's transform is reused while the layout grows within a step, and a step is small, so
     * the grid has at most 19 % more intervals a side than the fewest (a factor of 2 would allow 100 %, four times
     * the nodes, in the first few hundred iterations).
     */
    static final double LADDER = Math.pow(2, 0.25);

    static {
        // JTransforms' own threads would ignore --threads; the transforms run on ours instead
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private final int n;
    private final int nodes;
    private final double intervalsPerUnit;
    private final int minIntervals;
    private final Parallel parallel;
    private final double[] wx;
    private final double[] wy;
    private final int[] boxX;
    private final int[] boxY;
    private final int[] order;
    private final double[] pos;
    private final int[] cellX;
    private final int[] cellY;
    private int[] bucketStart = new int[0];
    private final double[] phi;
    private int side = -1;
    private double spacing = Double.NaN;
    private GridConvolution convolution;
    private double[][] grids;

    /** The grid of FIt-SNE's defaults. */
    public FftRepulsion(int n, Parallel parallel) {
        this(n, new Grid(DEFAULT_NODES, DEFAULT_INTERVALS_PER_UNIT, DEFAULT_MIN_INTERVALS), parallel);
    }

    /** A grid of {@code nodes} per interval, intervals of width at most 1 / {@code intervalsPerUnit}. */
    public FftRepulsion(int n, Grid grid, Parallel parallel) {
        this.n = n;
        this.nodes = grid.nodes();
        this.intervalsPerUnit = grid.intervalsPerUnit();
        this.minIntervals = grid.minIntervals();
        this.parallel = parallel;
        this.wx = new double[n * nodes];
        this.wy = new double[n * nodes];
        this.boxX = new int[n];
        this.boxY = new int[n];
        this.order = new int[n];
        this.pos = new double[2 * n];
        this.cellX = new int[n];
        this.cellY = new int[n];
        this.phi = new double[4 * n];
    }

    /**
     * The interpolation grid: nodes per interval and side, intervals per unit of distance, and the fewest
     * intervals per side.
     */
    public record Grid(int nodes, double intervalsPerUnit, int minIntervals) {
        /** FIt-SNE's defaults: 3 nodes per interval, intervals of width 1, at least 50 a side. */
        public static final Grid DEFAULT = new Grid(DEFAULT_NODES, DEFAULT_INTERVALS_PER_UNIT, DEFAULT_MIN_INTERVALS);

        public Grid {
            if (nodes < 2 || !(intervalsPerUnit > 0) || minIntervals < 1) {
                throw new IllegalArgumentException("FFT grid: nodes " + nodes + " (at least 2), intervals per unit "
                        + intervalsPerUnit + " (positive), min intervals " + minIntervals + " (at least 1)");
            }
        }
    }

    /**
     * The grid {@link #compute} uses for this layout: positions relative to their mean (the forces do not
     * change, the ‖y‖² charges stay small), the span cut into intervals of width 1 / intervalsPerUnit, narrowed
     * by {@link #LADDER} while fewer than minIntervals cover it (the spacing takes values of a fixed ladder, so
     * the kernel's transform is reused between evaluations), their count rounded up to a 2-3-5-smooth number.
     * One pass over the points; {@link Frame#side()} is what decides an evaluation's FFT cost (its square).
     */
    public Frame frame(double[] y) {
        return frame(i -> y[i], n, new Grid(nodes, intervalsPerUnit, minIntervals));
    }

    /** Coordinates by index (x of point i at 2i, y at 2i + 1), so that float and double layouts share a frame. */
    @FunctionalInterface
    public interface Coordinates {
        double at(int index);
    }

    /**
     * The frame of n points on a grid (see {@link #frame(double[])}); a device backend computes it from the
     * float32 positions it reads back, so that its grid is the CPU's.
     */
    public static Frame frame(Coordinates y, int n, Grid grid) {
        // one pass: the extremes of y − c are those of y, less c (rounding is monotonic, so bit for bit)
        double sx = 0;
        double sy = 0;
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = y.at(2 * i);
            double v = y.at(2 * i + 1);
            sx += x;
            sy += v;
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, v);
            maxY = Math.max(maxY, v);
        }
        double cx = sx / n;
        double cy = sy / n;
        double lo = Math.min(minX - cx, minY - cy);
        double hi = Math.max(maxX - cx, maxY - cy);
        double span = Math.max(hi - lo, 1e-6);
        double width = 1 / grid.intervalsPerUnit();
        while (span / width < grid.minIntervals() && width > span * 1e-6) {
            width /= LADDER;
        }
        int intervals = smooth((int) Math.ceil(span / width));
        return new Frame(cx, cy, lo, width, width / grid.nodes(), intervals);
    }

    @Override
    public double compute(double[] y, double[] rep) {
        return compute(y, rep, frame(y));
    }

    /** The repulsion on the grid {@code frame} ({@link #frame} of these positions). */
    public double compute(double[] y, double[] rep, Frame frame) {
        int intervals = frame.intervals();
        prepareGrid(intervals * nodes, frame.h());
        parallel.forBlocks(n, POINTS_PER_BLOCK, (block, from, to) -> boxes(y, frame, from, to));
        sortByBox(intervals);
        parallel.forBlocks(n, POINTS_PER_BLOCK, (block, from, to) -> weights(y, frame, from, to));
        int stride = convolution.stride();
        parallel.forBlocks(2, 1, (block, from, to) -> spread(block, stride));
        for (double[] g : grids) {
            convolution.convolve(g, parallel);
        }
        parallel.forBlocks(n, POINTS_PER_BLOCK, (block, from, to) -> gather(stride, from, to));
        double z = 0;
        for (int o = 0; o < n; o++) {
            int i = order[o];
            double x = pos[2 * o];
            double v = pos[2 * o + 1];
            double p0 = phi[4 * o];
            double p1 = phi[4 * o + 1];
            double p2 = phi[4 * o + 2];
            double p3 = phi[4 * o + 3];
            rep[2 * i] = x * p0 - p1;
            rep[2 * i + 1] = v * p0 - p2;
            z += (1 + x * x + v * v) * p0 - 2 * (x * p1 + v * p2) + p3;
        }
        return z - n;
    }

    /**
     * A layout's grid: the mean the positions are taken from, the grid's low corner, the interval width, the
     * node spacing and the intervals per side.
     */
    public record Frame(double cx, double cy, double lo, double width, double h, int intervals) {
        /** Nodes per side (3 per interval by default). */
        public int side() {
            return (int) Math.round(width / h) * intervals;
        }
    }

    /** The convolution on a grid of side m and spacing h; built again only when either changes. */
    private void prepareGrid(int m, double h) {
        if (m == side && h == spacing) {
            return;
        }
        long t0 = System.nanoTime();
        if (m != side) {
            grids = null; // the old grids go before the new ones are allocated
            convolution = null;
        }
        convolution = new GridConvolution(m, (da, db) -> {
            double q = 1 / (1 + ((double) da * da + (double) db * db) * h * h);
            return q * q;
        }, parallel);
        if (m != side) {
            grids = new double[][] {new double[convolution.gridLength()], new double[convolution.gridLength()]};
        }
        side = m;
        spacing = h;

    }

    /** Each point's interval per axis, for points [from, to). */
    private void boxes(double[] y, Frame f, int from, int to) {
        for (int i = from; i < to; i++) {
            boxX[i] = box(y[2 * i] - f.cx(), f);
            boxY[i] = box(y[2 * i + 1] - f.cy(), f);
        }
    }

    private static int box(double coordinate, Frame f) {
        return Math.min(f.intervals() - 1, Math.max(0, (int) ((coordinate - f.lo()) / f.width())));
    }

    /**
     * For the points at places [from, to) of the box order: the centred position and the Lagrange weights of
     * the interval's nodes per axis, stored in that order so that spreading and interpolation read them
     * sequentially.
     */
    private void weights(double[] y, Frame f, int from, int to) {
        for (int o = from; o < to; o++) {
            int i = order[o];
            double x = y[2 * i] - f.cx();
            double v = y[2 * i + 1] - f.cy();
            pos[2 * o] = x;
            pos[2 * o + 1] = v;
            cellX[o] = lagrange(x, boxX[i], f, wx, o);
            cellY[o] = lagrange(v, boxY[i], f, wy, o);
        }
    }

    /** Writes the weights of the nodes of interval {@code box} at place {@code i} of w; returns the first node. */
    private int lagrange(double coordinate, int box, Frame f, double[] w, int i) {
        double u = (coordinate - f.lo() - box * f.width()) / f.h() - 0.5;
        if (nodes == 3) {
            // the three basis polynomials on nodes 0, 1, 2 written out: the loop below, without its divisions
            w[3 * i] = 0.5 * (u - 1) * (u - 2);
            w[3 * i + 1] = u * (2 - u);
            w[3 * i + 2] = 0.5 * u * (u - 1);
            return box * 3;
        }
        for (int j = 0; j < nodes; j++) {
            double l = 1;
            for (int k = 0; k < nodes; k++) {
                if (k != j) {
                    l *= (u - k) / (j - k);
                }
            }
            w[i * nodes + j] = l;
        }
        return box * nodes;
    }

    /**
     * Orders the points by their interval (row-major over the grid, or by row alone when the grid has more
     * intervals than a bucket array should hold), stable in the point index: spreading and interpolation in
     * this order walk the grid nearly sequentially instead of jumping to a random row for every point. The
     * order depends on the positions only, so the sums do not depend on the thread count.
     */
    private void sortByBox(int intervals) {
        boolean cells = (long) intervals * intervals <= Math.max(4L * n, 1L << 16);
        int buckets = cells ? intervals * intervals : intervals;
        if (bucketStart.length < buckets + 1) {
            bucketStart = new int[buckets + 1];
        }
        int[] start = bucketStart;
        Arrays.fill(start, 0, buckets + 1, 0);
        for (int i = 0; i < n; i++) {
            start[(cells ? boxX[i] * intervals + boxY[i] : boxX[i]) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            start[b + 1] += start[b];
        }
        for (int i = 0; i < n; i++) {
            order[start[cells ? boxX[i] * intervals + boxY[i] : boxX[i]]++] = i;
        }
    }

    /** Spreads two charges (block 0: 1 and y_x; block 1: y_y and ‖y‖²) as real and imaginary parts. */
    private void spread(int block, int stride) {
        double[] g = grids[block];
        for (int r = 0; r < side; r++) {
            Arrays.fill(g, 2 * r * stride, 2 * (r * stride + side), 0);
        }
        for (int i = 0; i < n; i++) {
            double x = pos[2 * i];
            double v = pos[2 * i + 1];
            double re = block == 0 ? 1 : v;
            double im = block == 0 ? x : x * x + v * v;
            int gx = cellX[i];
            int gy = cellY[i];
            for (int a = 0; a < nodes; a++) {
                double fa = wx[i * nodes + a];
                int row = (gx + a) * stride;
                for (int b = 0; b < nodes; b++) {
                    double w = fa * wy[i * nodes + b];
                    int at = 2 * (row + gy + b);
                    g[at] += w * re;
                    g[at + 1] += w * im;
                }
            }
        }
    }

    /** Interpolates the four potentials back to the points at places [from, to) of the box order. */
    private void gather(int stride, int from, int to) {
        for (int block = 0; block < 2; block++) {
            double[] g = grids[block];
            for (int i = from; i < to; i++) {
                int gx = cellX[i];
                int gy = cellY[i];
                double re = 0;
                double im = 0;
                for (int a = 0; a < nodes; a++) {
                    double fa = wx[i * nodes + a];
                    int row = (gx + a) * stride;
                    for (int b = 0; b < nodes; b++) {
                        double w = fa * wy[i * nodes + b];
                        int at = 2 * (row + gy + b);
                        re += w * g[at];
                        im += w * g[at + 1];
                    }
                }
                phi[4 * i + 2 * block] = re;
                phi[4 * i + 2 * block + 1] = im;
            }
        }
    }

    /** The smallest number at least {@code v} whose only prime factors are 2, 3 and 5 (FFT-friendly sizes). */
    static int smooth(int v) {
        for (int c = Math.max(1, v); ; c++) {
            int r = c;
            for (int p : new int[] {2, 3, 5}) {
                while (r % p == 0) {
                    r /= p;
                }
            }
            if (r == 1) {
                return c;
            }
        }
    }
}
