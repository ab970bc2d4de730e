package dev.embedscope.cli.commands;

import dev.embedscope.cli.options.DataOptions;
import dev.embedscope.cli.options.EmbedRunOptions;
import dev.embedscope.cli.options.SampleOption;
import dev.embedscope.cli.render.ClassChart;
import dev.embedscope.cli.report.ColumnSummary;
import dev.embedscope.cli.render.DriftHeatMap;
import dev.embedscope.cli.render.Format;
import dev.embedscope.cli.render.ColumnCharts;
import dev.embedscope.cli.render.HtmlReport;
import dev.embedscope.cli.render.MissingMatrix;
import dev.embedscope.cli.render.MontageRenderer;
import dev.embedscope.cli.render.ProgressBar;
import dev.embedscope.cli.render.ProgressListener;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.cli.render.ScatterPlot;
import dev.embedscope.audit.Audit;
import dev.embedscope.audit.AuditOptions;
import dev.embedscope.compare.CompareOptions;
import dev.embedscope.compare.Comparison;
import dev.embedscope.compare.FeatureDrift;
import dev.embedscope.compare.Verdict;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.Table;
import dev.embedscope.data.TableColumn;
import dev.embedscope.data.Splits;
import dev.embedscope.io.AtomicOutput;
import dev.embedscope.pipeline.EmbeddingJob;
import dev.embedscope.pipeline.JobOptions;
import dev.embedscope.pipeline.JobResult;
import dev.embedscope.quality.EmbeddingQuality;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.Finding;
import dev.embedscope.stats.FiniteCheck;
import dev.embedscope.stats.Inspection;
import dev.embedscope.scale.ScalerChoice;
import dev.embedscope.scale.Scaling;
import dev.embedscope.stats.StatsOptions;
import dev.embedscope.tsne.Embedding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code embedscope report}: one self-contained HTML file with the findings, statistics, montage,
 * class chart, t-SNE plot, the train/test comparison when there is a test split, and the audit's
 * suspects; each section with its numbers and a sentence of interpretation.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write one self-contained HTML report (images inline, readable offline) to send to a colleague.")
