package dev.embedscope.cli;

import dev.embedscope.backend.BackendRequest;
import dev.embedscope.backend.Backends;
import dev.embedscope.backend.ComputeBackend;
import dev.embedscope.backend.RunShape;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.Splits;
import dev.embedscope.tsne.Embedding;
import dev.embedscope.tsne.Tsne;
import dev.embedscope.tsne.TsneListener;
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
import org.jfree.data.category.DefaultCategoryDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope bench}: t-SNE phase times per backend and size, with the speed-up over the CPU. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time t-SNE on each backend and size (first N rows, /255, PCA 50): kNN, affinities, optimisation,"
                + " iterations and points per second, speed-up over the CPU.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--backends", paramLabel = "LIST", split = ",", defaultValue = "cpu,opencl",
            description = "Backends to time (default ${DEFAULT-VALUE}); one without a device is skipped with a note.")
    List<String> backends;

    @Option(names = "--sizes", paramLabel = "LIST", split = ",", defaultValue = "5000,20000,70000",
            description = "Numbers of points (default ${DEFAULT-VALUE}); sizes above the data are capped.")
    List<Integer> sizes;

    @Option(names = "--data", paramLabel = "fashion-mnist|sample|DATA", defaultValue = "fashion-mnist",
            description = "Data (default ${DEFAULT-VALUE}; train then test rows).")
    String data;

    @Option(names = "--iterations", paramLabel = "I", defaultValue = "1000", description = "Iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Mixin
    ThreadsOption threadsOption;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the table as JSON.")
    Path json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Bar chart of the total time per size and backend.")
    Path plot;

    @Spec
    CommandSpec spec;

    record Row(String backend, String device, int points, double knn, double affinities, double optimization, double total,
               double iterationsPerSecond, double pointsPerSecond, double speedup) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Splits s = DataLoader.load(data, LoadOptions.defaults());
        Dataset all = s.hasTest() ? Dataset.concat("train+test", s.all()) : s.train();
        int t = threadsOption.threads();
        List<Row> rows = new ArrayList<>();
        for (int size : sizes) {
            int n = Math.min(size, all.rows());
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Dataset d = all.subset(idx);
            var x = d.features().div(255f).dup('c');
            TsneOptions o = TsneOptions.defaults().withThreads(t).withIterations(iterations)
                    .withExaggeration(12, Math.min(250, iterations / 4));
            double cpuTotal = Double.NaN;
            for (String b : backends) {
                ComputeBackend backend;
                try {
                    backend = Backends.open(b, BackendRequest.of(o), RunShape.of(n, (int) x.columns(), 50, o),
                            m -> err.println("embedscope: " + m));
                } catch (IllegalArgumentException e) {
                    err.println("embedscope: skipping " + b + ": " + e.getMessage());
                    continue;
                }
                Embedding e;
                String device = backend.device();
                try (backend) {
                    e = Tsne.fit(x, 50, o, TsneListener.NONE, backend);
                }
                double total = e.times().total();
                if (b.equals("cpu")) {
                    cpuTotal = total;
                }
                double opt = e.times().optimization();
                rows.add(new Row(b, device, n, e.times().knn(), e.times().affinities(), opt, total, e.iterations() / opt,
                        (double) n * e.iterations() / opt, Double.isNaN(cpuTotal) ? Double.NaN : cpuTotal / total));
                out.printf(Locale.ROOT, "%-7s %8d points: total %7.2f s (kNN %.2f, affinities %.2f, optimisation %.2f), %.1f it/s%n",
                        b, n, total, e.times().knn(), e.times().affinities(), opt, e.iterations() / opt);
                out.flush();
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%-7s %-34s %8s %9s %9s %9s %9s %12s %8s%n", "backend", "device", "points", "kNN s", "affin. s",
                "optim. s", "it/s", "points·it/s", "speed-up");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-7s %-34s %8d %9.2f %9.2f %9.2f %9.1f %12.3g %8s%n", r.backend(), Format.clip(r.device(), 34),
                    r.points(), r.knn(), r.affinities(), r.optimization(), r.iterationsPerSecond(), r.pointsPerSecond(),
                    Double.isNaN(r.speedup()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.speedup()));
        }
        if (json != null) {
            Outputs.json(json, rows);
        }
        if (plot != null) {
            DefaultCategoryDataset ds = new DefaultCategoryDataset();
            for (Row r : rows) {
                ds.addValue(r.total(), r.backend(), String.format(Locale.ROOT, "%,d", r.points()));
            }
            JFreeChart chart = ChartFactory.createBarChart("t-SNE time per backend", "points", "seconds", ds,
                    PlotOrientation.VERTICAL, true, true, false);
            chart.setBackgroundPaint(Color.WHITE);
            chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
            Outputs.chart(chart, plot, 1000, 600);
        }
        out.flush();
        return 0;
    }
}
