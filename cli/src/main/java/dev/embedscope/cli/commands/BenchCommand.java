package dev.embedscope.cli.commands;

import dev.embedscope.cli.options.EmbeddingOptions;
import dev.embedscope.cli.options.ThreadsOption;
import dev.embedscope.cli.render.Format;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.cli.render.Palette;
import dev.embedscope.cli.render.ProgressBar;
import dev.embedscope.cli.render.ProgressListener;
import dev.embedscope.backend.Backends;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.Splits;
import dev.embedscope.pipeline.EmbeddingJob;
import dev.embedscope.pipeline.JobOptions;
import dev.embedscope.pipeline.JobResult;
import dev.embedscope.scale.Scaling;
import dev.embedscope.tsne.BackendRequest;
import dev.embedscope.tsne.ComputeBackend;
import dev.embedscope.tsne.CpuBackend;
import dev.embedscope.tsne.RunShape;
import dev.embedscope.tsne.TsneOptions;
import java.awt.Color;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope bench}: t-SNE phase times per backend and size, with the speed-up over the CPU. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time t-SNE on each backend and size (first N rows, default scaling, PCA 50): kNN, affinities,"
                + " optimisation, iterations and points per second, speed-up over the CPU, 10-NN accuracy.")
public final class BenchCommand implements Callable<Integer> {

    /** Sampled queries of the 10-NN accuracy per row. */
    static final int QUALITY_QUERIES = 1000;

    @Option(names = "--backends", paramLabel = "LIST", split = ",", defaultValue = "cpu,opencl",
            description = "Backends to time (default ${DEFAULT-VALUE}); one without a device is skipped with a note.")
    List<String> backends;

    @Option(names = "--sizes", paramLabel = "LIST", split = ",", defaultValue = "5000,20000,70000",
            description = "Numbers of points (default ${DEFAULT-VALUE}); sizes above the data are capped.")
    List<Integer> sizes;

    @Option(names = "--data", paramLabel = "fashion-mnist|sample|DATA", defaultValue = "fashion-mnist",
            description = "Data (default ${DEFAULT-VALUE}; train then test rows).")
    String data;

