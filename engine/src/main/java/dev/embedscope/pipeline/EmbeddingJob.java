package dev.embedscope.pipeline;

import com.sun.management.OperatingSystemMXBean;
import dev.embedscope.backend.Backends;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.RowSource;
import dev.embedscope.knn.Points;
import dev.embedscope.linalg.Pca;
import dev.embedscope.quality.EmbeddingQuality;
import dev.embedscope.scale.ScalerChoice;
import dev.embedscope.scale.Scaling;
import dev.embedscope.stats.DuplicateRows;
import dev.embedscope.stats.FiniteCheck;
import dev.embedscope.tsne.BackendRequest;
import dev.embedscope.tsne.ComputeBackend;
import dev.embedscope.tsne.Embedding;
import dev.embedscope.tsne.FftRepulsion;
import dev.embedscope.tsne.Initialisation;
import dev.embedscope.tsne.MemoryEstimate;
import dev.embedscope.tsne.RunShape;
import dev.embedscope.tsne.TooFewPointsException;
import dev.embedscope.tsne.Tsne;
import dev.embedscope.tsne.TsneListener;
import dev.embedscope.tsne.TsneOptions;
import dev.embedscope.util.Numbers;
import dev.embedscope.util.Parallel;
import java.lang.management.ManagementFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one embedding pipeline every command runs: rows → scaling (fitted on the training split by the
 * caller) → finite check → perplexity check → memory estimate → backend (opened by name with its
 * preflight, or given) → PCA → t-SNE ({@link Tsne}) → quality → a {@link JobResult} with the time of
 * each stage. A new kNN or repulsion method is an option of {@link JobOptions} and a case in the
 * backend, not a change here or in any command.
 */
public final class EmbeddingJob {

    /** Share of the maximum heap a run may plan to use. */
    static final double HEAP_SHARE = 0.9;

    private final JobOptions options;
    private final ComputeBackend given;

    private EmbeddingJob(JobOptions options, ComputeBackend given) {
        this.options = options;
        this.given = given;
    }

    /** A job that opens the backend named in the options for each run and closes it after. */
    public static EmbeddingJob of(JobOptions options) {
        return new EmbeddingJob(options, null);
    }

    /** A job that runs on an open backend (kept open: it stays the caller's), for timing several runs on one. */
    public static EmbeddingJob on(ComputeBackend backend, JobOptions options) {
        return new EmbeddingJob(options, backend);
    }

    /**
     * Embeds the rows of {@code data} scaled by {@code scaling}; the result's rows are the scaled ones.
     *
     * @throws TooFewPointsException, {@link InsufficientMemoryException}, or the backend's refusal,
     *         all before any work
     */
    public JobResult run(Dataset data, Scaling scaling, JobListener listener) {
        long t0 = System.nanoTime();
        Dataset rows = scaling.apply(data);
        FiniteCheck.requireFinite(rows, "t-SNE");
        refuseIdentical(rows, listener);
        double scaleSeconds = (System.nanoTime() - t0) / 1e9;
        int n = rows.rows();
        int d = rows.columns();
        TsneOptions o = checked(n);
        requireMemory(MemoryEstimate.of(n, d, options.pcaDims(), o), n);
        RunShape shape = RunShape.of(n, options.seenFeatures(d), o);
        ComputeBackend backend = open(o, shape, listener);
        try {
            long p0 = System.nanoTime();
            listener.progress(TsneListener.Phase.PCA, 0, 1);
            Pca pca = null;
            INDArray reduced = rows.features();
            if (options.pcaDims() > 0 && d > options.pcaDims()) {
                pca = Pca.fit(reduced, options.pcaDims());
                reduced = pca.transform(reduced);
            }
            Points points = points(reduced);
            JobResult.Input input = new JobResult.Input(d, JobResult.Input.IN_MEMORY);
            return embed(new Reduction(points, pca, p0, scaleSeconds, input),
                    o, backend, rows, rows.labels(), scaling, listener);
        } finally {
            closeIfOwned(backend);
        }
    }

