package dev.embedscope.cli;

import dev.embedscope.backend.ComputeBackend;
import dev.embedscope.backend.RunShape;
import dev.embedscope.data.CsvWriter;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.NpyWriter;
import dev.embedscope.data.Splits;
import dev.embedscope.io.AtomicOutput;
import dev.embedscope.quality.EmbeddingQuality;
import dev.embedscope.stats.FiniteCheck;
import dev.embedscope.tsne.Embedding;
import dev.embedscope.tsne.MemoryEstimate;
import dev.embedscope.tsne.Tsne;
import dev.embedscope.tsne.TsneListener;
import dev.embedscope.tsne.TsneOptions;
import dev.embedscope.util.Parallel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope embed}: t-SNE of a dataset (Barnes-Hut or exact), with timings, KL and quality. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Project a dataset to 2-D (or 3-D) with t-SNE; write the embedding as NPY (float32 N×dims).")
final class EmbedCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "The embedding, float32 N×dims.")
    Path out;

    @Option(names = "--split", paramLabel = "train|test|all", defaultValue = "all",
            description = "Which rows: train, test, or all (train then test; default).")
    String split;

    @Option(names = "--sample", paramLabel = "N", description = "Embed a seeded random subset of N rows.")
    Integer sample;

    @Option(names = "--first", description = "With --sample: the first N rows instead of a random subset.")
    boolean first;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--perplexity", paramLabel = "P", defaultValue = "30", description = "Perplexity (default ${DEFAULT-VALUE}); k = 3·P neighbours.")
    double perplexity;

    @Option(names = "--iterations", paramLabel = "I", defaultValue = "1000", description = "Iterations in all (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--early-exaggeration", paramLabel = "E", defaultValue = "12", description = "Early exaggeration (default ${DEFAULT-VALUE}).")
    double earlyExaggeration;

    @Option(names = "--exaggeration-iterations", paramLabel = "I", defaultValue = "250",
            description = "Iterations with early exaggeration (default ${DEFAULT-VALUE}).")
    int exaggerationIterations;

    @Option(names = "--learning-rate", paramLabel = "auto|X", defaultValue = "auto",
            description = "Learning rate; auto = max(N / early exaggeration / 4, 50) (default ${DEFAULT-VALUE}).")
    String learningRate;

    @Option(names = "--theta", paramLabel = "T", defaultValue = "0.5", description = "Barnes-Hut accuracy θ (default ${DEFAULT-VALUE}; 0 = exact).")
    double theta;

    @Option(names = "--method", paramLabel = "bh|exact", defaultValue = "bh", description = "Repulsion: bh (Barnes-Hut) or exact O(N²).")
    String method;

    @Option(names = "--pca", paramLabel = "D", defaultValue = "50", description = "Reduce to D principal components first when there are more features (0: off; default ${DEFAULT-VALUE}).")
    int pca;

    @Option(names = "--dims", paramLabel = "2|3", defaultValue = "2", description = "Output dimensions (default ${DEFAULT-VALUE}).")
    int dims;

    @Mixin
    ThreadsOption threadsOption;

    @Mixin
    BackendOption backendOption;

    @Option(names = "--scale", paramLabel = "S", description = "divide:255, standard, minmax, robust or none; fitted on the training split"
            + " (default: divide:255 for images, standard for tables).")
    String scale;

    @Option(names = "--csv", paramLabel = "FILE.csv", description = "Also write the embedding as CSV (with labels).")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png|svg", description = "Also draw the embedding coloured by class.")
    Path plot;

    @Option(names = "--labels-out", paramLabel = "FILE.npy", description = "Also write the embedded rows' labels (int32 NPY).")
    Path labelsOut;

    @Option(names = "--quality", description = "Measure KL, 10-NN preservation, 10-NN accuracy and trustworthiness.")
    boolean quality;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the run (options, timings, memory, KL, quality) as JSON.")
    Path json;

    @Option(names = "--progress", description = "Draw progress bars even when standard error is not a terminal.")
    boolean progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Outputs.requireExtension(out, ".npy");
        backendOption.check();
        if (plot != null) {
            Outputs.requireExtension(plot, ".png", ".svg");
        }
        if (csv != null) {
            Outputs.requireExtension(csv, ".csv");
        }
        TsneOptions options = options();
        PrintWriter stdout = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Splits splits = dataOptions.load();
        Dataset data = rows(splits);
        long t1 = System.nanoTime();
        Dataset scaled = scale(splits.train(), data);
        FiniteCheck.requireFinite(scaled, "t-SNE");
        long t2 = System.nanoTime();
        checkMemory(scaled, options, pca);
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), progress || ProgressBar.terminal());
        double[] lastKl = {Double.NaN};
        PrintWriter err = spec.commandLine().getErr();
        ComputeBackend compute = backendOption.open(options, RunShape.of(scaled.rows(), scaled.columns(), pca, options), err);
        RunReport.Backend used = RunReport.Backend.of(compute, options);
        Embedding e;
        try (compute) {
            e = Tsne.fit(scaled.features(), pca, options, new TsneListener() {
            @Override
            public void progress(Phase phase, long done, long total) {
                bar.update(phaseName(phase), done, total,
                        phase == Phase.OPTIMIZATION && !Double.isNaN(lastKl[0]) ? String.format(Locale.ROOT, "KL %.4f", lastKl[0]) : null);
            }

            @Override
            public boolean iteration(int it, double kl, double[] y) {
                if (!Double.isNaN(kl)) {
                    lastKl[0] = kl;
                }
                return !Thread.currentThread().isInterrupted();
            }
        }, compute);
        }
        bar.finishLine();
        long t3 = System.nanoTime();
        EmbeddingQuality.Quality q = null;
        if (quality) {
            try (Parallel parallel = new Parallel(options.threads())) {
                q = EmbeddingQuality.measure(e.reference(), e.y(), e.dims(), e.p(), e.kl(), scaled.labels(), 2000, seed, parallel);
            }
        }
        long t4 = System.nanoTime();
        AtomicOutput.write(out, o -> NpyWriter.writeFloat32(e.toFloatMatrix(), o));
        List<Path> written = new ArrayList<>(List.of(out));
        if (csv != null) {
            List<String> names = dims == 3 ? List.of("tsne1", "tsne2", "tsne3") : List.of("tsne1", "tsne2");
            AtomicOutput.write(csv, o -> CsvWriter.write(e.toFloatMatrix(), names, scaled.labels(), scaled.classNames(), o));
            written.add(csv);
        }
        if (labelsOut != null) {
            if (!scaled.hasLabels()) {
                throw new IllegalArgumentException("--labels-out: " + dataOptions.data + " has no labels");
            }
            AtomicOutput.write(labelsOut, o -> NpyWriter.writeInt32(scaled.labels(), o));
            written.add(labelsOut);
        }
        if (plot != null) {
            ScatterPlot.write(ScatterPlot.chart(title(e), e.y(), e.dims(), scaled.labels(), scaled.classNames()), plot);
            written.add(plot);
        }
        long t5 = System.nanoTime();
        RunReport report = RunReport.of(dataOptions.displayName(), scaled, options, used, e, q,
                new RunReport.Times((t1 - t0) / 1e9, (t2 - t1) / 1e9, e.times().pca(), e.times().knn(), e.times().affinities(),
                        e.times().optimization(), (t4 - t3) / 1e9, (t5 - t4) / 1e9, (t5 - t0) / 1e9), written);
        if (json != null) {
            Outputs.json(json, report);
            written.add(json);
        }
        report.print(stdout);
        return 0;
    }

    String title(Embedding e) {
        return String.format(Locale.ROOT, "t-SNE of %s: N = %,d, perplexity %s, KL %.3f%s", dataOptions.displayName(), e.n(),
                Format.num(perplexity), e.kl(), e.dims() == 3 ? " (first two of three dimensions)" : "");
    }

    static String phaseName(TsneListener.Phase phase) {
        return switch (phase) {
            case PCA -> "PCA";
            case KNN -> "kNN";
            case AFFINITIES -> "affinities";
            case OPTIMIZATION -> "optimisation";
        };
    }

    TsneOptions options() {
        double rate;
        if (learningRate.equalsIgnoreCase("auto")) {
            rate = Double.NaN;
        } else {
            try {
                rate = Double.parseDouble(learningRate);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("--learning-rate: '" + learningRate + "' is not a number or auto");
            }
        }
        TsneOptions.Method m = switch (method.toLowerCase(Locale.ROOT)) {
            case "bh", "barnes-hut" -> TsneOptions.Method.BARNES_HUT;
            case "exact" -> TsneOptions.Method.EXACT;
            default -> throw new IllegalArgumentException("--method: '" + method + "' is not bh or exact");
        };
        if (pca < 0) {
            throw new IllegalArgumentException("--pca must be 0 (off) or positive, got " + pca);
        }
        int t = threadsOption.threads();
        return new TsneOptions(perplexity, iterations, earlyExaggeration, Math.min(exaggerationIterations, iterations), rate,
                0.5, 0.8, 0.01, theta, m, dims, seed, t, 50);
    }

    Dataset rows(Splits splits) {
        Dataset d = switch (split) {
            case "all" -> splits.hasTest() ? Dataset.concat("train+test", splits.all()) : splits.train();
            case "train", "test" -> SplitChoice.pick(splits, split);
            default -> throw new IllegalArgumentException("--split: '" + split + "' is not train, test or all");
        };
        if (sample == null || sample >= d.rows()) {
            if (first) {
                throw new IllegalArgumentException("--first needs --sample N");
            }
            return d;
        }
        if (sample < 1) {
            throw new IllegalArgumentException("--sample must be at least 1, got " + sample);
        }
        int[] rows;
        if (first) {
            rows = new int[sample];
            for (int i = 0; i < sample; i++) {
                rows[i] = i;
            }
        } else {
            rows = dev.embedscope.util.Sampling.sortedSubset(d.rows(), sample, new SplittableRandom(seed));
        }
        return d.subset(rows);
    }

    Dataset scale(Dataset train, Dataset data) {
        return Scaling.fitOn(train, scale).apply(data);
    }

    private static void checkMemory(Dataset data, TsneOptions o, int pcaDims) {
        MemoryEstimate m = MemoryEstimate.of(data.rows(), data.columns(), pcaDims, o);
        long heap = Runtime.getRuntime().maxMemory();
        if (m.heapBytes() > 0.9 * heap) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "embedding %,d points needs about %.1f GB of Java heap, but Java may use %.1f GB; raise it with"
                            + " JAVA_OPTS=-Xmx%dg or embed fewer points (--sample N)", data.rows(), m.heapBytes() / 1e9, heap / 1e9,
                    (long) Math.ceil(m.heapBytes() / 0.8 / (1L << 30))));
        }
        long physical = physicalMemory();
        if (physical > 0 && m.total() + heap / 4 > physical) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "embedding %,d points needs about %.1f GB of memory; this machine has %.1f GB; embed fewer points (--sample N)",
                    data.rows(), m.total() / 1e9, physical / 1e9));
        }
    }

    private static long physicalMemory() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return -1;
    }
}