    @Mixin
    EmbeddingOptions embeddingOptions;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "600",
            description = "Skip a backend at a size when its estimated optimisation time is "
                    + "longer (default ${DEFAULT-VALUE};"
                    + " exact repulsion on a weak OpenCL device can take hours at 70,000 points).")
    double maxSeconds;

    @Mixin
    ThreadsOption threadsOption;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the table as JSON.")
    Path json;

    @Option(names = "--plot", paramLabel = "FILE.png|svg",
            description = "Stacked bar chart of the phase times per size and backend.")
    Path plot;

    @Spec
    CommandSpec spec;

    /**
     * One backend at one size: where it ran, the repulsion and neighbour search used (with the recall@k of an
     * approximate graph on sampled rows, NaN for an exact one), phase seconds, rates and quality.
     */
    record Row(String backend, String device, String repulsion, String neighbours, double recall, int points,
               double pca, double knn, double affinities, double optimization, double total, double iterationsPerSecond,
               double pointsPerSecond, double speedup, double knnAccuracy) {

        Row withSpeedup(double cpuTotal) {
            return new Row(backend, device, repulsion, neighbours, recall, points, pca, knn, affinities, optimization,
                    total, iterationsPerSecond, pointsPerSecond, cpuTotal / total, knnAccuracy);
        }
    }

    /** The repulsion's name without its settings: "Barnes-Hut", "FFT" or "exact". */
    static String repulsionName(String described) {
        String head = described.split(",")[0];
        return head.startsWith("FFT") ? "FFT" : head;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("--max-seconds must be positive, got " + maxSeconds);
        }
        for (int size : sizes) {
            if (size < 2) {
                throw new IllegalArgumentException("--sizes: every size must be at least 2, got " + size);
            }
        }
        List<String> names = backends.stream().map(b -> b.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String b : names) {
            if (!Backends.names().contains(b)) {
                throw new IllegalArgumentException("--backends " + b + ": no such backend on the class path (found: "
                        + String.join(", ", Backends.names()) + ")");
            }
        }
        if (plot != null) {
            Outputs.requireExtension(plot, ".png", ".svg");
        }
        int t = threadsOption.threads();
        Splits s = DataLoader.load(data, LoadOptions.defaults());
        Dataset all = s.hasTest() ? Dataset.concat("train+test", s.all()) : s.train();
        Scaling scaling = Scaling.fitOn(all, null);
        List<Integer> points = sizes.stream().map(size -> Math.min(size, all.rows())).distinct().toList();
        TsneOptions.Builder tsne = embeddingOptions.tsne(1, t);
        if (!embeddingOptions.exaggerationGiven()) {
            // a short run spends a quarter of its iterations exaggerated, as a full one does
            tsne.earlyExaggeration(TsneOptions.defaults().schedule().earlyExaggeration(),
                    Math.min(TsneOptions.defaults().schedule().exaggerationIterations(),
                            embeddingOptions.iterations() / 4));
        }
        TsneOptions base = tsne.build();
        JobOptions job = embeddingOptions.job(base, CpuBackend.NAME, QUALITY_QUERIES)
                .perplexity(JobOptions.PerplexityPolicy.AT_MOST_WHAT_DATA_ALLOWS).build();
        // each backend opened once (its kernels built once), then checked and estimated per size
        List<ComputeBackend> opened = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try {
            for (String b : names) {
                try {
                    opened.add(Backends.open(b, BackendRequest.of(base), null, m -> err.println("embedscope: " + m)));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    err.println("embedscope: skipping " + b + ": " + e.getMessage());
                }
            }
            for (int n : points) {
                rows.addAll(atSize(all.head(n), scaling, job, opened));
            }
        } finally {
            for (ComputeBackend b : opened) {
                b.close();
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("bench: no backend of " + String.join(", ", names) + " could run");
        }
        out.println();
        out.printf(Locale.ROOT, "%-7s %-34s %-10s %-11s %6s %8s %8s %8s %8s %8s %8s %11s %8s %9s%n",
                "backend", "device", "repulsion", "kNN", "recall", "points", "kNN s", "affin. s", "optim. s",
                "total s", "it/s", "points·it/s", "speed-up", "10-NN acc");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-7s %-34s %-10s %-11s %6s %8d %8.2f %8.2f %8.2f %8.2f %8.1f %11.3g %8s %9s%n",
                    r.backend(), Format.clip(r.device(), 34), r.repulsion(), r.neighbours(),
                    Double.isNaN(r.recall()) ? "-" : String.format(Locale.ROOT, "%.3f", r.recall()), r.points(),
                    r.knn(), r.affinities(), r.optimization(), r.total(),
                    r.iterationsPerSecond(), r.pointsPerSecond(),
                    Double.isNaN(r.speedup()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.speedup()),
                    Double.isNaN(r.knnAccuracy()) ? "-" : String.format(Locale.ROOT, "%.3f", r.knnAccuracy()));
        }
        if (json != null) {
            Outputs.json(json, rows);
        }
        if (plot != null) {
            Outputs.chart(chart(rows), plot, 1000, 600);
        }
        out.flush();
        return 0;
    }

    /** The rows embedded on every backend that can take them, with speed-ups over the CPU's row. */
    private List<Row> atSize(Dataset d, Scaling scaling, JobOptions job, List<ComputeBackend> backendsOpen) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int n = d.rows();
        RunShape shape = RunShape.of(n, job.seenFeatures(d.columns()), job.tsneFor(n));
        List<Row> atSize = new ArrayList<>();
        for (ComputeBackend backend : backendsOpen) {
            try {
                double estimate = Backends.preflight(backend, shape, m -> err.println("embedscope: " + m));
                if (estimate > maxSeconds) {
                    err.printf(Locale.ROOT,
                            "embedscope: skipping %s at %d points: the estimate is over --max-seconds %s%n",
                            backend.name(), n, Format.num(maxSeconds));
                    continue;
                }
            } catch (IllegalArgumentException e) {
                err.println("embedscope: skipping " + backend.name() + " at " + n + " points: " + e.getMessage());
                continue;
            }
            // the bench prints its own lines; the job's notes would repeat them
            ProgressListener bars = new ProgressListener(err, ProgressBar.terminal(), false);
            JobResult r;
            try {
                r = EmbeddingJob.on(backend, job).run(d, scaling, bars);
            } finally {
                bars.finish();
            }
            JobResult.Times t = r.seconds();
            double total = t.pca() + t.knn() + t.affinities() + t.optimization();
            double opt = t.optimization();
            int iterations = r.embedding().iterations();
            double accuracy = r.quality() == null ? Double.NaN : r.quality().knnAccuracy();
            JobResult.Neighbours nb = r.neighbours();
            atSize.add(new Row(backend.name(), backend.device(), repulsionName(r.backend().repulsion()),
                    nb.method().split(" ")[0], nb.sampledRows() > 0 ? nb.recall() : Double.NaN, n,
                    t.pca(), t.knn(), t.affinities(), opt, total, iterations / opt,
                    (double) n * iterations / opt, Double.NaN, accuracy));
            out.printf(Locale.ROOT,
                    "%-7s %8d points: total %7.2f s (kNN %.2f, affinities %.2f, optimisation %.2f), %.1f it/s; %s%n",
                    backend.name(), n, total, t.knn(), t.affinities(), opt, iterations / opt,
                    r.backend().repulsion() + " repulsion, " + nb.method() + " neighbours");
            out.flush();
        }
        double cpuTotal = atSize.stream().filter(r -> r.backend().equals("cpu")).mapToDouble(Row::total).findFirst()
                .orElse(Double.NaN);
        return atSize.stream().map(r -> r.withSpeedup(cpuTotal)).toList();
    }

    /** One stacked bar per size and backend: its PCA, kNN, affinities and optimisation times, in that order. */
    static JFreeChart chart(List<Row> rows) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (Row r : rows) {
            String category = String.format(Locale.ROOT, "%,d · %s", r.points(), r.backend());
            ds.addValue(r.pca(), "PCA", category);
            ds.addValue(r.knn(), "kNN", category);
            ds.addValue(r.affinities(), "affinities", category);
            ds.addValue(r.optimization(), "optimisation", category);
        }
        JFreeChart chart = ChartFactory.createStackedBarChart("t-SNE time per backend and size",
                "points · backend", "seconds",
                ds, PlotOrientation.VERTICAL, true, true, false);
        List<String> devices = new ArrayList<>();
        for (Row r : rows) {
            String line = r.backend() + ": " + r.device() + " (" + r.repulsion() + " repulsion)";
            if (!devices.contains(line)) {
                devices.add(line);
            }
        }
        chart.addSubtitle(new TextTitle(String.join("; ", devices)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(new Color(0xdddddd));
        Color[] colours = {new Color(0x9e9e9e), Palette.of(0), Palette.of(1), Palette.of(2)};
        for (int i = 0; i < colours.length; i++) {
            chart.getCategoryPlot().getRenderer().setSeriesPaint(i, colours[i]);
        }
        ((BarRenderer) chart.getCategoryPlot().getRenderer())
                .setBarPainter(new StandardBarPainter());
        return chart;
    }
}
