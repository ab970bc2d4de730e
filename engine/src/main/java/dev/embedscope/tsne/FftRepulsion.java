package dev.embedscope.tsne;

import dev.embedscope.util.Parallel;
import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_2D;
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
 *       halved until at least {@code minIntervals} cover it (B rounded up to a size whose FFT factors into 2,
 *       3 and 5), each with {@code nodes} equispaced interpolation nodes per side, so the nodes form one
 *       uniform m × m grid, m = B · nodes; the kernel's transform is kept while m and the spacing stay;</li>
 *   <li>each point's charges are spread to the nodes of its interval with Lagrange weights;</li>
 *   <li>the charge grids are convolved with K sampled on the grid, as a circulant of side 2m, by FFT
 *       (JTransforms; the kernel's transform is real, and two real charge grids travel as one complex
 *       one);</li>
 *   <li>the potentials are interpolated back to the points with the same weights.</li>
 * </ol>
 * Cost per evaluation: O(N · nodes²) for spreading and interpolation, O(m² log m) for the FFTs, whatever
 * the positions. {@link ExactRepulsion} is its exact twin. The two FFT pipelines run as two tasks of the
 * {@link Parallel} pool; spreading and interpolation are per term and per point, so the result does not
 * depend on the thread count.
 */
public final class FftRepulsion implements RepulsiveForces {

    /** Interpolation nodes per interval and side (FIt-SNE's default). */
    public static final int DEFAULT_NODES = 3;
    /** Intervals per unit of embedding distance (FIt-SNE's default). */
    public static final double DEFAULT_INTERVALS_PER_UNIT = 1;
    /** The fewest intervals per side (FIt-SNE's default). */
    public static final int DEFAULT_MIN_INTERVALS = 50;

    static {
        // JTransforms' own threads would ignore --threads; the two FFT pipelines run on ours instead
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
    private final double[] phi;
    private int side = -1;
    private double spacing = Double.NaN;
    private DoubleFFT_2D fft;
    private double[] kernelHat;
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
        this.phi = new double[4 * n];
    }

    /**
     * The interpolation grid: nodes per interval and side, intervals per unit of distance, and the fewest
     * intervals per side.
     */
    public record Grid(int nodes, double intervalsPerUnit, int minIntervals) {
        public Grid {
            if (nodes < 2 || !(intervalsPerUnit > 0) || minIntervals < 1) {
                throw new IllegalArgumentException("FFT grid: nodes " + nodes + " (at least 2), intervals per unit "
                        + intervalsPerUnit + " (positive), min intervals " + minIntervals + " (at least 1)");
            }
        }
    }

