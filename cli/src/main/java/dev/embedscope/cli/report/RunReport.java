package dev.embedscope.cli.report;

import dev.embedscope.cli.render.Format;
import dev.embedscope.pipeline.JobResult;
import dev.embedscope.quality.EmbeddingQuality;
import dev.embedscope.scale.ScalerChoice;
import dev.embedscope.tsne.Embedding;
import dev.embedscope.tsne.TsneOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What an embedding run did, printed as a table and written as JSON. */
public record RunReport(String data, int points, int features, String input, int dims, TsneOptions options,
                        JobResult.BackendUsed backend, JobResult.Neighbours neighbours, ScalerChoice scaling,
                        double learningRate, int pcaDims,
                        double pcaExplainedVariance, int iterations, double kl,
                        Times seconds, double peakRssMb, EmbeddingQuality.Quality quality, List<String> outputs) {

    /** Wall-clock seconds per phase. */
    public record Times(double load, double scale, double pca, double knn, double affinities, double optimization,
                        double quality, double write, double total) {
    }

    /** Seconds the command spent around the job: loading, writing, and its whole run. */
    public record Wall(double load, double write, double total) {
    }

    /** The report of {@code r}, a job on the rows of {@code data}, which wrote {@code written}. */
    public static RunReport of(String data, JobResult r, Wall wall, List<Path> written) {
        Embedding e = r.embedding();
        JobResult.Times t = r.seconds();
        return new RunReport(data, e.n(), r.input().features(), r.input().how(), e.dims(),
                r.options(), r.backend(), r.neighbours(), r.scaling(), r.options().schedule().learningRateFor(e.n()),
                e.pca() == null ? 0 : e.pca().dimensions(), e.explainedVariance(), e.iterations(), e.kl(),
                new Times(wall.load(), t.scale(), t.pca(), t.knn(), t.affinities(), t.optimization(), t.quality(),
                        wall.write(), wall.total()), measurePeakRssMb(), r.quality(),
                written.stream().map(Path::toString).toList());
    }

    /** Peak resident set size of this process (VmHWM), or the JVM's heap high-water mark where /proc is missing. */
    public static double measurePeakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1048576.0;
    }

    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "t-SNE of %s: %,d points × %,d features → %d-D%s%n", data, points, features, dims,
                pcaDims > 0 ? String.format(Locale.ROOT, " (PCA to %d dims keeps %.1f%% of the variance)", pcaDims,
                        100 * pcaExplainedVariance) : "");
        out.printf(Locale.ROOT, "  perplexity %s, %s repulsion, learning rate %s, %d iterations, seed %d%n",
                Format.num(options.perplexity()), backend.repulsion(),
                Format.num(learningRate), iterations, options.seed());
        out.printf(Locale.ROOT, "  scaling %s: %s%n", scaling.spec(), scaling.reason());
        if (input.equals(JobResult.Input.STREAMED)) {
            out.printf(Locale.ROOT, "  rows %s%n", input);
        }
        out.printf(Locale.ROOT, "  neighbours %s%s%n", neighbours.method(), neighbours.sampledRows() == 0 ? ""
                : String.format(Locale.ROOT, "; recall@%d %.4f on %,d sampled rows", options.k(), neighbours.recall(),
                        neighbours.sampledRows()));
        out.printf(Locale.ROOT, "  backend %s: %s%n", backend.name(), backend.device());
        out.println();
        out.println("  phase           seconds");
        row(out, "load", seconds.load());
        row(out, "scale", seconds.scale());
        row(out, "PCA", seconds.pca());
        row(out, "kNN", seconds.knn());
        row(out, "affinities", seconds.affinities());
        row(out, "optimisation", seconds.optimization());
        if (quality != null) {
            row(out, "quality", seconds.quality());
        }
        row(out, "write", seconds.write());
        row(out, "total", seconds.total());
        out.println();
        out.printf(Locale.ROOT, "  peak memory %.0f MB; final KL %.4f%n", peakRssMb, kl);
        if (quality != null) {
            out.printf(Locale.ROOT, "  KL divergence      %.4f (%s)%n", quality.kl(), quality.klExact() ? "exact"
                    : "the optimiser's estimate");
            out.printf(Locale.ROOT, "  10-NN preservation %.3f%n", quality.knnPreservation());
            if (!Double.isNaN(quality.knnAccuracy())) {
                out.printf(Locale.ROOT, "  10-NN accuracy     %.3f (%s)%n", quality.knnAccuracy(),
                        quality.accuracyPoints() >= points ? String.format(Locale.ROOT, "all %,d points", points)
                                : String.format(Locale.ROOT, "%,d sampled queries", quality.accuracyPoints()));
            }
            out.printf(Locale.ROOT, "  trustworthiness    %.4f%s%n", quality.trustworthiness(),
                    quality.queries() < points ? String.format(Locale.ROOT,
                    " (%,d sampled queries)", quality.queries()) : "");
        }
        out.println("  wrote " + String.join(", ", outputs));
        out.flush();
    }

    private static void row(PrintWriter out, String name, double s) {
        out.printf(Locale.ROOT, "  %-14s %8.2f%n", name, s);
    }
}