    /**
     * Embeds rows streamed from {@code source} (scaled block by block with {@code scaling}, PCA fitted and
     * applied block by block: {@link StreamedRows}), for data larger than memory or than 2^31 values; the
     * result has no rows. Same checks, backend, t-SNE and quality as {@link #run(Dataset, Scaling,
     * JobListener)}.
     *
     * @param labels class labels for the quality's accuracy, or null
     */
    public JobResult run(RowSource source, int[] labels, Scaling scaling, JobListener listener) {
        if (source.rows() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(source.name() + ": " + source.rows()
                    + " rows are more than t-SNE takes (2^31)");
        }
        int n = (int) source.rows();
        int d = source.columns();
        TsneOptions o = checked(n);
        requireMemory(MemoryEstimate.streaming(n, d, options.pcaDims(), o), n);
        ComputeBackend backend = open(o, RunShape.of(n, options.seenFeatures(d), o), listener);
        try {
            long p0 = System.nanoTime();
            listener.progress(TsneListener.Phase.PCA, 0, 1);
            StreamedRows.Reduced r = StreamedRows.reduce(source, scaling, options.pcaDims(), listener);
            refuseIdentical(r.largestEqualRows(), n, listener);
            return embed(new Reduction(r.points(), r.pca(), p0, 0, new JobResult.Input(d, JobResult.Input.STREAMED)),
                    o, backend, null, labels, scaling, listener);
        } finally {
            closeIfOwned(backend);
        }
    }

    /**
     * Reduced points, the PCA that made them (or null), when the reduction started, the scaling's seconds, and
     * how the rows came in.
     */
    private record Reduction(Points points, Pca pca, long startNanos, double scaleSeconds, JobResult.Input input) {
    }

    private JobResult embed(Reduction red, TsneOptions o, ComputeBackend backend, Dataset rows, int[] labels,
                            Scaling scaling, JobListener listener) {
        Points points = red.points();
        Pca pca = red.pca();
        Points scores = pca != null && pca.dimensions() >= o.dims() ? points : leading(points, o.dims());
        double[] initial = Initialisation.fromScores(scores, o.dims(), o.seed());
        listener.progress(TsneListener.Phase.PCA, 1, 1);
        double pcaSeconds = (System.nanoTime() - red.startNanos()) / 1e9;
        RecallProbe probe = probe(o, listener, backend.approximateKnn(points.n()));
        Embedding e = Tsne.fit(points, initial, o, backend, probe).withReduction(pca, pcaSeconds);
        return finish(e, rows, labels, describe(backend, o), scaling.choice(), red, probe);
    }

    /** The leading principal component scores of points that were not reduced (to start the layout). */
    private static Points leading(Points points, int dims) {
        INDArray m = FloatMatrix.of(points.values(), points.n(), points.d());
        return points(Pca.fit(m, Math.min(dims, points.d())).transform(m));
    }

    /**
     * Embeds points that are principal component scores already (first component first), as the GPU
     * machine's kit has them: no scaling, no PCA, no ND4J; the first columns start the layout.
     *
     * @param labels class labels for the quality's accuracy, or null
     */
    public JobResult runOnScores(Points scores, int[] labels, JobListener listener) {
        TsneOptions o = checked(scores.n());
        requireMemory(MemoryEstimate.of(scores.n(), scores.d(), 0, o), scores.n());
        ComputeBackend backend = open(o, RunShape.of(scores.n(), scores.d(), o), listener);
        try {
            double[] initial = Initialisation.fromScores(scores, o.dims(), o.seed());
            RecallProbe probe = probe(o, listener, backend.approximateKnn(scores.n()));
            Embedding e = Tsne.fit(scores, initial, o, backend, probe);
            Reduction red = new Reduction(scores, null, 0, 0, new JobResult.Input(scores.d(), JobResult.Input.SCORES));
            return finish(e, null, labels, describe(backend, o), Scaling.identity().choice(), red, probe);
        } finally {
            closeIfOwned(backend);
        }
    }

    /** Refuses rows that are all the same; warns when at least half of them are copies of one row. */
    private static void refuseIdentical(Dataset rows, JobListener listener) {
        int largest = 1;
        for (int[] group : DuplicateRows.groups(rows.features())) {
            largest = Math.max(largest, group.length);
        }
        refuseIdentical(largest, rows.rows(), listener);
    }

    private static void refuseIdentical(int largest, int n, JobListener listener) {
        if (largest == n && n > 1) {
            throw new IdenticalRowsException(n);
        }
        if (2L * largest >= n && largest > 1) {
            listener.note("warning: " + largest + " of " + n + " rows (" + Numbers.num(100.0 * largest
                    / n) + " %) are copies of one row; they collapse into one point of the embedding");
        }
    }