public final class ReportCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TEST",
            description = "A test split to compare with (optional).")
    String testData;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "The HTML file to write.")
    Path out;

    /** Rows embedded unless --sample says otherwise. */
    static final int DEFAULT_SAMPLE = 5000;

    /** Sampled queries of the embedding's quality. */
    static final int QUALITY_QUERIES = 1000;

    @Mixin
    EmbedRunOptions run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Outputs.requireExtension(out, ".html", ".htm");
        run.backend(); // an unknown backend is refused before any work
        int t = run.threads();
        long seed = run.seed();
        JobOptions job = run.job(QUALITY_QUERIES)
                .perplexity(JobOptions.PerplexityPolicy.AT_MOST_WHAT_DATA_ALLOWS).build();
        int sample = run.sampleSize(DEFAULT_SAMPLE);
        dataOptions.repairByDefault = true;
        Splits splits = dataOptions.loadPair(testData, null);
        Dataset train = splits.train();
        Dataset test = splits.test();
        HtmlReport html = new HtmlReport("embedscope report: " + dataOptions.displayName())
                .about(Views.about(spec.commandLine().getParseResult().originalArgs()));
        findings(html, train, test);
        if (train.tabular() != null) {
            columns(html, train);
        }
        statistics(html, train);
        if (train.isImage()) {
            html.section("montage", "Montage");
            html.image("25 random " + train.name() + " images, captioned with their class",
                    MontageCommand.render(train, false, 25, seed));
            html.interpretation("Look before computing: these are the pictures every statistic below summarises.");
        }
        if (train.hasLabels()) {
            List<Dataset> both = test == null ? List.of(train) : List.of(train, test);
            html.section("classes", "Classes");
            html.chart("Class shares per split (counts on the bars)", ClassChart.chart("Class shares", both),
                    ClassChart.WIDTH, ClassChart.HEIGHT);
            long[] counts = train.classCounts();
            long max = Arrays.stream(counts).max().orElse(0);
            long min = Arrays.stream(counts).filter(c -> c > 0).min().orElse(0);
            html.interpretation(String.format(Locale.ROOT,
                    "The largest class of %s has %.1f times as many rows as the smallest%s.",
                    train.name(), min == 0 ? Double.NaN : (double) max / min,
                    max <= 1.5 * min ? ", close enough to balanced that plain accuracy is a fair score"
                            : "; report per-class metrics"));
        }
        Scaling scaling = Scaling.fitOn(train, null);
        Dataset scaledTrain = scaling.apply(train);
        String note = run.sampleNote(train);
        if (note != null) {
            spec.commandLine().getErr().println("embedscope: " + note);
        }
        int[] picked = SampleOption.rows(train.rows(), sample, new SplittableRandom(seed));
        embedding(html, picked == null ? scaledTrain : scaledTrain.subset(picked), job, scaling.choice(),
                Views.Points.picked(train, picked, train.rows(), List.of(train.name())));
        if (test != null) {
            comparison(html, scaledTrain, scaling.apply(test), t);
        }
        if (train.hasLabels()) {
            audit(html, train, scaledTrain, t);
        }
        byte[] bytes = html.html().getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(out, o -> o.write(bytes));
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%,d bytes)%n", out, bytes.length);
        return 0;
    }

    private void findings(HtmlReport html, Dataset train, Dataset test) {
        html.section("findings", "What is wrong with the data");
        List<List<String>> rows = new ArrayList<>();
        for (Dataset d : test == null ? List.of(train) : List.of(train, test)) {
            Inspection in = Inspection.of(d, StatsOptions.defaults());
            for (Finding f : in.findings()) {
                rows.add(List.of(d.name(), f.severity().toString(), f.summary(), f.advice()));
            }
        }
        html.paragraph(String.format(Locale.ROOT, "%s: %,d rows × %,d features%s%s.", train.name(),
                train.rows(), train.columns(),
                train.isImage() ? " (" + train.imageShape() + " images)" : "",
                test == null ? "" : String.format(Locale.ROOT, "; %s: %,d rows", test.name(), test.rows())));
        if (rows.isEmpty()) {
            html.interpretation("No findings: no missing values, constant features, zeros "
                    + "standing for missing values, range"
                    + " problems, class imbalance or duplicate rows.");
        } else {
            html.table(List.of("split", "severity", "finding", "advice"), rows);
            html.interpretation(rows.size() + " finding(s); deal with the ERROR and WARNING ones before training.");
        }
    }

    /** A table's columns: type and values of each, charts of their distributions, the missing-value matrix. */
    private static void columns(HtmlReport html, Dataset train) throws IOException {
        Table t = train.tabular().table();
        html.section("columns", "Columns");
        html.paragraph(String.format(Locale.ROOT, "%s: %d columns read as %s, delimiter %s.", train.name(),
                t.columns().size(), t.encoding().describe(), t.delimiter() == '\t' ? "tab" : "'" + t.delimiter()
                        + "'"));
        List<List<String>> rows = new ArrayList<>();
        for (TableColumn c : t.columns()) {
            rows.add(List.of(c.name(), c.type().label() + (c.given() ? " (given)" : ""), Long.toString(c.missing()),
                    c.distinct() < 0 ? "" : Long.toString(c.distinct()), ColumnSummary.of(c)));
        }
        html.table(List.of("column", "type", "missing", "distinct", "values"), rows);
        html.image("Distribution of each column: histograms of numbers and dates, the most frequent values of "
                + "categories and text", ColumnCharts.render(t));
        html.interpretation("Look for long tails (normalise them), spikes at one value (a default or a placeholder"
                + " for missing) and categories whose bars spell one thing in several ways.");
        html.section("missing", "Missing values");
        long missing = t.columns().stream().mapToLong(TableColumn::missing).sum();
        html.image("Missing cells: one strip per column, rows top to bottom in file order; dark is missing",
                MissingMatrix.render(t));
        html.interpretation(missing == 0 ? "No cell is missing (zeros that stand for missing values are listed "
                + "among the findings)." : String.format(Locale.ROOT, "%,d cells are missing. Strips dark in the "
                + "same rows mean values missing together (one source, one form left blank); dark bands mean rows "
                + "missing by order (a change in how data were collected).", missing));
    }

    private void statistics(HtmlReport html, Dataset train) {
        html.section("statistics", "Statistics");
        FeatureStats s = FeatureStatsCalculator.compute(train.features(), StatsOptions.defaults());
        Inspection.Pooled p = new Inspection(train, s, List.of(), List.of()).pooled();
        html.paragraph(String.format(Locale.ROOT,
                "All %,d values: min %s, max %s, mean %.3f, standard deviation %.3f, %.1f%% zeros,"
                + " %d missing, %d constant feature(s).", p.values(), Format.num(p.min()),
                Format.num(p.max()), p.mean(), p.std(),
                100.0 * p.zeros() / Math.max(1, p.values()), p.missing(), p.constantFeatures()));
        List<List<String>> rows = new ArrayList<>();
        int[] order = IntStream.range(0, s.columns()).boxed()
                .sorted((a, b) -> Double.compare(s.std(b), s.std(a))).mapToInt(Integer::intValue).toArray();
        int shown = Math.min(train.isImage() ? 15 : 50, order.length);
        for (int r = 0; r < shown; r++) {
            int j = order[r];
            rows.add(List.of(train.featureName(j), Format.num(s.min(j)), Format.num(s.median(j)), Format.num(s.max(j)),
                    Format.num(s.mean(j)), Format.num(s.std(j)), Long.toString(s.missing(j)),
                            Long.toString(s.zeros(j))));
        }
        html.table(List.of("feature", "min", "median", "max", "mean", "std", "missing", "zeros"), rows);
        html.interpretation(train.isImage()
                ? "The " + shown + " pixels with the most variation: they carry most of what tells images apart."
                : "Features by decreasing standard deviation; very different spreads call "
                        + "for scaling before distances.");
    }

    private void embedding(HtmlReport html, Dataset d, JobOptions job, ScalerChoice scaling, Views.Points points)
            throws IOException {
        html.section("embedding", "t-SNE embedding");
        html.interpretation("Rows scaled " + scaling.spec() + ", fitted on the training split: " + scaling.reason()
                + ".");
        JobResult r = EmbeddingJob.of(job).run(d, Scaling.identity(),
                new ProgressListener(spec.commandLine().getErr(), ProgressBar.terminal()));
        Embedding e = r.embedding();
        EmbeddingQuality.Quality q = r.quality();
        double perplexity = r.options().perplexity();
        String kl = EmbeddingOutputs.kl(r);
        html.chart("t-SNE of " + String.format(Locale.ROOT, "%,d", d.rows()) + " rows, coloured by class",
                ScatterPlot.chart(String.format(Locale.ROOT, "t-SNE: N = %,d, perplexity %s, %s", d.rows(),
                        Format.num(perplexity), kl), e.y(), 2, d.labels(), d.classNames()), 1200, 900);
        html.table(List.of(q.klExact() ? "KL divergence (exact)" : "KL divergence (estimate)", "10-NN preservation",
                        "10-NN accuracy", "trustworthiness"),
                List.of(List.of(String.format(Locale.ROOT, "%.3f", q.kl()),
                String.format(Locale.ROOT, "%.3f", q.knnPreservation()),
                        Double.isNaN(q.knnAccuracy()) ? "-" : String.format(Locale.ROOT, "%.3f", q.knnAccuracy()),
                        String.format(Locale.ROOT, "%.4f", q.trustworthiness()))));
        html.interpretation(Double.isNaN(q.knnAccuracy())
                ? "Clusters in the plot are groups of rows that are close in the original space."
                : String.format(Locale.ROOT,
                        "A point's 10 nearest neighbours in this picture share its class %.0f%% of the time: the"
                        + " higher, the more the classes separate without any model.", 100 * q.knnAccuracy()));
        html.section("view", "Explore the embedding");
        html.interpretation("The same embedding to point at: hover a point to see its image and row, click to pin "
                + "it, click a class in the legend to hide it (shift-click: only it), drag to pan, wheel to zoom, "
                + "shift-drag to select and count.");
        html.view(Views.builder(String.format(Locale.ROOT, "t-SNE of %,d rows of %s", d.rows(),
                dataOptions.displayName()), e.y(), e.dims(), points, Views.THUMBNAIL_BUDGET / 4, run.seed()).build(),
                "view");
    }

    private void comparison(HtmlReport html, Dataset a, Dataset b, int t) throws IOException {
        html.section("compare", "Train against test");
        Comparison c = Comparison.run(a, b, CompareOptions.defaults().withThreads(t).withSeed(run.seed()));
        html.paragraph(Verdict.of(c));
        List<List<String>> rows = new ArrayList<>();
        if (c.classes() != null) {
            rows.add(List.of("classes (chi-square)",
                    String.format(Locale.ROOT, "p = %.3g, V = %.3f", c.classes().pValue(),
                    c.classes().cramersV()), c.classes().flagged() ? "shift" : "no shift"));
        }
        rows.add(List.of("features (KS, BH-corrected)", c.drift().flaggedCount() + " of " + c.drift().features()
                + " drift",
                c.drift().flaggedCount() > 0 ? "shift" : "no shift"));
        rows.add(List.of("leakage", c.leakage().exactCount() + " exact, " + c.leakage().nearCount()
                + " near duplicates",
                c.leakage().exactCount() > 0 ? "leak" : "none"));
        rows.add(List.of("kNN mixing", String.format(Locale.ROOT, "score %.3f, p = %.3g",
                c.mixing().score(), c.mixing().pValue()),
                c.mixing().flagged() ? "shift" : "no shift"));
        html.table(List.of("check", "result", "verdict"), rows);
        if (a.isImage()) {
            html.image("Per-pixel drift (KS D)", DriftHeatMap.render(c.drift().ks(), a.imageShape(),
                    "Per-pixel drift (KS D)", "KS D",
                    2 * FeatureDrift.MIN_D));
        }
        html.interpretation("A validation score on the test split means what it seems to only "
                + "when these checks find no shift and no leakage.");
    }

    private void audit(HtmlReport html, Dataset raw, Dataset scaled, int t) throws IOException {
        html.section("audit", "Audit: suspects and confusion");
        Audit a = Audit.run(scaled, AuditOptions.defaults().withThreads(t));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(15, a.suspects().length); i++) {
            int r = a.suspects()[i];
            rows.add(List.of(Integer.toString(r), raw.classNames().get(raw.labels()[r]),
                    raw.classNames().get(a.noise().suggested()[r]),
                    String.format(Locale.ROOT, "%.3f", a.noise().score()[r])));
        }
        html.table(List.of("row", "given", "suggested", "score"), rows);
        if (raw.isImage()) {
            int m = Math.min(20, a.suspects().length);
            int[] r = Arrays.copyOf(a.suspects(), m);
            String[] captions = new String[m];
            for (int i = 0; i < m; i++) {
                captions[i] = AuditCommand.suspectCaption(r[i], raw.classNames().get(raw.labels()[r[i]]),
                        raw.classNames().get(a.noise().suggested()[r[i]]));
            }
            html.image("Label-noise suspects: row and given label → what the neighbours say",
                    MontageRenderer.grid(raw, r, 5, captions, 100));
        }
        List<long[]> pairs = a.confusedPairs();
        List<List<String>> conf = new ArrayList<>();
        for (long[] p : pairs.subList(0, Math.min(6, pairs.size()))) {
            conf.add(List.of(raw.classNames().get((int) p[0]), raw.classNames().get((int) p[1]), Long.toString(p[2])));
        }
        html.table(List.of("class", "class", "shared kNN edges"), conf);
        html.interpretation(String.format(Locale.ROOT,
                "Rows whose neighbours all carry another label are worth a second look;"
                + " %d near-duplicate group(s) were found. The most confused pair%s.", a.duplicateGroups().size(),
                pairs.isEmpty() ? "s: none" : " is " + raw.classNames().get((int) pairs.get(0)[0]) + " and "
                        + raw.classNames().get((int) pairs.get(0)[1])));
    }
}
