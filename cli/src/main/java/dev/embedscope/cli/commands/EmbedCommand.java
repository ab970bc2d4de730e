package dev.embedscope.cli.commands;

import dev.embedscope.cli.options.DataOptions;
import dev.embedscope.cli.options.EmbedRunOptions;
import dev.embedscope.cli.options.SampleOption;
import dev.embedscope.cli.options.SplitChoice;
import dev.embedscope.cli.options.ViewOption;
import dev.embedscope.cli.render.ProgressBar;
import dev.embedscope.cli.render.ProgressListener;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.RowSource;
import dev.embedscope.data.Splits;
import dev.embedscope.pipeline.EmbeddingJob;
import dev.embedscope.pipeline.JobResult;
import dev.embedscope.scale.ScalerJson;
import dev.embedscope.scale.Scaling;
import dev.embedscope.util.Sampling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope embed}: t-SNE of a dataset through the one pipeline, with timings, KL and quality. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Project a dataset to 2-D (or 3-D) with t-SNE; write the embedding as NPY (float32 N×dims).")
public final class EmbedCommand implements Callable<Integer> {

    /** Sampled queries of the quality measures. */
    static final int QUALITY_QUERIES = 2000;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "The embedding, float32 N×dims.")
    Path out;

    @Option(names = "--split", paramLabel = "train|test|all", defaultValue = "all",
            description = "Which rows: train, test, or all (train then test; default).")
    String split;

    @Mixin
    EmbedRunOptions run;

    @Option(names = "--first", description = "With --sample: the first N rows instead of a random subset.")
    boolean first;

    @Option(names = "--scale", paramLabel = "S",
            description = "divide:255, standard, minmax, robust, imagenet or none; fitted on the"
            + " training split (default: divide:255 for images, standard for tables).")
    String scale;

    @Option(names = "--scale-column", paramLabel = "NAME=METHOD",
            description = "Another scaling method for one feature (standard, minmax[:a,b], robust, divide:X or "
                    + "none); repeat for several.")
    List<String> scaleColumns = new ArrayList<>();

    @Option(names = "--scaler", paramLabel = "FILE.json",
            description = "A scaler saved by 'scale fit', applied with the encoding, repair and normalisation saved "
                    + "with it, instead of fitting one (--scale).")
    Path scalerFile;

    @Option(names = "--csv", paramLabel = "FILE.csv", description = "Also write the embedding as CSV (with labels).")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png|svg", description = "Also draw the embedding coloured by class.")
    Path plot;

    @Mixin
    ViewOption viewOption;

    @Option(names = "--labels-out", paramLabel = "FILE.npy",
            description = "Also write the embedded rows' labels (int32 NPY), with the class names in "
                    + "FILE.classes.txt.")
    Path labelsOut;

    @Option(names = "--quality", description = "Measure KL, 10-NN preservation, 10-NN accuracy and trustworthiness.")
    boolean quality;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Write the run (options, timings, memory, KL, quality) as JSON.")
    Path json;

    @Option(names = "--stream", paramLabel = "auto|on|off", defaultValue = "auto",
            description = "Stream an uncompressed NPY or IDX images file block by block instead of loading it: "
            + "on, off, or auto (default: when its float copy would take over a quarter of the heap).")
    String stream;

    @Option(names = "--progress", description = "Draw progress bars even when standard error is not a terminal.")
    boolean progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EmbeddingOutputs outputs = new EmbeddingOutputs(out, csv, labelsOut, plot, json, viewOption.file());
        outputs.checkTypes();
        long budget = viewOption.budget();
        run.backend(); // an unknown backend is refused before any work
        long seed = run.seed();
        var job = EmbeddingJob.of(run.job(quality ? QUALITY_QUERIES : 0).build());
        long t0 = System.nanoTime();
        if (scalerFile != null && stream.equals("on")) {
            throw new IllegalArgumentException("--scaler applies to data read whole; leave --stream at auto or off");
        }
        DataOptions.Streamed streamed = scalerFile != null ? null : dataOptions.stream(stream);
        if (streamed != null) {
            if (viewOption.file() != null) {
                throw new IllegalArgumentException("--view needs the rows read whole: add --stream off, or run "
                        + "'view EMB.npy DATA' on the embedding");
            }
            return streamed(streamed, job, outputs, t0);
        }
        if (scalerFile != null && scale != null) {
            throw new IllegalArgumentException("--scaler and --scale: give one (a saved scaler, or a method to fit)");
        }
        ScalerJson.Saved saved = scalerFile == null ? null : ScalerJson.read(scalerFile);
        dataOptions.repairByDefault = saved == null;
        Splits splits = dataOptions.load();
        Views.Points points = points(splits, seed);
        Dataset rows = points.rows();
        Scaling scaling;
        if (saved != null) {
            rows = SavedScaler.apply(saved, scalerFile, rows, dataOptions.data, spec.commandLine().getErr()).rows();
            scaling = Scaling.identity();
        } else {
            scaling = Scaling.fitOn(splits.train(), scale, ScaleCommand.perColumn(scaleColumns));
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        ProgressListener listener = new ProgressListener(spec.commandLine().getErr(), progress
                || ProgressBar.terminal());
        JobResult r;
        try {
            r = job.run(rows, scaling, listener);
        } finally {
            listener.finish();
        }
        EmbeddingOutputs.Source source = EmbeddingOutputs.Source.of(dataOptions.displayName(), r.rows())
                .withView(points, budget, seed, Views.about(spec.commandLine().getParseResult().originalArgs()));
        outputs.write(source, r, loadSeconds, t0, spec.commandLine().getOut());
        return 0;
    }

    /** The run on rows streamed from the file: the same options, a row subset by index, scaling without a copy. */
    private int streamed(DataOptions.Streamed data, EmbeddingJob job, EmbeddingOutputs outputs, long t0)
            throws java.io.IOException {
        try (RowSource all = data.rows()) {
            if (split.equals("test")) {
                throw new IllegalArgumentException("--split test: " + dataOptions.displayName()
                        + " is one file, one split");
            }
            if (!split.equals("all") && !split.equals("train")) {
                throw new IllegalArgumentException("--split: '" + split + "' is not train, test or all");
            }
            Integer size = run.sampleSize(null);
            if (size == null && first) {
                throw new IllegalArgumentException("--first needs --sample N");
            }
            RowSource rows = all;
            int[] labels = data.labels();
            if (size != null && size < all.rows()) {
                int[] picked = first ? java.util.stream.IntStream.range(0, size).toArray()
                        : Sampling.sortedSubset((int) all.rows(), size, new SplittableRandom(run.seed()));
                rows = all.select(java.util.Arrays.stream(picked).asLongStream().toArray());
                if (labels != null) {
                    int[] full = labels;
                    labels = java.util.Arrays.stream(picked).map(i -> full[i]).toArray();
                }
            } else if (size != null) {
                spec.commandLine().getErr().printf("embedscope: note: --sample %,d is not less than the %,d rows of "
                        + "%s: all are used%n", size, all.rows(), all.name());
            }
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            ProgressListener listener = new ProgressListener(spec.commandLine().getErr(), progress
                    || ProgressBar.terminal());
            JobResult r;
            try {
                r = job.run(rows, labels, Scaling.fitOn(rows, scale, run.seed()), listener);
            } finally {
                listener.finish();
            }
            outputs.write(new EmbeddingOutputs.Source(dataOptions.displayName(), labels, data.classNames()), r,
                    loadSeconds, t0, spec.commandLine().getOut());
            return 0;
        }
    }

    /** The rows to embed (as read, in order) with the split and row of each. */
    Views.Points points(Splits splits, long seed) {
        Dataset d;
        List<String> names;
        switch (split) {
            case "all" -> {
                d = splits.hasTest() ? Dataset.concat("train+test", splits.all()) : splits.train();
                names = splits.hasTest() ? List.of("train", "test") : List.of("train");
            }
            case "train", "test" -> {
                d = SplitChoice.pick(splits, split);
                names = List.of(split);
            }
            default -> throw new IllegalArgumentException("--split: '" + split + "' is not train, test or all");
        }
        Integer size = run.sampleSize(null);
        String note = run.sampleNote(d);
        if (note != null) {
            spec.commandLine().getErr().println("embedscope: " + note);
        }
        if (size == null && first) {
            throw new IllegalArgumentException("--first needs --sample N");
        }
        int[] picked;
        if (size == null || size >= d.rows()) {
            picked = null;
        } else if (first) {
            picked = java.util.stream.IntStream.range(0, size).toArray();
        } else {
            picked = SampleOption.rows(d.rows(), size, new SplittableRandom(seed));
        }
        return Views.Points.picked(d, picked, splits.train().rows(), names);
    }
}
