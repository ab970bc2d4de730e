package dev.embedscope.cli.commands;

import dev.embedscope.cli.render.Format;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.cli.render.ScatterPlot;
import dev.embedscope.cli.report.RunReport;
import dev.embedscope.data.CsvWriter;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.NpyWriter;
import dev.embedscope.io.AtomicOutput;
import dev.embedscope.knn.Points;
import dev.embedscope.pipeline.JobResult;
import dev.embedscope.tsne.Embedding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes what an embedding job made, for {@code embed} and {@code demo}: the NPY (float32 N×dims),
 * and when asked the CSV with labels, the labels as NPY, the scatter plot, and the run report as
 * JSON; then prints the report.
 *
 * @param csv, labels, plot, json null when not asked for
 */
record EmbeddingOutputs(Path npy, Path csv, Path labels, Path plot, Path json, Path view) {

    /**
     * The embedded rows' data name, labels (null when none) and class names, and for the view the rows as read with
     * the thumbnail budget, seed and the line saying what made it (null when there is no view to draw).
     */
    record Source(String name, int[] labels, List<String> classNames, Views.Points points, long budget, long seed,
                  String about) {
        Source(String name, int[] labels, List<String> classNames) {
            this(name, labels, classNames, null, 0, 0, null);
        }

        static Source of(String name, Dataset rows) {
            return new Source(name, rows.labels(), rows.classNames());
        }

        Source withView(Views.Points rows, long thumbnailBudget, long thumbnailSeed, String madeBy) {
            return new Source(name, labels, classNames, rows, thumbnailBudget, thumbnailSeed, madeBy);
        }

        boolean hasLabels() {
            return labels != null;
        }
    }

    /** Writes the files, then prints the run report (load seconds and the start time for its table). */
    void write(Source rows, JobResult r, double loadSeconds, long startNanos, PrintWriter out) throws IOException {
        long w0 = System.nanoTime();
        Embedding e = r.embedding();
        String dataName = rows.name();
        Points positions = e.positions();
        AtomicOutput.write(npy, o -> NpyWriter.writeFloat32(matrix(positions), o));
        List<Path> written = new ArrayList<>(List.of(npy));
        if (csv != null) {
            List<String> names = e.dims() == 3 ? List.of("tsne1", "tsne2", "tsne3") : List.of("tsne1", "tsne2");
            AtomicOutput.write(csv, o -> CsvWriter.write(matrix(positions), names,
                    rows.labels(), rows.classNames(), o));
            written.add(csv);
        }
        if (labels != null) {
            if (!rows.hasLabels()) {
                throw new IllegalArgumentException("--labels-out: " + dataName + " has no labels");
            }
            written.add(labels);
            written.add(LabelFiles.write(labels, rows.labels(), rows.classNames()));
        }
        if (plot != null) {
            ScatterPlot.write(ScatterPlot.chart(title(dataName, r), e.y(), e.dims(),
                    rows.labels(), rows.classNames()), plot);
            written.add(plot);
        }
        if (view != null) {
            if (rows.points() == null) {
                throw new IllegalArgumentException("--view needs the rows read whole");
            }
            Views.write(view, Views.builder(title(dataName, r), e.y(), e.dims(), rows.points(), rows.budget(),
                    rows.seed()).note(rows.about()).build());
            written.add(view);
        }
        long w1 = System.nanoTime();
        RunReport report = RunReport.of(dataName, r, new RunReport.Wall(loadSeconds, (w1 - w0) / 1e9,
                (w1 - startNanos) / 1e9), written);
        if (json != null) {
            Outputs.json(json, report);
            written.add(json);
        }
        report.print(out);
    }

    /** Checks the files' types before any work. */
    void checkTypes() {
        Outputs.requireExtension(npy, ".npy");
        if (plot != null) {
            Outputs.requireExtension(plot, ".png", ".svg");
        }
        if (csv != null) {
            Outputs.requireExtension(csv, ".csv");
        }
        if (view != null) {
            Outputs.requireExtension(view, ".html");
        }
    }

    static String title(String dataName, JobResult r) {
        Embedding e = r.embedding();
        return String.format(Locale.ROOT, "t-SNE of %s: N = %,d, perplexity %s, %s%s", dataName, e.n(),
                Format.num(r.options().perplexity()), kl(r), e.dims() == 3 ? " (first two of three dimensions)" : "");
    }

    /**
     * The one KL a run's figures and tables show, saying which it is: the exact KL of the final embedding when
     * the quality was measured exactly, else the optimiser's estimate at its last measured iteration.
     */
    static String kl(JobResult r) {
        if (r.quality() != null) {
            return String.format(Locale.ROOT, "%s %.3f", r.quality().klExact() ? "exact KL" : "KL estimate",
                    r.quality().kl());
        }
        return String.format(Locale.ROOT, "KL estimate %.3f", r.embedding().kl());
    }

    private static INDArray matrix(Points p) {
        return FloatMatrix.of(p.values(), p.n(), p.d());
    }
}
