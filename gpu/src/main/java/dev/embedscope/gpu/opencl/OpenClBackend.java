package dev.embedscope.gpu.opencl;

import dev.embedscope.backend.BackendException;
import dev.embedscope.backend.BackendProvider;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;
import dev.embedscope.tsne.BackendRequest;
import dev.embedscope.tsne.ComputeBackend;
import dev.embedscope.tsne.DeviceLimitException;
import dev.embedscope.tsne.RunShape;
import dev.embedscope.tsne.SparseP;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * t-SNE's hot operations on an OpenCL device (a GPU, or the CPU through PoCL), float32 throughout:
 * kNN by brute-force distance tiles with a per-query top-k, attractive forces over CSR, exact
 * repulsion tiled through local memory (Z reduced on the host in index order), and the gradient
 * step. Exact repulsion is O(N²) per iteration: ideal on a GPU, slow on a weak device.
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
            return new OpenClBackend(new OpenClKernels(d));
        }
    }

    /** Points the preflight times its three iterations on (fewer when the run has fewer). */
    private static final int CALIBRATION_POINTS = 4096;

    private final OpenClKernels kernels;
    private OpenClKernels.Problem problem;
    private float[] yf;
    private float[] out;
    private float[] attrF;
    private float[] repF;
    private float[] updateF;
    private float[] gainsF;

    public OpenClBackend(OpenClKernels kernels) {
        this.kernels = kernels;
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
        return true;
    }

    @Override
    public String device() {
        return kernels.device().name() + " (" + kernels.device().platformName() + ")";
    }

    /**
     * Refuses a run whose kNN or optimisation buffers cannot fit the device (P has at most 2·N·k
     * entries), then times three whole iterations on min(N, 4,096) random points and scales them
     * by (N / n₀)² to the run's iterations: exact repulsion is quadratic in N.
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
        long nnz = 2L * n * shape.neighbours();
        String what = String.format(Locale.ROOT, "embedding %,d points", n);
        kernels.requireFits(what, OpenClKernels.knnBuffers(n, n, shape.features(), shape.neighbours(), true));
        kernels.requireFits(what, OpenClKernels.problemBuffers(n, shape.dims(), nnz, kernels.partsFor(n)));
        if (shape.iterations() == 0) {
            return 0;
        }
        int n0 = Math.min(n, CALIBRATION_POINTS);
        float[] y = new float[n0 * shape.dims()];
        SplittableRandom random = new SplittableRandom(n0);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) random.nextGaussian();
        }
        try (OpenClKernels.Problem trial = kernels.problem(new int[n0 + 1], new int[1],
                new float[1], n0, shape.dims())) {
            StepParameters q = new StepParameters(1, 0.5, 1e-3, 0.01);
            trial.iterate(y, q);
            long t0 = System.nanoTime();
            for (int it = 0; it < 3; it++) {
                trial.iterate(y, q);
            }
            double perIteration = (System.nanoTime() - t0) / 3e9;
            double scale = (double) n / n0;
            return perIteration * scale * scale * shape.iterations();
        }
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
        problem = kernels.problem(p.rowStart(), p.cols(), vals, n, dims);
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
        toFloat(s.y(), yf);
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
