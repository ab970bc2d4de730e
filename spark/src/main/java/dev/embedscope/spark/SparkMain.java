package dev.embedscope.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.embedscope.data.DataFormatException;
import dev.embedscope.data.ImageShape;
import dev.embedscope.compare.ClassShift;
import dev.embedscope.compare.FeatureDrift;
import dev.embedscope.compare.SketchDrift;
import dev.embedscope.compare.Verdict;
import dev.embedscope.io.AtomicOutput;
import dev.embedscope.stats.DataChecks;
import dev.embedscope.stats.DatasetFacts;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.Finding;
import dev.embedscope.stats.Inspection;
import dev.embedscope.stats.RowGroup;
import dev.embedscope.stats.StatsOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code embedscope-spark}: the data-parallel commands (stats, inspect, project) as Spark jobs over Parquet or
 * NPY shards, writing what the single-machine commands write. Bad input is one line and exit code 2; no
 * output is left behind.
 */
@Command(name = "embedscope-spark", mixinStandardHelpOptions = true, version = "embedscope-spark 0.1.0",
        subcommands = {SparkMain.Stats.class, SparkMain.Inspect.class, SparkMain.Compare.class,
                SparkMain.Project.class, SparkMain.Convert.class},
        description = "Statistics, findings and the PCA projection of a dataset too large for one machine.")