    private TsneOptions checked(int n) {
        TsneOptions o = options.tsneFor(n);
        if (n - 1 < o.k()) {
            throw new TooFewPointsException(n, o.perplexity(), o.k());
        }
        return o;
    }

    private ComputeBackend open(TsneOptions o, RunShape shape, JobListener listener) {
        if (given != null) {
            Backends.preflight(given, shape, listener::note);
            return given;
        }
        // the repulsion as asked, not as resolved for the CPU: a device backend resolves "auto" by its own rule
        BackendRequest request = new BackendRequest(o.threads(), o.neighbours().method(), new TsneOptions.Repulsion(
                options.tsne().repulsion().method(), o.repulsion().theta()), o.seed());
        return Backends.open(options.backend(), request, shape, listener::note);
    }

    private void closeIfOwned(ComputeBackend backend) {
        if (backend != given) {
            backend.close();
        }
    }

    private RecallProbe probe(TsneOptions o, JobListener listener, boolean approximate) {
        return new RecallProbe(listener, approximate, approximate && options.qualityQueries() > 0, o.seed(),
                o.threads());
    }

    private JobResult finish(Embedding e, Dataset rows, int[] labels, JobResult.BackendUsed used, ScalerChoice scaling,
                             Reduction red, RecallProbe probe) {
        EmbeddingQuality.Quality q = null;
        long q0 = System.nanoTime();
        if (options.qualityQueries() > 0) {
            try (Parallel parallel = new Parallel(e.options().threads())) {
                q = EmbeddingQuality.measure(e, labels, options.qualityQueries(), e.options().seed(), parallel);
            }
        }
        double qualitySeconds = (System.nanoTime() - q0) / 1e9 + probe.seconds();
        JobResult.Times t = new JobResult.Times(red.scaleSeconds(), e.times().pca(), e.times().knn(),
                e.times().affinities(), e.times().optimization(), qualitySeconds);
        String knn = probe.approximate() ? "approximate (random-projection forest and neighbour descent)" : "exact";
        return new JobResult(e, rows, q, used, e.options(), t, scaling, new JobResult.Neighbours(knn, probe.recall(),
                probe.rows()), red.input());
    }

    static JobResult.BackendUsed describe(ComputeBackend b, TsneOptions o) {
        String repulsion = b.repulsionUsed() != null ? b.repulsionUsed() : b.exactRepulsion() ? "exact"
                : switch (o.repulsion().method()) {
            case FFT -> "FFT interpolation, " + FftRepulsion.DEFAULT_NODES + " nodes per interval";
            case ADAPTIVE -> "adaptive: FFT interpolation while the layout is small, then Barnes-Hut, θ "
                    + Numbers.num(o.repulsion().theta());
            case EXACT -> "exact";
            default -> "Barnes-Hut, θ " + Numbers.num(o.repulsion().theta());
        };
        String note = b.repulsionNote();
        if (note != null) {
            repulsion += " (" + note + ")";
        }
        return new JobResult.BackendUsed(b.name(), b.device(), repulsion);
    }

    private static Points points(INDArray m) {
        return new Points(FloatMatrix.toArray(m), (int) m.rows(), (int) m.columns());
    }

    /** Refuses, before any work, a run whose estimate exceeds the heap's share or the machine's memory. */
    static void requireMemory(MemoryEstimate m, int points) {
        long heap = Runtime.getRuntime().maxMemory();
        if (m.heapBytes() > HEAP_SHARE * heap) {
            throw new InsufficientMemoryException(points, m.heapBytes(), heap,
                    InsufficientMemoryException.Resource.HEAP);
        }
        long physical = physicalMemory();
        if (physical > 0 && m.total() + heap / 4 > physical) {
            throw new InsufficientMemoryException(points, m.total(), physical,
                    InsufficientMemoryException.Resource.MACHINE);
        }
    }

    private static long physicalMemory() {
        try {
            Object os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof OperatingSystemMXBean sun) {
                return sun.getTotalMemorySize();
            }
        } catch (LinkageError e) {
            // a runtime without the jdk.management module: no physical check
        }
        return -1;
    }
}
