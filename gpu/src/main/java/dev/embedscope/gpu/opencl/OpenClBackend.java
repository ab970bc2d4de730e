package dev.embedscope.gpu.opencl;

import dev.embedscope.backend.BackendException;
import dev.embedscope.backend.BackendProvider;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;
import dev.embedscope.tsne.BackendRequest;
import dev.embedscope.tsne.ComputeBackend;
import dev.embedscope.tsne.DeviceLimitException;
import dev.embedscope.tsne.FftRepulsion;
import dev.embedscope.tsne.RunShape;
import dev.embedscope.tsne.SparseP;
import dev.embedscope.tsne.TsneOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * t-SNE's hot operations on an OpenCL device (a GPU, or the CPU through PoCL), positions float32:
 * kNN by brute-force distance tiles with a per-query top-k, attractive forces over CSR, the
 * repulsion either exact (tiled through local memory, O(N²) an iteration) or FFT-interpolated
 * (FIt-SNE, Linderman et al., Nature Methods 2019: {@link OpenClFft}, O(N) plus the grid's FFTs),
 * Z reduced on the device in a fixed order, and the gradient step, a whole iteration queued with one
 * synchronisation.
 */
public final class OpenClBackend implements ComputeBackend {

    /** Registers the OpenCL backend with {@link java.util.ServiceLoader}. */
    public static final class Provider implements BackendProvider {
        @Override
        public String name() {
            return "opencl";
        }

        @Override
        public boolean available() {
            return OpenClDevices.best() != null;
        }

        @Override
        public boolean hasGpu() {
            OpenClDevices.Device d = OpenClDevices.best();
            return d != null && d.gpu();
        }

        @Override
        public String unavailableReason() {
            return OpenClDevices.whyNone();
        }

        @Override
        public List<String> describeDevices() {
            List<String> out = new ArrayList<>();
            for (OpenClDevices.Device d : OpenClDevices.list()) {
                out.add("opencl: " + d.describe());
            }
            if (out.isEmpty()) {
                out.add("opencl: none (" + OpenClDevices.whyNone() + ")");
            }
            return out;
        }

        @Override
        public ComputeBackend open(BackendRequest request) {
            OpenClDevices.Device d = OpenClDevices.best();
            if (d == null) {
                throw BackendException.unavailable("opencl", OpenClDevices.whyNone());
            }
            return new OpenClBackend(new OpenClKernels(d), request.repulsion().method());
        }
    }

    /**
     * The fewest points of a 2-D run for which {@code --method auto} takes the FFT repulsion on the device: the
     * exact one costs N² pair terms an iteration (4.9·10⁹ at 70,000), the FFT about 40 launches over a grid
     * whose side grows with the layout's span, not with N. Not yet measured on a GPU: the device kit
     * ({@code bench/device-run.sh}) times both at 70,000 points.
     */
    public static final int FFT_FROM = 50_000;

    /** Points the preflight times its three iterations on (fewer when the run has fewer). */
    private static final int CALIBRATION_POINTS = 4096;

    private final OpenClKernels kernels;
    private final TsneOptions.Method method;
    private OpenClKernels.Problem problem;
    private double otherEstimate = Double.NaN;
    private boolean plannedFft;
    private float[] yf;
    private float[] out;
    private float[] attrF;
    private float[] repF;
    private float[] updateF;
    private float[] gainsF;

    /** The backend on these kernels, the repulsion chosen as {@code --method auto} does. */
    public OpenClBackend(OpenClKernels kernels) {
        this(kernels, TsneOptions.Method.AUTO);
    }

    /** The backend on these kernels with the repulsion {@code method} (exact, FFT or auto). */
    public OpenClBackend(OpenClKernels kernels, TsneOptions.Method method) {
        this.kernels = kernels;
        this.method = method;
    }

    /**
     * Whether a run of n points in dims dimensions takes the FFT repulsion: {@code fft} asks for it (2-D only),
     * {@code auto} takes it in 2-D from {@link #FFT_FROM} points on a device with 64-bit atomics, {@code exact}
     * never; Barnes-Hut and the adaptive mix are CPU methods and refused.
     */
    public boolean usesFft(int n, int dims) {
        return switch (method) {
            case EXACT -> false;
            case FFT -> {
                if (dims != 2) {
                    throw new IllegalArgumentException("the FFT repulsion embeds in 2 dimensions, not " + dims
                            + "; use --method exact");
                }
                yield true;
            }
            case AUTO -> dims == 2 && n >= FFT_FROM && kernels.device().int64Atomics();
            default -> throw new IllegalArgumentException("the OpenCL backend computes the repulsion exactly or by"
                    + " FFT interpolation, not by " + (method == TsneOptions.Method.ADAPTIVE ? "the adaptive mix"
                            : "Barnes-Hut") + "; use --method exact, fft or auto, or --backend cpu");
        };
    }

    public OpenClKernels kernels() {
        return kernels;
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public boolean exactRepulsion() {
        return problem != null ? !problem.fftRepulsion() : method == TsneOptions.Method.EXACT;
    }

    @Override
    public String repulsionUsed() {
        if (problem == null || !problem.fftRepulsion()) {
            return "exact";
        }
        return "FFT interpolation, " + FftRepulsion.DEFAULT_NODES + " nodes per interval, on the device in "
                + (problem.fftDouble() ? "double" : "single") + " precision";
    }

    @Override
    public String plannedRepulsion(RunShape shape) {
        String pairs = String.format(Locale.ROOT, "%.2g pair terms an iteration", (double) shape.points()
                * shape.points());
        String other = Double.isNaN(otherEstimate) ? "" : " (" + (plannedFft ? "exact" : "FFT") + ": about "
                + dev.embedscope.util.Numbers.duration(otherEstimate) + ")";
        return plannedFft ? "FFT-interpolated repulsion" + other : "exact repulsion, " + pairs + other;
    }

    @Override
    public String device() {
        return kernels.device().name() + " (" + kernels.device().platformName() + ")";
    }

    /**
     * Refuses a run whose kNN or optimisation buffers cannot fit the device (P has at most 2·N·k entries; the
     * FFT grid is sized for twice the span the layout is expected to reach), or whose method the device cannot
     * run; then estimates the optimisation's seconds for the method the run will use and, in 2-D, for the
     * other one too ({@link #plannedRepulsion} says both). Exact repulsion: three whole iterations timed on
     * min(N, 4,096) random points and scaled by (N / n₀)². FFT: three iterations timed on n₀ and 2n₀ points
     * spread over the expected final span (the grid's cost follows the span, the spreading N), extrapolated
     * linearly in N. Orders of magnitude, not promises: early layouts are smaller than the final one.
     */
    @Override
    public double preflight(RunShape shape) {
        int n = shape.points();
        if (shape.neighbours() > OpenClKernels.MAX_K) {
            throw new DeviceLimitException(kernels.where(), DeviceLimitException.Limit.NEIGHBOURS, "this run",
                    shape.neighbours(), OpenClKernels.MAX_K);
        }
        if (shape.dims() != 2 && shape.dims() != 3) {
            throw new DeviceLimitException(kernels.where(),
                    DeviceLimitException.Limit.DIMENSIONS, "this run", shape.dims(), 3);
        }
        kernels.knnLocal(shape.neighbours());
        boolean fft = usesFft(n, shape.dims());
        long nnz = 2L * n * shape.neighbours();
        String what = String.format(Locale.ROOT, "embedding %,d points", n);
        kernels.requireFits(what, OpenClKernels.knnBuffers(n, n, shape.features(), shape.neighbours(), true));
        long[] optimisation = OpenClKernels.problemBuffers(n, shape.dims(), nnz, fft ? 1 : kernels.partsFor(n));
        if (fft) {
            long[] grid = OpenClFft.buffers(n, 2 * expectedSide(n), kernels.device().fp64());
            long[] all = java.util.Arrays.copyOf(optimisation, optimisation.length + grid.length);
            System.arraycopy(grid, 0, all, optimisation.length, grid.length);
            optimisation = all;
        }
        kernels.requireFits(what, optimisation);
        plannedFft = fft;
        otherEstimate = Double.NaN;
        if (shape.iterations() == 0) {
            return 0;
        }
        double exact = exactSeconds(shape);
        if (shape.dims() != 2 || !kernels.device().int64Atomics()) {
            return exact;
        }
        double fftSeconds = fftSeconds(shape);
        otherEstimate = fft ? exact : fftSeconds;
        return fft ? fftSeconds : exact;
    }

    /**
     * The span (units) a t-SNE layout of n points reaches by its last iteration, as measured on Fashion-MNIST
     * layouts: about 190 at 70,000, 300 at 250,000, 500 at 1,000,000 (∝ n^0.36); at least 20.
     */
    static double expectedSpan(int n) {
        return Math.max(20, 190 * Math.pow(n / 70_000.0, 0.36));
    }

    /** Nodes a side of the default FFT grid over the expected final span. */
    static int expectedSide(int n) {
        return (int) Math.ceil(expectedSpan(n)) * FftRepulsion.DEFAULT_NODES;
    }

    private double exactSeconds(RunShape shape) {
        int n = shape.points();
        int n0 = Math.min(n, CALIBRATION_POINTS);
        double scale = (double) n / n0;
        float[] y = gaussian(n0 * shape.dims(), n0, 1);
        try (OpenClKernels.Problem trial = kernels.problem(new int[n0 + 1], new int[1],
                new float[1], n0, shape.dims())) {
            return secondsPerIteration(trial, y) * scale * scale * shape.iterations();
        }
    }

    private double fftSeconds(RunShape shape) {
        int n = shape.points();
        double span = expectedSpan(n);
        int n0 = Math.min(n, CALIBRATION_POINTS);
        double t0 = fftSecondsPerIteration(n0, span);
        if (n == n0) {
            return t0 * shape.iterations();
        }
        int n1 = Math.min(n, 2 * n0);
        double t1 = fftSecondsPerIteration(n1, span);
        return (t0 + Math.max(0, t1 - t0) * (n - n0) / (n1 - n0)) * shape.iterations();
    }

    private double fftSecondsPerIteration(int count, double span) {
        float[] y = gaussian(2 * count, count, 0);
        SplittableRandom random = new SplittableRandom(count + 1);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (random.nextDouble() * span);
        }
        try (OpenClKernels.Problem trial = kernels.problem(new int[count + 1], new int[1], new float[1], count, 2,
                OpenClKernels.Repulsion.fft(FftRepulsion.Grid.DEFAULT))) {
            return secondsPerIteration(trial, y);
        }
    }

    /** One warm-up iteration (kernels, plans), then the mean of three. */
    private static double secondsPerIteration(OpenClKernels.Problem trial, float[] y) {
        StepParameters q = new StepParameters(1, 0.5, 1e-3, 0.01);
        trial.iterate(y, q);
        long t0 = System.nanoTime();
        for (int it = 0; it < 3; it++) {
            trial.iterate(y, q);
        }
        return (System.nanoTime() - t0) / 3e9;
    }

    private static float[] gaussian(int length, long seed, double scale) {
        float[] y = new float[length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            y[i] = (float) (random.nextGaussian() * scale);
        }
        return y;
    }

    @Override
    public KnnGraph knn(Points x, int k, ExactKnn.Progress progress) {
        KnnGraph g = kernels.knn(x, x, k, true);
        if (progress != null) {
            progress.update(x.n(), x.n());
        }
        return g;
    }

    @Override
    public void prepare(SparseP p, int n, int dims) {
        if (problem != null) {
            problem.close();
        }
        float[] vals = p.vals();
        plannedFft = usesFft(n, dims);
        problem = plannedFft ? kernels.problem(p.rowStart(), p.cols(), vals, n, dims,
                OpenClKernels.Repulsion.fft(FftRepulsion.Grid.DEFAULT)) : kernels.problem(p.rowStart(), p.cols(), vals,
                        n, dims);
        int len = n * dims;
        yf = new float[len];
        out = new float[len];
        attrF = new float[len];
        repF = new float[len];
        updateF = new float[len];
        gainsF = new float[len];
    }

    @Override
    public void attractive(double[] y, double[] attr) {
        toFloat(y, yf);
        problem.attractive(yf, out);
        toDouble(out, attr);
    }

    @Override
    public double repulsive(double[] y, double[] rep) {
        toFloat(y, yf);
        double z = problem.repulsive(yf, out);
        toDouble(out, rep);
        return z;
    }

    @Override
    public void step(StepState s, double[] attr, double[] rep, double z, StepParameters q) {
        toFloat(s.y(), yf);
        toFloat(attr, attrF);
        toFloat(rep, repF);
        toFloat(s.update(), updateF);
        toFloat(s.gains(), gainsF);
        problem.step(new OpenClKernels.FloatState(yf, updateF, gainsF), attrF, repF, z, q);
        toDouble(yf, s.y());
        toDouble(updateF, s.update());
        toDouble(gainsF, s.gains());
    }

    /** The whole iteration on the device; only y and Z travel back (see {@link ComputeBackend#iterate}). */
    @Override
    public double iterate(StepState s, double[] attr, double[] rep, StepParameters q) {
        if (!problem.resident()) {
            toFloat(s.y(), yf); // later iterations start from the device's own positions
        }
        double z = problem.iterate(yf, q);
        toDouble(yf, s.y());
        return z;
    }

    private static void toFloat(double[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            b[i] = (float) a[i];
        }
    }

    private static void toDouble(float[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
    }

    @Override
    public void close() {
        if (problem != null) {
            problem.close();
        }
        kernels.close();
    }
}
