package dev.embedscope.bench;

import dev.embedscope.data.ByteSource;
import dev.embedscope.data.NpyReader;
import dev.embedscope.gpu.opencl.OpenClBackend;
import dev.embedscope.gpu.opencl.OpenClDevices;
import dev.embedscope.gpu.opencl.OpenClKernels;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;
import dev.embedscope.pipeline.EmbeddingJob;
import dev.embedscope.pipeline.JobListener;
import dev.embedscope.pipeline.JobOptions;
import dev.embedscope.pipeline.JobResult;
import dev.embedscope.tsne.Affinities;
import dev.embedscope.tsne.AttractiveForces;
import dev.embedscope.tsne.BackendRequest;
import dev.embedscope.tsne.ComputeBackend;
import dev.embedscope.tsne.CpuBackend;
import dev.embedscope.tsne.ExactRepulsion;
import dev.embedscope.tsne.RunShape;
import dev.embedscope.tsne.SparseP;
import dev.embedscope.tsne.TsneOptions;
import dev.embedscope.util.Parallel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The GPU machine's run (bench/device-run.sh), without ND4J: lists the OpenCL devices, checks
 * each kernel against the CPU on random inputs, then embeds the first N of the prepared PCA-50
 * Fashion-MNIST rows through the engine's pipeline ({@link EmbeddingJob#runOnScores}) on the OpenCL
 * device and on the CPU's Barnes-Hut (whose kNN search also runs on the device: the CPU's GEMM search
 * needs ND4J), and prints a CPU-vs-GPU table with the pipeline's 10-NN accuracy.
 */
public final class DeviceRun {