    @Override
    public double compute(double[] y, double[] rep) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            sx += y[2 * i];
            sy += y[2 * i + 1];
        }
        // positions relative to the mean: the forces do not change, the ‖y‖² charges stay small
        double cx = sx / n;
        double cy = sy / n;
        for (int i = 0; i < n; i++) {
            double x = y[2 * i] - cx;
            double v = y[2 * i + 1] - cy;
            lo = Math.min(lo, Math.min(x, v));
            hi = Math.max(hi, Math.max(x, v));
        }
        double span = Math.max(hi - lo, 1e-6);
        // intervals of width 1 / intervalsPerUnit, halved while fewer than minIntervals cover the span: the
        // spacing changes only by factors of two, so the kernel's transform is reused between evaluations
        double width = 1 / intervalsPerUnit;
        while (span / width < minIntervals && width > span * 1e-6) {
            width /= 2;
        }
        int intervals = smooth((int) Math.ceil(span / width));
        double h = width / nodes;
        int m = intervals * nodes;
        prepareGrid(m, h);
        weights(y, cx, cy, lo, width, h, intervals);
        int size = 2 * m;
        parallel.forBlocks(2, 1, (block, from, to) -> {
            double[] g = grids[block];
            Arrays.fill(g, 0);
            spread(y, cx, cy, g, block, size);
            fft.complexForward(g);
            for (int k = 0; k < size * size; k++) {
                g[2 * k] *= kernelHat[k];
                g[2 * k + 1] *= kernelHat[k];
            }
            fft.complexInverse(g, true);
            gather(g, block, size);
        });
        double z = 0;
        for (int i = 0; i < n; i++) {
            double x = y[2 * i] - cx;
            double v = y[2 * i + 1] - cy;
            double p0 = phi[4 * i];
            double p1 = phi[4 * i + 1];
            double p2 = phi[4 * i + 2];
            double p3 = phi[4 * i + 3];
            rep[2 * i] = x * p0 - p1;
            rep[2 * i + 1] = v * p0 - p2;
            z += (1 + x * x + v * v) * p0 - 2 * (x * p1 + v * p2) + p3;
        }
        return z - n;
    }

    /** The kernel's transform on a grid of side m and spacing h; computed again only when either changes. */
    private void prepareGrid(int m, double h) {
        int size = 2 * m;
        if (m == side && h == spacing) {
            return;
        }
        if (m != side) {
            side = m;
            fft = new DoubleFFT_2D(size, size);
            kernelHat = new double[size * size];
            grids = new double[][] {new double[2 * size * size], new double[2 * size * size]};
        }
        spacing = h;
        double[] k = grids[0];
        Arrays.fill(k, 0);
        for (int a = 0; a < size; a++) {
            int da = a <= m ? a : a - size;
            if (a == m) {
                continue;
            }
            for (int b = 0; b < size; b++) {
                if (b == m) {
                    continue;
                }
                int db = b <= m ? b : b - size;
                double d2 = ((double) da * da + (double) db * db) * h * h;
                double q = 1 / (1 + d2);
                k[2 * (a * size + b)] = q * q;
            }
        }
        fft.complexForward(k);
        for (int i = 0; i < size * size; i++) {
            kernelHat[i] = k[2 * i]; // the kernel is even in both axes: its transform is real
        }
    }

    /** Each point's interval and the Lagrange weights of its interval's nodes, per axis. */
    private void weights(double[] y, double cx, double cy, double lo, double width, double h, int intervals) {
        for (int i = 0; i < n; i++) {
            boxX[i] = lagrange(y[2 * i] - cx, lo, width, h, intervals, wx, i);
            boxY[i] = lagrange(y[2 * i + 1] - cy, lo, width, h, intervals, wy, i);
        }
    }

    private int lagrange(double coordinate, double lo, double width, double h, int intervals, double[] w, int i) {
        int box = Math.min(intervals - 1, Math.max(0, (int) ((coordinate - lo) / width)));
        double u = (coordinate - lo - box * width) / h - 0.5;
        for (int j = 0; j < nodes; j++) {
            double l = 1;
            for (int k = 0; k < nodes; k++) {
                if (k != j) {
                    l *= (u - k) / (j - k);
                }
            }
            w[i * nodes + j] = l;
        }
        return box;
    }

    /** Spreads two charges (block 0: 1 and y_x; block 1: y_y and ‖y‖²) as real and imaginary parts. */
    private void spread(double[] y, double cx, double cy, double[] g, int block, int size) {
        for (int i = 0; i < n; i++) {
            double x = y[2 * i] - cx;
            double v = y[2 * i + 1] - cy;
            double re = block == 0 ? 1 : v;
            double im = block == 0 ? x : x * x + v * v;
            int gx = boxX[i] * nodes;
            int gy = boxY[i] * nodes;
            for (int a = 0; a < nodes; a++) {
                double fa = wx[i * nodes + a];
                int row = (gx + a) * size;
                for (int b = 0; b < nodes; b++) {
                    double f = fa * wy[i * nodes + b];
                    int at = 2 * (row + gy + b);
                    g[at] += f * re;
                    g[at + 1] += f * im;
                }
            }
        }
    }

    /** Interpolates the two potentials of a block back to the points. */
    private void gather(double[] g, int block, int size) {
        for (int i = 0; i < n; i++) {
            int gx = boxX[i] * nodes;
            int gy = boxY[i] * nodes;
            double re = 0;
            double im = 0;
            for (int a = 0; a < nodes; a++) {
                double fa = wx[i * nodes + a];
                int row = (gx + a) * size;
                for (int b = 0; b < nodes; b++) {
                    double f = fa * wy[i * nodes + b];
                    int at = 2 * (row + gy + b);
                    re += f * g[at];
                    im += f * g[at + 1];
                }
            }
            phi[4 * i + 2 * block] = re;
            phi[4 * i + 2 * block + 1] = im;
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
