package dev.embedscope.cli.commands;

import dev.embedscope.cli.options.DataOptions;
import dev.embedscope.cli.options.FailOn;
import dev.embedscope.cli.options.ViewOption;
import dev.embedscope.cli.options.EmbedRunOptions;
import dev.embedscope.cli.options.SampleOption;
import dev.embedscope.cli.render.ClassChart;
import dev.embedscope.cli.render.DriftHeatMap;
import dev.embedscope.cli.render.MontageRenderer;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.cli.render.Palette;
import dev.embedscope.cli.render.ProgressBar;
import dev.embedscope.cli.render.ProgressListener;
import dev.embedscope.cli.render.ScatterPlot;
import dev.embedscope.cli.report.CompareReport;
import dev.embedscope.compare.CompareOptions;
import dev.embedscope.compare.Comparison;
import dev.embedscope.compare.FeatureDrift;
import dev.embedscope.compare.Verdict;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.Splits;
import dev.embedscope.pipeline.EmbeddingJob;
import dev.embedscope.pipeline.JobOptions;
import dev.embedscope.scale.Scaling;
import dev.embedscope.stats.FiniteCheck;
import dev.embedscope.tsne.Embedding;
import dev.embedscope.tsne.EmbeddingTransform;
import dev.embedscope.tsne.TransformOptions;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code embedscope compare}: train against test, with drift statistics, leakage, a two-sample test and embeddings. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare the training and test distributions: classes, per-feature "
                + "drift, leakage, a kNN two-sample"
                + " test and embeddings, ending in a verdict in plain words.")
public final class CompareCommand implements Callable<Integer> {

    static final int TOP = 10;