public final class SparkMain implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, or "
            + "local[*] when run outside spark-submit).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable), as "
            + "spark-submit's --conf.")
    java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();

    @Option(names = "--verbose", description = "Print the stack trace of a failure.")
    boolean verbose;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    SparkSession session(String job) {
        SparkSession.Builder b = SparkSession.builder().appName("embedscope " + job);
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        b.config("spark.ui.enabled", "false");
        conf.forEach(b::config);
        return b.getOrCreate();
    }

    /** What every command reads: the input and how its columns are meant. */
    static final class InputOptions {
        @Parameters(index = "0", paramLabel = "INPUT", description = "Parquet file or folder, or a folder of NPY "
                + "shards (part-*.npy; train/ and test/ sub-folders for two splits).")
        String input;

        @Option(names = "--image-column", paramLabel = "NAME", description = "Parquet column holding each image "
                + "as an array of numbers (default: every numeric column is a feature).")
        String imageColumn;

        @Option(names = "--image-shape", paramLabel = "HxW[xC]", description = "Shape of the flattened images "
                + "(names features pixel (r,c), as the single-machine commands do).")
        String imageShape;

        @Option(names = "--label-column", paramLabel = "NAME", defaultValue = "label",
                description = "Column of class indexes or names (default: ${DEFAULT-VALUE}).")
        String labelColumn;

        @Option(names = "--no-labels", description = "The input has no label column.")
        boolean noLabels;

        @Option(names = "--split-column", paramLabel = "NAME", description = "Column naming each row's split "
                + "(train, test, ...).")
        String splitColumn;

        @Option(names = "--classes", paramLabel = "FILE", description = "Class names, one per line, in label order.")
        Path classes;

        InputSpec spec() throws IOException {
            InputSpec s = InputSpec.of(input).withLabelColumn(noLabels ? null : labelColumn)
                    .withSplitColumn(splitColumn);
            if (imageColumn != null || imageShape != null) {
                s = s.withImageColumn(imageColumn, imageShape == null ? null : parseShape(imageShape));
            }
            if (classes != null) {
                if (!Files.isRegularFile(classes)) {
                    throw new DataFormatException(classes + ": no such file (--classes names a file of class names)");
                }
                s = s.withClassNames(Files.readAllLines(classes, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank()).toList());
            }
            return s;
        }

        static ImageShape parseShape(String text) throws DataFormatException {
            String[] p = text.toLowerCase(Locale.ROOT).split("x");
            try {
                if (p.length == 2 || p.length == 3) {
                    return new ImageShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]),
                            p.length == 3 ? Integer.parseInt(p[2]) : 1);
                }
            } catch (IllegalArgumentException e) {
                // phrased below
            }
            throw new DataFormatException("--image-shape " + text + ": expected HxW or HxWxC, e.g. 28x28");
        }
    }

    static Source open(SparkSession spark, InputSpec spec) throws IOException {
        return open(spark, spec, Numbering.IDS);
    }

    /** Opens the input; {@code numbered}: with row numbers (see {@link ParquetInput#open}). */
    static Source open(SparkSession spark, InputSpec spec, Numbering numbering) throws IOException {
        if (!HadoopFiles.exists(spec.path())) {
            throw new DataFormatException(spec.path() + ": no such file or folder");
        }
        if (ShardInput.looksLikeShards(spec.path())) {
            return ShardInput.open(spark, spec);
        }
        if (ImageTreeInput.looksLikeImageTree(spec.path())) {
            return ImageTreeInput.open(spark, spec, numbering);
        }
        return ParquetInput.open(spark, spec, numbering);
    }

    /**
     * The source with its blocks kept once read (memory, else local disk), for commands that read them more than
     * once: the later passes skip reading and decoding the input again (about a second of inspect's 13 on
     * Fashion-MNIST); Spark frees them when the session stops.
     */
    static Source kept(Source source) {
        source.blocks().persist(StorageLevel.MEMORY_AND_DISK());
        return source;
    }

    /** The source with row numbers: positions numbered from the kept blocks, or as it came. */
    static Source numbered(Source source) {
        return source.positional() ? RowNumbers.of(source).number(source) : source;
    }

    /** A command's work, given its Spark session. */
    interface Job {
        String run(SparkSession spark) throws IOException;
    }

    /** With --verbose, says on standard error how long a phase took (since the previous call). */
    void phase(String what) {
        long now = System.nanoTime();
        if (verbose) {
            System.err.printf(Locale.ROOT, "embedscope-spark: %s %.1f s%n", what, (now - lastPhase) / 1e9);
        }
        lastPhase = now;
    }

    private long lastPhase = System.nanoTime();

    int execute(String name, Job job) {
        SparkSession spark = null;
        try {
            phase("started the JVM");
            spark = session(name);
            phase("started Spark");
            System.out.println(job.run(spark));
            return 0;
        } catch (Exception e) {
            DataFormatException fact = SparkErrors.dataFault(e);
            String line = fact != null ? fact.getMessage() : e instanceof IOException
                    || e instanceof IllegalArgumentException ? e.getMessage()
                    : "internal error: " + SparkErrors.firstLine(e) + " (run with --verbose for details)";
            System.err.println("embedscope-spark " + name + ": " + line);
            if (verbose) {
                e.printStackTrace(new PrintWriter(System.err, true));
            }
            return fact != null || e instanceof IOException || e instanceof IllegalArgumentException ? 2 : 1;
        } finally {
            if (spark != null) {
                spark.stop();
                phase("stopped Spark");
            }
        }
    }

    /** What every job over an input has: the top command (Spark settings, --verbose) and the input options. */
    abstract static class InputJob {
        @CommandLine.ParentCommand
        SparkMain main;
        @Mixin
        InputOptions input;
    }

    /** The JSON of {@code stats}: the single-machine command's shape. */
    record StatsReport(String data, double[] quantileRanks, List<SplitJson> splits) {
    }

    record SplitJson(String name, long rows, List<FeatureStats.ColumnSummary> features) {
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Per-feature statistics of each split, as the single-machine stats command's JSON.")
    static final class Stats extends InputJob implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The JSON file to write.")
        Path out;

        @Override
        public Integer call() {
            return main.execute("stats", spark -> {
                Source source = open(spark, input.spec(), Numbering.NONE);
                main.phase("opened the input");
                List<SplitStatistics.Split> splits = SplitStatistics.compute(source, StatsOptions.defaults());
                main.phase("computed the statistics");
                List<SplitJson> json = new ArrayList<>();
                for (SplitStatistics.Split s : splits) {
                    json.add(new SplitJson(s.name(), s.stats().rows(), s.stats().summaries(source.featureNames())));
                }
                AtomicOutput.write(out, o -> JSON.writeValue(o, new StatsReport(source.name(), FeatureStats.RANKS,
                        json)));
                return "wrote statistics of " + source.columns() + " feature(s) in " + splits.size()
                        + " split(s) to " + out;
            });
        }
    }

    /** The JSON of {@code inspect}: per split its size, classes, pooled counts, statistics and findings. */
    record InspectReport(String data, List<InspectSplit> splits) {
    }

    record InspectSplit(String name, long rows, int features, String imageShape, String sourceType,
                        List<ClassCount> classes, Inspection.Pooled pooled,
                        List<FeatureStats.ColumnSummary> featureStats,
                        List<Finding> findings, int duplicateGroups) {
    }

    record ClassCount(String name, long count, double share) {
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Statistics, class counts, duplicate rows and findings of each split, as JSON.")
    static final class Inspect extends InputJob implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The JSON file to write.")
        Path out;

        @Override
        public Integer call() {
            return main.execute("inspect", spark -> {
                Source opened = kept(open(spark, input.spec(), Numbering.POSITIONS));
                main.phase("opened the input");
                List<SplitStatistics.Split> splits = SplitStatistics.compute(opened, StatsOptions.defaults());
                main.phase("computed the statistics");
                Source source = numbered(opened);
                List<String> classes = SplitStatistics.classNames(source, splits);
                List<List<RowGroup>> duplicates = DuplicateSearch.within(source);
                main.phase("searched for duplicate rows");
                List<InspectSplit> json = new ArrayList<>();
                int findings = 0;
                for (int s = 0; s < splits.size(); s++) {
                    SplitStatistics.Split sp = splits.get(s);
                    List<Finding> f = findings(source, sp, classes, duplicates.get(s));
                    findings += f.size();
                    List<ClassCount> counts = new ArrayList<>();
                    for (int c = 0; c < sp.classCounts().length; c++) {
                        counts.add(new ClassCount(classes.get(c), sp.classCounts()[c],
                                (double) sp.classCounts()[c] / Math.max(1, sp.stats().rows())));
                    }
                    json.add(new InspectSplit(sp.name(), sp.stats().rows(), source.columns(),
                            source.imageShape() == null ? null : source.imageShape().toString(),
                            source.type().toString(),
                            counts, Inspection.pooled(sp.stats()),
                            source.image() ? null : sp.stats().summaries(source.featureNames()), f,
                            duplicates.get(s).size()));
                }
                AtomicOutput.write(out, o -> JSON.writeValue(o, new InspectReport(source.name(), json)));
                return "wrote " + findings + " finding(s) on " + splits.size() + " split(s) to " + out;
            });
        }
    }

    /** The findings of one split, by the engine's checks on facts gathered across the cluster. */
    static List<Finding> findings(Source source, SplitStatistics.Split split, List<String> classes,
                                  List<RowGroup> duplicates) {
        DatasetFacts facts = new DatasetFacts(split.name(), split.stats().rows(), source.featureNames(),
                source.image(), source.type(), classes, source.labelled() ? split.classCounts() : null);
        return DataChecks.run(facts, split.stats(), duplicates);
    }

    /** The JSON of {@code compare}. */
    record CompareJson(String data, String train, String test, String verdict, List<String> found, boolean shifted,
                       ClassShiftJson classes, List<DriftRow> drift, int driftingFeatures, double largestKsError,
                       String approximation, int exactCopies, List<long[]> exactPairs, List<String> notRun) {
    }

    record ClassShiftJson(List<String> classes, long[] trainCounts, long[] testCounts, double chiSquare, int dof,
                          double pValue, double cramersV, boolean flagged) {
    }

    /** One feature's drift; {@code meanShift} is null where the feature is constant in training. */
    record DriftRow(String name, double ks, double ksError, double pValue, double qValue, double psi,
                    Double meanShift, boolean constantInTrain, boolean flagged) {
    }

    /** Pairs listed in the JSON at most (all are counted). */
    static final int LISTED_PAIRS = 1000;

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Training against test split: class shift, per-feature drift (KS, PSI) from mergeable "
                    + "sketches, test rows copied from training, and the verdict, as JSON.")
    static final class Compare extends InputJob implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The JSON file to write.")
        Path out;
        @Option(names = "--train", defaultValue = "train", paramLabel = "SPLIT",
                description = "The training split's name (default: ${DEFAULT-VALUE}).")
        String train;
        @Option(names = "--test", defaultValue = "test", paramLabel = "SPLIT",
                description = "The test split's name (default: ${DEFAULT-VALUE}).")
        String test;
        @Option(names = "--fail-on", paramLabel = "shift", description = "Exit with code 3 when the verdict finds "
                + "a shift (for scripts and CI).")
        String failOn;

        @Override
        public Integer call() {
            if (failOn != null && !failOn.equals("shift")) {
                System.err.println("embedscope-spark compare: --fail-on " + failOn + ": expected shift");
                return 2;
            }
            boolean[] shifted = new boolean[1];
            int code = main.execute("compare", spark -> {
                Source opened = kept(open(spark, input.spec(), Numbering.POSITIONS));
                main.phase("opened the input");
                List<SplitStatistics.Split> splits = SplitStatistics.compute(opened, StatsOptions.defaults());
                main.phase("computed the statistics");
                List<String> names = splits.stream().map(SplitStatistics.Split::name).toList();
                if (!names.contains(train) || !names.contains(test)) {
                    throw new DataFormatException(input.input + ": no split '" + (names.contains(train) ? test : train)
                            + "' (splits: " + String.join(", ", names) + "); name them with --train and"
                            + " --test, or the split column with --split-column");
                }
                Source source = numbered(opened);
                int a = source.split(train);
                int b = source.split(test);
                List<String> classes = SplitStatistics.classNames(source, splits);
                SplitStatistics.Split ta = splits.get(names.indexOf(train));
                SplitStatistics.Split tb = splits.get(names.indexOf(test));
                ClassShift cs = source.labelled() ? ClassShift.of(classes, java.util.Arrays.copyOf(ta.classCounts(),
                        classes.size()), java.util.Arrays.copyOf(tb.classCounts(), classes.size())) : null;
                SketchDrift.Result drift = SketchDrift.compute(ta.stats(), tb.stats());
                List<long[]> copies = DuplicateSearch.across(source, a, b);
                main.phase("searched for copies across the splits");
                Verdict.Parts parts = new Verdict.Parts(train, test, source.featureNames(), classes, cs, null,
                        drift.drift(), copies.size(), null, null);
                List<String> found = Verdict.found(parts);
                shifted[0] = !found.isEmpty();
                List<DriftRow> rows = new ArrayList<>();
                FeatureDrift fd = drift.drift();
                for (int j = 0; j < fd.features(); j++) {
                    double m = fd.meanShift()[j];
                    rows.add(new DriftRow(source.featureNames().get(j), fd.ks()[j], drift.ksError()[j],
                            fd.pValue()[j], fd.qValue()[j], fd.psi()[j], Double.isInfinite(m) ? null : m,
                            Double.isInfinite(m), fd.flagged(j)));
                }
                String approximation = drift.largestKsError() == 0 ? "exact: every feature's sketches held its "
                        + "distinct values, so KS, PSI and their p-values are those of the rows"
                        : String.format(Locale.ROOT, "KS statistics of features with more distinct values than the "
                        + "sketches hold exactly are within their ksError (largest %.4f) of the rows' figures; PSI "
                        + "bins are cut at sketched deciles", drift.largestKsError());
                CompareJson json = new CompareJson(source.name(), train, test, Verdict.of(parts), found, shifted[0],
                        cs == null ? null : new ClassShiftJson(cs.classes(), cs.trainCounts(), cs.testCounts(),
                                cs.chiSquare(), cs.dof(), cs.pValue(), cs.cramersV(), cs.flagged()),
                        rows, fd.flaggedCount(), drift.largestKsError(), approximation, copies.size(),
                        copies.subList(0, Math.min(LISTED_PAIRS, copies.size())),
                        List.of("kNN mixing test", "near duplicates"));
                AtomicOutput.write(out, o -> JSON.writeValue(o, json));
                return json.verdict() + "\nwrote the comparison to " + out;
            });
            return code == 0 && failOn != null && shifted[0] ? 3 : code;
        }
    }

    @Command(name = "project", mixinStandardHelpOptions = true,
            description = "PCA fitted on the training split across the cluster; every row projected, written as "
                    + "NPY shards that embedscope embed reads.")
    static final class Project extends InputJob implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to create.")
        String out;
        @Option(names = "--components", defaultValue = "50", paramLabel = "K",
                description = "Principal components to keep (default: ${DEFAULT-VALUE}).")
        int components;

        @Override
        public Integer call() {
            return main.execute("project", spark -> {
                if (HadoopFiles.exists(out)) {
                    throw new DataFormatException(out + ": already exists; projections go to a new folder (remove "
                            + "it, or name another with --out)");
                }
                Source source = kept(open(spark, input.spec()));
                int train = Math.max(0, source.split("train"));
                if (components < 1 || components > source.columns()) {
                    throw new DataFormatException("--components " + components + ": expected 1 to "
                            + source.columns() + " (the input has " + source.columns() + " features)");
                }
                main.phase("opened the input");
                DistributedPca.refuseTooWide(source.columns());
                DistributedPca.Fit fit = DistributedPca.fit(source, train, components);
                main.phase("fitted the PCA");
                List<String> classes = source.classNames();
                if (source.labelled() && classes.isEmpty()) {
                    classes = SplitStatistics.classNames(source, SplitStatistics.compute(source,
                            StatsOptions.defaults().withSketches(false)));
                }
                ProjectionWriter.write(source, fit, train, classes, out);
                main.phase("projected and wrote every row");
                return String.format(Locale.ROOT, "projected %d split(s) onto %d components fitted on %s (%d rows, "
                        + "%.1f%% of the variance) into %s", source.splits().size(), components,
                        source.splits().get(train), fit.rows(), 100 * fit.explainedVariance(), out);
            });
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Writes IDX images (sample, fashion-mnist, or a folder of IDX files) as Parquet the other "
                    + "commands read: image, label and split columns, class names in _classes.txt.")
    static final class Convert implements Callable<Integer> {
        @CommandLine.ParentCommand
        SparkMain main;
        @Parameters(index = "0", paramLabel = "DATA", description = "sample, fashion-mnist, or a folder of IDX files.")
        String data;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The Parquet folder to create.")
        String out;
        @Option(names = "--partitions", defaultValue = "8", paramLabel = "N",
                description = "Parquet files to write (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Override
        public Integer call() {
            return main.execute("convert", spark -> ParquetExport.write(spark, data, out, Math.max(1, partitions)));
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkMain()).execute(args));
    }
}