    private DeviceRun() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "bench/device/data");
        String[] sizes = (args.length > 1 ? args[1] : "5000,20000,70000").split(",");
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.println("OpenCL devices:");
        for (OpenClDevices.Device d : OpenClDevices.list()) {
            System.out.println("  " + d.describe());
        }
        OpenClDevices.Device device = OpenClDevices.best();
        if (device == null) {
            System.out.println("no OpenCL device: " + OpenClDevices.whyNone());
            System.exit(1);
        }
        System.out.println("using " + device.name() + "; CPU: " + threads + " threads");
        try (OpenClKernels kernels = new OpenClKernels(device); Parallel parallel = new Parallel(threads)) {
            check(kernels, parallel);
            NpyReader.FloatArray x = NpyReader.readFloatArray(ByteSource.of(data.resolve("pca50.npy")));
            NpyReader.FloatArray labelsArray = NpyReader.readFloatArray(ByteSource.of(data.resolve("labels.npy")));
            int d = (int) x.shape()[1];
            Points all = new Points(x.values(), (int) x.shape()[0], d);
            JobOptions job = JobOptions.builder(TsneOptions.builder().threads(threads).build()).quality(QUALITY_QUERIES)
                    .build();
            System.out.printf(Locale.ROOT, "%n%-7s %7s %9s %9s %9s %9s %9s %9s%n", "backend",
                    "N", "kNN s", "P s", "optim. s",
                    "total s", "it/s", "10-NN acc");
            for (String sz : sizes) {
                int n = Math.min(Integer.parseInt(sz.trim()), (int) x.shape()[0]);
                Points scores = all.first(n);
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = (int) labelsArray.values()[i];
                }
                try (OpenClBackend gpu = new OpenClBackend(new OpenClKernels(device))) {
                    double estimate = gpu.preflight(RunShape.of(n, d, job.tsneFor(n)));
                    System.out.printf(Locale.ROOT,
                            "        (opencl, N = %d: repulsion in %d part(s), preflight estimate %.2f s)%n",
                            n, gpu.kernels().partsFor(n), estimate);
                    JobResult r = EmbeddingJob.on(gpu, job).runOnScores(scores, labels, JobListener.NONE);
                    row("opencl", r, n);
                    profile(kernels, r.embedding().p());
                }
                try (ComputeBackend cpu = new DeviceKnn(new CpuBackend(BackendRequest.of(job.tsne())), kernels)) {
                    row("cpu-bh", EmbeddingJob.on(cpu, job).runOnScores(scores, labels, JobListener.NONE), n);
                }
            }
        }
    }

    /** Queries of the pipeline's 10-NN accuracy per row. */
    static final int QUALITY_QUERIES = 2000;

    private static void row(String name, JobResult r, int n) {
        JobResult.Times t = r.seconds();
        double total = t.knn() + t.affinities() + t.optimization();
        System.out.printf(Locale.ROOT, "%-7s %7d %9.2f %9.2f %9.2f %9.2f %9.1f %9.3f%n",
                name, n, t.knn(), t.affinities(),
                t.optimization(), total, r.embedding().iterations() / t.optimization(), r.quality().knnAccuracy());
    }

    /**
     * The CPU backend with its kNN search on the OpenCL device: forces and steps on the CPU as in any
     * run, the graph from the device, as the kit has no ND4J for the CPU's GEMM search.
     */
    record DeviceKnn(CpuBackend cpu, OpenClKernels kernels) implements ComputeBackend {
        @Override
        public String name() {
            return cpu.name();
        }

        @Override
        public String device() {
            return cpu.device() + ", kNN on " + kernels.device().name();
        }

        @Override
        public boolean exactRepulsion() {
            return cpu.exactRepulsion();
        }

        @Override
        public KnnGraph knn(Points x, int k, ExactKnn.Progress progress) {
            return kernels.knn(x, x, k, true);
        }

        @Override
        public void prepare(SparseP p, int n, int dims) {
            cpu.prepare(p, n, dims);
        }

        @Override
        public void attractive(double[] y, double[] attr) {
            cpu.attractive(y, attr);
        }

        @Override
        public double repulsive(double[] y, double[] rep) {
            return cpu.repulsive(y, rep);
        }

        @Override
        public void step(StepState state, double[] attr, double[] rep, double z, StepParameters parameters) {
            cpu.step(state, attr, rep, z, parameters);
        }

        @Override
        public void close() {
            cpu.close();
        }
    }

    /**
     * Milliseconds per whole device iteration and per force kernel (with their read-backs) at P's size, 10 calls each.
     */
    static void profile(OpenClKernels kernels, SparseP p) {
        int n = p.n();
        float[] vals = p.vals();
        float[] y = new float[2 * n];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (r.nextGaussian() * 10);
        }
        float[] out = new float[2 * n];
        try (OpenClKernels.Problem problem = kernels.problem(p.rowStart(), p.cols(), vals, n, 2)) {
            ComputeBackend.StepParameters q = new ComputeBackend.StepParameters(1, 0.8, 1e-6, 0.01);
            problem.iterate(y.clone(), q); // warm-up
            problem.repulsive(y, out);
            problem.attractive(y, out);
            long t0 = System.nanoTime();
            for (int it = 0; it < 10; it++) {
                problem.iterate(y.clone(), q);
            }
            long t1 = System.nanoTime();
            for (int it = 0; it < 10; it++) {
                problem.repulsive(y, out);
            }
            long t2 = System.nanoTime();
            for (int it = 0; it < 10; it++) {
                problem.attractive(y, out);
            }
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT,
                    "        (opencl, N = %d: %.3f ms per whole iteration; repulsion with read-back %.3f ms,"
                    + " attractive with read-back %.3f ms; %d part(s))%n", n, (t1 - t0) / 1e7,
                    (t2 - t1) / 1e7, (t3 - t2) / 1e7,
                    problem.parts());
        }
    }

    /** Each kernel against the CPU on random inputs; prints the relative errors. */
    static void check(OpenClKernels kernels, Parallel parallel) {
        int n = 3000;
        SplittableRandom r = new SplittableRandom(5);
        float[] pts = new float[n * 10];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = (float) (r.nextDouble() * 2 - 1);
        }
        int k = 30;
        Points input = new Points(pts, n, 10);
        KnnGraph g = kernels.knn(input, input, k, true);
        float[] dist = g.sqDistances();
        double knnError = 0;
        for (int q = 0; q < n; q += 15) { // the k-th distance of every 15th query against brute force
            double[] all = new double[n - 1];
            int c = 0;
            for (int j = 0; j < n; j++) {
                if (j != q) {
                    double s = 0;
                    for (int t = 0; t < 10; t++) {
                        double diff = pts[q * 10 + t] - pts[j * 10 + t];
                        s += diff * diff;
                    }
                    all[c++] = s;
                }
            }
            Arrays.sort(all);
            for (int j = 0; j < k; j++) {
                knnError = Math.max(knnError, Math.abs(dist[q * k + j] - all[j]) / all[j]);
            }
        }
        SparseP p = Affinities.symmetric(g, Affinities.conditional(g, 10, parallel));
        double[] y = new double[2 * n];
        float[] yf = new float[2 * n];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextDouble() * 20;
            yf[i] = (float) y[i];
        }
        double[] attr = new double[2 * n];
        double[] rep = new double[2 * n];
        AttractiveForces.compute(p, y, 2, attr, parallel);
        double z = new ExactRepulsion(n, 2, parallel).compute(y, rep);
        float[] vals = p.vals();
        float[] ga = new float[2 * n];
        float[] gr = new float[2 * n];
        double gz;
        try (OpenClKernels.Problem problem = kernels.problem(p.rowStart(), p.cols(), vals, n, 2)) {
            problem.attractive(yf, ga);
            gz = problem.repulsive(yf, gr);
        }
        System.out.printf(Locale.ROOT,
                "kernel checks (N = %d): kNN distances max rel. error %.2e, attractive rel. error %.2e,"
                + " repulsive %.2e, Z %.2e%n", n, knnError, rel(ga, attr), rel(gr, rep), Math.abs(gz - z) / z);
    }

    static double rel(float[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }
}