    @Mixin
    DataOptions dataOptions;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TEST",
            description = "The test split (any data the readers accept); omit when TRAIN holds both "
                    + "splits (e.g. fashion-mnist).")
    String testData;

    @Option(names = "--test-labels", paramLabel = "FILE",
            description = "Labels for IDX or NPY test features (IDX or NPY file).")
    Path testLabels;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for the pictures and compare.json.")
    Path dir;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Where to write the JSON report (default DIR/compare.json).")
    Path json;

    @Option(names = "--embed", paramLabel = "transform|joint|none", defaultValue = "transform",
            description = "transform: t-SNE on TRAIN, TEST placed into it (default); joint: "
                    + "both embedded together; none.")
    String embed;

    /** Training rows embedded unless --sample says otherwise; test rows are capped at the same number. */
    static final int DEFAULT_SAMPLE = 10_000;

    @Mixin
    EmbedRunOptions run;

    @Option(names = "--scale", paramLabel = "S",
            description = "divide:255, standard, minmax, robust or none, fitted on TRAIN"
            + " (default: divide:255 for images, standard for tables).")
    String scale;

    @Option(names = "--fail-on", paramLabel = "shift",
            description = "Exit with code 3 (after writing everything) when the verdict finds that the splits differ: "
                    + "a gate for CI pipelines.")
    String failOn;

    @Option(names = "--svg", description = "Also write the charts as SVG.")
    boolean svg;

    @Mixin
    ViewOption viewOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!List.of("transform", "joint", "none").contains(embed)) {
            throw new IllegalArgumentException("--embed: '" + embed + "' is not transform, joint or none");
        }
        run.backend(); // an unknown backend is refused before any work
        FailOn.check(failOn, List.of("shift"));
        long budget = viewOption.budget();
        Path view = viewOption.file();
        if (view != null) {
            Outputs.requireExtension(view, ".html");
            if (embed.equals("none")) {
                throw new IllegalArgumentException("--view needs an embedding: --embed transform or joint");
            }
        }
        int sample = run.sampleSize(DEFAULT_SAMPLE);
        long seed = run.seed();
        PrintWriter out = spec.commandLine().getOut();
        Splits splits = load();
        Dataset train = splits.train();
        Dataset test = splits.test();
        List<String> notes = new ArrayList<>();
        if (train.hasLabels() != test.hasLabels()) {
            notes.add("labels are only in " + (train.hasLabels() ? train.name() : test.name())
                    + ": the class comparison is skipped, features are compared");
            train = withoutLabels(train);
            test = withoutLabels(test);
        }
        Scaling scaling = Scaling.fitOn(train, scale);
        notes.add("scaling " + scaling.choice().spec() + ", fitted on " + train.name() + ": "
                + scaling.choice().reason());
        Dataset a = scaling.apply(train);
        Dataset b = scaling.apply(test);
        FiniteCheck.requireFinite(a, "compare");
        FiniteCheck.requireFinite(b, "compare");
        int t = run.threads();
        long t0 = System.nanoTime();
        Comparison c = Comparison.run(a, b, CompareOptions.defaults().withThreads(t).withSeed(seed));
        JobOptions job = run.job(0)
                .perplexity(JobOptions.PerplexityPolicy.AT_MOST_WHAT_DATA_ALLOWS).build();
        long t1 = System.nanoTime();
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        if (c.classes() != null) {
            written.addAll(chart(ClassChart.chart("Classes: " + a.name() + " vs " + b.name(), List.of(a, b)), "classes",
                    ClassChart.WIDTH, ClassChart.HEIGHT));
        }
        if (a.isImage()) {
            Path heat = dir.resolve("drift.png");
            Outputs.png(heat, DriftHeatMap.render(c.drift().ks(), a.imageShape(), "Per-pixel drift (KS D), "
                    + a.name() + " vs " + b.name(), "KS D", 2 * FeatureDrift.MIN_D));
            written.add(heat);
            if (c.leakage().exactCount() > 0) {
                Path pairs = dir.resolve("leakage.png");
                Outputs.png(pairs, leakageMontage(train, test, c.leakage().exactPairs()));
                written.add(pairs);
            }
        } else {
            written.addAll(chart(topFeatures(c.drift(), a), "drift", ClassChart.WIDTH, ClassChart.HEIGHT));
        }
        double[] embedSeconds = {0};
        if (!embed.equals("none")) {
            long e0 = System.nanoTime();
            written.addAll(embedding(List.of(a, b), List.of(train, test), job, sample, budget));
            embedSeconds[0] = (System.nanoTime() - e0) / 1e9;
        }
        String verdict = Verdict.of(c);
        CompareReport report = CompareReport.of(c, verdict, notes, (t1 - t0) / 1e9, embedSeconds[0], written);
        Path jsonFile = json != null ? json : dir.resolve("compare.json");
        Outputs.json(jsonFile, report);
        written.add(jsonFile);
        report.print(out, c, TOP);
        out.println();
        out.println("Wrote: " + String.join(", ", written.stream().map(Path::toString).toList()));
        if (failOn != null && Verdict.shifted(c)) {
            spec.commandLine().getErr().printf(Locale.ROOT, "embedscope: --fail-on shift: the splits differ; exit code "
                    + "%d%n", FailOn.EXIT_CODE);
            return FailOn.EXIT_CODE;
        }
        return 0;
    }

    private Splits load() throws IOException {
        dataOptions.repairByDefault = true;
        Splits splits = dataOptions.loadPair(testData, testLabels);
        if (!splits.hasTest()) {
            throw new IllegalArgumentException(dataOptions.data + ": holds one split; give the test split as a second"
                    + " argument (compare TRAIN TEST)");
        }
        return splits;
    }

    private static Dataset withoutLabels(Dataset d) {
        return new Dataset(d.name(), d.features(), null, List.of(), d.featureNames(), d.imageShape(), d.sourceType(),
                d.nativeImages());
    }

    private List<Path> chart(JFreeChart chart, String name, int w, int h) throws IOException {
        List<Path> out = new ArrayList<>();
        Path png = dir.resolve(name + ".png");
        Outputs.chart(chart, png, w, h);
        out.add(png);
        if (svg) {
            Path s = dir.resolve(name + ".svg");
            Outputs.chart(chart, s, w, h);
            out.add(s);
        }
        return out;
    }

    /**
     * The 20 most drifting features by KS D, flagged ones (D over the threshold and significant) in red and the
     * rest in grey, with the threshold drawn as a line.
     */
    static JFreeChart topFeatures(FeatureDrift drift, Dataset a) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int[] rank = drift.ranking();
        int shown = Math.min(20, rank.length);
        boolean[] flagged = new boolean[shown];
        for (int r = 0; r < shown; r++) {
            data.addValue(drift.ks()[rank[r]], "KS D", a.featureName(rank[r]));
            flagged[r] = drift.flagged(rank[r]);
        }
        JFreeChart chart = ChartFactory.createBarChart(String.format(Locale.ROOT,
                "Most drifting features (KS D; red: drift, D ≥ %.1f and Benjamini-Hochberg q < %.2f)",
                FeatureDrift.MIN_D, FeatureDrift.ALPHA), "feature", "KS D", data, PlotOrientation.HORIZONTAL, false,
                true, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        org.jfree.chart.renderer.category.BarRenderer renderer = new org.jfree.chart.renderer.category.BarRenderer() {
            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return flagged[column] ? FLAGGED : UNFLAGGED;
            }
        };
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        renderer.setShadowVisible(false);
        chart.getCategoryPlot().setRenderer(renderer);
        org.jfree.chart.plot.ValueMarker threshold = new org.jfree.chart.plot.ValueMarker(FeatureDrift.MIN_D,
                Color.BLACK, new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
        threshold.setLabel(String.format(Locale.ROOT, "threshold D = %.1f", FeatureDrift.MIN_D));
        threshold.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        threshold.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
        chart.getCategoryPlot().addRangeMarker(threshold);
        chart.getCategoryPlot().getRangeAxis().setUpperBound(Math.max(FeatureDrift.MIN_D * 1.5,
                shown == 0 ? 1 : drift.ks()[rank[0]] * 1.1));
        return chart;
    }

    /** Bars of drifting features, and of the others. */
    static final Color FLAGGED = new Color(0xd62728);
    static final Color UNFLAGGED = new Color(0xa0a0a0);

    static BufferedImage leakageMontage(Dataset train, Dataset test, List<int[]> pairs) {
        int m = Math.min(8, pairs.size());
        int[] tr = new int[m];
        int[] te = new int[m];
        for (int i = 0; i < m; i++) {
            tr[i] = pairs.get(i)[0];
            te[i] = pairs.get(i)[1];
        }
        Dataset both = Dataset.concat("pairs", List.of(train.subset(tr), test.subset(te)));
        int[] interleaved = new int[2 * m];
        for (int i = 0; i < m; i++) {
            interleaved[2 * i] = i;
            interleaved[2 * i + 1] = m + i;
        }
        return MontageRenderer.grid(both, interleaved, 4);
    }

    /** The embedding of the scaled splits {@code ab}; {@code raw} are the same splits as read, for the view. */
    private List<Path> embedding(List<Dataset> ab, List<Dataset> raw, JobOptions job, int sample, long budget)
            throws IOException {
        Dataset a = ab.get(0);
        Dataset b = ab.get(1);
        SplittableRandom random = new SplittableRandom(job.tsne().seed());
        int[] ia = SampleOption.rows(a.rows(), sample, random);
        int[] ib = SampleOption.rows(b.rows(), sample, random);
        Dataset ta = ia == null ? a : a.subset(ia);
        Dataset tb = ib == null ? b : b.subset(ib);
        for (Dataset d : List.of(a, b)) {
            String note = run.sampleNote(d);
            if (note != null) {
                spec.commandLine().getErr().println("embedscope: " + note);
            }
        }
        List<Path> out = new ArrayList<>();
        double[] y;
        int[] labels;
        List<String> names;
        Color[] colours;
        String title;
        if (embed.equals("transform")) {
            Embedding e = fit(ta, job);
            double[] placed = EmbeddingTransform.transform(e, tb.features(),
                    TransformOptions.defaults().withThreads(job.tsne().threads()));
            y = new double[e.y().length + placed.length];
            System.arraycopy(e.y(), 0, y, 0, e.y().length);
            System.arraycopy(placed, 0, y, e.y().length, placed.length);
            labels = new int[ta.rows() + tb.rows()];
            boolean classes = tb.hasLabels();
            names = new ArrayList<>();
            names.add(a.name() + " (reference)");
            if (classes) {
                for (String n : tb.classNames()) {
                    names.add(b.name() + ": " + n);
                }
            } else {
                names.add(b.name());
            }
            for (int i = 0; i < tb.rows(); i++) {
                labels[ta.rows() + i] = classes ? tb.labels()[i] + 1 : 1;
            }
            // the reference is the achromatic train colour; each test class keeps its own class colour
            colours = new Color[names.size()];
            colours[0] = Palette.TRAIN;
            for (int c = 1; c < colours.length; c++) {
                colours[c] = classes ? Palette.of(c - 1) : Palette.TEST;
            }
            title = String.format(Locale.ROOT, "%s placed into a t-SNE of %s (N = %,d + %,d)", b.name(),
                    a.name(), ta.rows(), tb.rows());
        } else {
            Dataset joint = Dataset.concat("joint", List.of(withoutLabels(ta), withoutLabels(tb)));
            Embedding e = fit(joint, job);
            y = e.y();
            labels = new int[joint.rows()];
            for (int i = ta.rows(); i < labels.length; i++) {
                labels[i] = 1;
            }
            names = List.of(a.name(), b.name());
            colours = new Color[] {Palette.TRAIN, Palette.TEST};
            title = String.format(Locale.ROOT, "Joint t-SNE of %s and %s (N = %,d + %,d)", a.name(),
                    b.name(), ta.rows(), tb.rows());
        }
        JFreeChart chart = ScatterPlot.chart(title, y, 2, labels, names, colours);
        out.addAll(chart(chart, "embedding-" + embed, ScatterPlot.WIDTH, ScatterPlot.HEIGHT));
        Path view = viewOption.file();
        if (view != null) {
            Dataset ra = ia == null ? raw.get(0) : raw.get(0).subset(ia);
            Dataset rb = ib == null ? raw.get(1) : raw.get(1).subset(ib);
            int[] ids = new int[ta.rows() + tb.rows()];
            byte[] split = new byte[ids.length];
            for (int i = 0; i < ids.length; i++) {
                boolean second = i >= ta.rows();
                int k = second ? i - ta.rows() : i;
                ids[i] = second ? (ib == null ? k : ib[k]) : (ia == null ? k : ia[k]);
                split[i] = (byte) (second ? 1 : 0);
            }
            Views.Points points = new Views.Points(Dataset.concat("train+test", List.of(ra, rb)), ids, split,
                    List.of(a.name(), b.name()));
            Views.write(view, Views.builder(title, y, 2, points, budget, job.tsne().seed()).mode("split")
                    .note(Views.about(spec.commandLine().getParseResult().originalArgs())).build());
            out.add(view);
        }
        return out;
    }

    /** The t-SNE of d (scaled already) through the pipeline. */
    private Embedding fit(Dataset d, JobOptions job) {
        ProgressListener listener = new ProgressListener(spec.commandLine().getErr(), ProgressBar.terminal());
        return EmbeddingJob.of(job).run(d, Scaling.identity(), listener).embedding();
    }
}
