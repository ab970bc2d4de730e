package dev.embedscope.bench;

import dev.embedscope.data.ByteSource;
import dev.embedscope.data.NpyReader;
import dev.embedscope.gpu.opencl.OpenClBackend;
import dev.embedscope.gpu.opencl.OpenClDevices;
import dev.embedscope.gpu.opencl.OpenClKernels;
import dev.embedscope.knn.ApproximateKnn;
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
import dev.embedscope.tsne.FftRepulsion;
import dev.embedscope.tsne.RunShape;
import dev.embedscope.tsne.SparseP;
import dev.embedscope.tsne.TsneOptions;
import dev.embedscope.util.Parallel;
import dev.embedscope.util.Sampling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The GPU machine's run (bench/device-run.sh), without ND4J: lists the OpenCL devices, checks the kernels
 * against the CPU on random inputs (exact and FFT repulsion), then, per size, finds the kNN graph once on the
 * device (its recall against brute force on 1,000 sampled rows), and embeds the rows through the engine's
 * pipeline ({@link EmbeddingJob#runOnScores}) with each device method and on the CPU (all its threads, the
 * method {@code auto} picks), all from that graph. Sizes past the 70,000 prepared PCA-50 Fashion-MNIST rows
 * are made here: each row a copy of row i mod 70,000 with seeded Gaussian jitter of 5 % of each component's
 * standard deviation, its label kept. A time budget ({@code --max-seconds}) keeps the whole run inside one
 * device call: a device row whose preflight estimate does not fit is skipped, and the CPU row stops when the
 * budget says so and reports its measured rate with the time extrapolated to the whole schedule.
 */
public final class DeviceRun {

    /** Queries of the pipeline's 10-NN accuracy per row. */
    static final int QUALITY_QUERIES = 2000;
    /** Rows whose exact neighbours check the device graph. */
    static final int RECALL_ROWS = 1000;
    /** Jitter of the rows made past the prepared ones, as a share of each component's standard deviation. */
    static final double JITTER = 0.05;

    private final OpenClKernels kernels;
    private final Parallel parallel;
    private final int threads;
    private final long deadline;
    private final List<String> methods;
    private final boolean cpu;

    private DeviceRun(OpenClKernels kernels, Parallel parallel, Settings s) {
        this.kernels = kernels;
        this.parallel = parallel;
        this.threads = s.threads();
        this.deadline = System.nanoTime() + (long) (s.maxSeconds() * 1e9);
        this.methods = s.methods();
        this.cpu = s.cpu();
    }

    /** The run's settings from its arguments: DATA SIZES [--max-seconds S] [--methods fft,exact] [--no-cpu]. */
    record Settings(Path data, List<Integer> sizes, double maxSeconds, List<String> methods, boolean cpu,
                    int threads) {
        static Settings parse(String[] args) {
            Path data = Path.of("bench/device/data");
            List<Integer> sizes = List.of(5000, 20000, 70000);
            double max = 270;
            List<String> methods = List.of("fft", "exact");
            boolean cpu = true;
            int positional = 0;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--max-seconds" -> max = Double.parseDouble(args[++i]);
                    case "--methods" -> {
                        methods = List.of(args[++i].split(","));
                        for (String m : methods) {
                            if (!m.equals("fft") && !m.equals("exact")) {
                                throw new IllegalArgumentException("--methods: '" + m + "' is not fft or exact");
                            }
                        }
                    }
                    case "--no-cpu" -> cpu = false;
                    default -> {
                        if (positional++ == 0) {
                            data = Path.of(args[i]);
                        } else {
                            sizes = Arrays.stream(args[i].split(",")).map(String::trim).map(Integer::parseInt)
                                    .toList();
                        }
                    }
                }
            }
            return new Settings(data, sizes, max, methods, cpu, Runtime.getRuntime().availableProcessors());
        }
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.parse(args);
        System.out.println("OpenCL devices:");
        for (OpenClDevices.Device d : OpenClDevices.list()) {
            System.out.println("  " + d.describe());
        }
        OpenClDevices.Device device = OpenClDevices.best();
        if (device == null) {
            System.out.println("no OpenCL device: " + OpenClDevices.whyNone());
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "using %s; CPU: %d threads; budget %.0f s%n", device.name(), s.threads(),
                s.maxSeconds());
        try (OpenClKernels kernels = new OpenClKernels(device); Parallel parallel = new Parallel(s.threads())) {
            check(kernels, parallel);
            NpyReader.FloatArray x = NpyReader.readFloatArray(ByteSource.of(s.data().resolve("pca50.npy")));
            NpyReader.FloatArray labels = NpyReader.readFloatArray(ByteSource.of(s.data().resolve("labels.npy")));
            Points base = new Points(x.values(), (int) x.shape()[0], (int) x.shape()[1]);
            int[] baseLabels = new int[base.n()];
            for (int i = 0; i < baseLabels.length; i++) {
                baseLabels[i] = (int) labels.values()[i];
            }
            new DeviceRun(kernels, parallel, s).run(base, baseLabels, s.sizes());
        }
    }

    private double secondsLeft() {
        return (deadline - System.nanoTime()) / 1e9;
    }

    private void run(Points base, int[] baseLabels, List<Integer> sizes) {
        System.out.printf(Locale.ROOT, "%n%-13s %9s %8s %8s %9s %9s %8s %9s %7s  %s%n", "backend", "N", "kNN s", "P s",
                "optim. s", "total s", "it/s", "10-NN acc", "recall", "repulsion");
        JobOptions job = JobOptions.builder(TsneOptions.builder().threads(threads).build())
                .quality(QUALITY_QUERIES).build();
        double knnRate = Double.NaN; // seconds per query-reference pair of the last search
        for (int n : sizes) {
            double knnEstimate = knnRate * n * (double) n;
            if (knnEstimate > secondsLeft()) {
                System.out.printf(Locale.ROOT, "%-13s %9d  skipped: the kNN search alone would take about %.0f s,"
                        + " %.0f s left%n", "all", n, knnEstimate, secondsLeft());
                continue;
            }
            Points rows = rows(base, n);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = baseLabels[i % base.n()];
            }
            int k = job.tsneFor(n).k();
            long t0 = System.nanoTime();
            KnnGraph graph = kernels.knn(rows, rows, Math.min(k, n - 1), true);
            double knnSeconds = (System.nanoTime() - t0) / 1e9;
            knnRate = knnSeconds / ((double) n * n);
            int[] sample = Sampling.sortedSubset(n, Math.min(RECALL_ROWS, n), new SplittableRandom(n));
            double recall = ApproximateKnn.recall(graph, sample, ApproximateKnn.exactRows(rows, sample, graph.k(),
                    parallel));
            for (String method : methods) {
                TsneOptions.Method m = method.equals("fft") ? TsneOptions.Method.FFT : TsneOptions.Method.EXACT;
                try (OpenClBackend gpu = new OpenClBackend(new OpenClKernels(kernels.device()), m)) {
                    double estimate = gpu.preflight(RunShape.of(n, rows.d(), job.tsneFor(n)));
                    if (estimate > secondsLeft()) {
                        System.out.printf(Locale.ROOT, "%-13s %9d  skipped: estimate %.0f s, %.0f s left%n",
                                "opencl-" + method, n, estimate, secondsLeft());
                        continue;
                    }
                    Row r = embed(new GivenKnn(gpu, graph), job, rows, labels, Double.POSITIVE_INFINITY);
                    print("opencl-" + method, n, knnSeconds, recall, r);
                    profile(gpu.kernels(), r.result().embedding().p(), m == TsneOptions.Method.FFT,
                            r.result().embedding().y());
                }
            }
            if (cpu) {
                try (ComputeBackend c = new GivenKnn(new CpuBackend(BackendRequest.of(job.tsneFor(n))), graph)) {
                    Row r = embed(c, job, rows, labels, secondsLeft() - 10);
                    print("cpu-" + threads, n, knnSeconds, recall, r);
                }
            }
        }
    }

    /**
     * The first n prepared rows; past them, row i is row i mod N₀ plus Gaussian jitter of {@link #JITTER} of
     * each component's standard deviation, seeded by i (the same set on every machine and thread count).
     */
    static Points rows(Points base, int n) {
        if (n <= base.n()) {
            return base.first(n);
        }
        int d = base.d();
        double[] sd = new double[d];
        for (int c = 0; c < d; c++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < base.n(); i++) {
                double v = base.values()[i * d + c];
                mean += v;
                sq += v * v;
            }
            mean /= base.n();
            sd[c] = Math.sqrt(Math.max(0, sq / base.n() - mean * mean));
        }
        float[] out = new float[Math.multiplyExact(n, d)];
        System.arraycopy(base.values(), 0, out, 0, base.n() * d);
        for (int i = base.n(); i < n; i++) {
            SplittableRandom r = new SplittableRandom(0x5eedL * 31 + i);
            int from = (i % base.n()) * d;
            for (int c = 0; c < d; c++) {
                out[i * d + c] = (float) (base.values()[from + c] + JITTER * sd[c] * r.nextGaussian());
            }
        }
        return new Points(out, n, d);
    }

    /** One row's result, whether the budget stopped it, and the notes the pipeline said. */
    record Row(JobResult result, boolean stopped, int iterations, List<String> notes) {
    }

    /** Embeds through the pipeline on backend b, stopping after {@code maxSeconds} of optimisation. */
    static Row embed(ComputeBackend b, JobOptions job, Points rows, int[] labels, double maxSeconds) {
        List<String> notes = new ArrayList<>();
        long[] start = {0};
        boolean[] stopped = {false};
        JobListener listener = new JobListener() {
            @Override
            public void note(String line) {
                notes.add(line);
            }

            @Override
            public boolean iteration(int iteration, double kl, double[] y) {
                if (start[0] == 0) {
                    start[0] = System.nanoTime();
                }
                if ((System.nanoTime() - start[0]) / 1e9 > maxSeconds) {
                    stopped[0] = true;
                    return false;
                }
                return true;
            }
        };
        JobResult r = EmbeddingJob.on(b, job).runOnScores(rows, labels, listener);
        return new Row(r, stopped[0], r.embedding().iterations(), notes);
    }

    private void print(String name, int n, double knnSeconds, double recall, Row row) {
        JobResult r = row.result();
        JobResult.Times t = r.seconds();
        int planned = r.options().schedule().iterations();
        double rate = row.iterations() / t.optimization();
        double optimisation = row.stopped() ? planned / rate : t.optimization();
        double total = knnSeconds + t.affinities() + optimisation;
        System.out.printf(Locale.ROOT, "%-13s %9d %8.2f %8.2f %9.2f %9.2f %8.1f %9s %7.4f  %s%s%n", name, n,
                knnSeconds, t.affinities(), optimisation, total, rate, row.stopped() ? "-"
                        : String.format(Locale.ROOT, "%.3f", r.quality().knnAccuracy()), recall,
                r.backend().repulsion(), row.stopped() ? String.format(Locale.ROOT,
                        " (stopped by the budget after %d of %d iterations: optimisation and total extrapolated)",
                        row.iterations(), planned) : "");
        for (String note : row.notes()) {
            System.out.println("        " + note);
        }
    }

    /**
     * The backend {@code inner} with its kNN graph given: every size's rows share one device search, timed
     * once; the forces, the step and the whole iteration are inner's.
     */
    record GivenKnn(ComputeBackend inner, KnnGraph graph) implements ComputeBackend {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String device() {
            return inner.device();
        }

        @Override
        public boolean exactRepulsion() {
            return inner.exactRepulsion();
        }

        @Override
        public double preflight(RunShape shape) {
            return inner.preflight(shape);
        }

        @Override
        public String repulsionUsed() {
            return inner.repulsionUsed();
        }

        @Override
        public String plannedRepulsion(RunShape shape) {
            return inner.plannedRepulsion(shape);
        }

        @Override
        public String repulsionNote() {
            return inner.repulsionNote();
        }

        @Override
        public KnnGraph knn(Points x, int k, ExactKnn.Progress progress) {
            if (k != graph.k() || x.n() != graph.n()) {
                throw new IllegalStateException("the given graph has " + graph.k() + " neighbours of " + graph.n()
                        + " points; " + k + " of " + x.n() + " asked");
            }
            return graph;
        }

        @Override
        public void prepare(SparseP p, int n, int dims) {
            inner.prepare(p, n, dims);
        }

        @Override
        public void attractive(double[] y, double[] attr) {
            inner.attractive(y, attr);
        }

        @Override
        public double repulsive(double[] y, double[] rep) {
            return inner.repulsive(y, rep);
        }

        @Override
        public void step(StepState state, double[] attr, double[] rep, double z, StepParameters parameters) {
            inner.step(state, attr, rep, z, parameters);
        }

        @Override
        public double iterate(StepState state, double[] attr, double[] rep, StepParameters parameters) {
            return inner.iterate(state, attr, rep, parameters);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /**
     * Milliseconds per whole device iteration and per force kernel at P's size on the run's final layout (10
     * calls each); for the FFT repulsion also per phase (spreading, grids, FFTs, interpolation, Z).
     */
    static void profile(OpenClKernels kernels, SparseP p, boolean fft, double[] finalY) {
        int n = p.n();
        float[] y = new float[2 * n];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) finalY[i];
        }
        float[] out = new float[2 * n];
        OpenClKernels.Repulsion how = fft ? OpenClKernels.Repulsion.fft(FftRepulsion.Grid.DEFAULT)
                : OpenClKernels.Repulsion.exact(kernels.partsFor(n));
        try (OpenClKernels.Problem problem = kernels.problem(p.rowStart(), p.cols(), p.vals(), n, 2, how)) {
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
            StringBuilder phases = new StringBuilder();
            if (fft) {
                for (Map.Entry<String, Double> e : problem.profileFft(y, 10).entrySet()) {
                    phases.append(String.format(Locale.ROOT, ", %s %.3f", e.getKey(), e.getValue()));
                }
                phases.append(String.format(Locale.ROOT, "; grid %d nodes a side", problem.fftSide()));
            }
            System.out.printf(Locale.ROOT, "        profile at the final layout, ms: whole iteration %.3f;"
                    + " repulsion with read-back %.3f; attractive with read-back %.3f; %s%s%n", (t1 - t0) / 1e7,
                    (t2 - t1) / 1e7, (t3 - t2) / 1e7, fft ? "FFT phases" : problem.parts() + " part(s)", phases);
        }
    }

    /** Each kernel against the CPU on random inputs, exact and FFT repulsion; prints the relative errors. */
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
        int[] sample = new int[n / 15];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = 15 * i;
        }
        double knnRecall = ApproximateKnn.recall(g, sample, ApproximateKnn.exactRows(input, sample, k, parallel));
        SparseP p = Affinities.symmetric(g, Affinities.conditional(g, 10, parallel));
        double[] y = new double[2 * n];
        float[] yf = new float[2 * n];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextDouble() * 20;
            yf[i] = (float) y[i];
        }
        double[] attr = new double[2 * n];
        double[] rep = new double[2 * n];
        double[] repFft = new double[2 * n];
        AttractiveForces.compute(p, y, 2, attr, parallel);
        double z = new ExactRepulsion(n, 2, parallel).compute(y, rep);
        double zFft = new FftRepulsion(n, parallel).compute(y, repFft);
        float[] ga = new float[2 * n];
        float[] gr = new float[2 * n];
        float[] gf = new float[2 * n];
        double gz;
        double gzFft;
        try (OpenClKernels.Problem problem = kernels.problem(p.rowStart(), p.cols(), p.vals(), n, 2)) {
            problem.attractive(yf, ga);
            gz = problem.repulsive(yf, gr);
        }
        try (OpenClKernels.Problem problem = kernels.problem(p.rowStart(), p.cols(), p.vals(), n, 2,
                OpenClKernels.Repulsion.fft(FftRepulsion.Grid.DEFAULT))) {
            gzFft = problem.repulsive(yf, gf);
        }
        System.out.printf(Locale.ROOT,
                "kernel checks (N = %d): kNN recall %.4f, attractive rel. error %.2e, exact repulsive %.2e, Z %.2e;"
                + " FFT repulsive %.2e, Z %.2e (against the CPU's FFT on the same grid)%n", n, knnRecall,
                rel(ga, attr), rel(gr, rep), Math.abs(gz - z) / z, rel(gf, repFft), Math.abs(gzFft - zFft) / zFft);
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
