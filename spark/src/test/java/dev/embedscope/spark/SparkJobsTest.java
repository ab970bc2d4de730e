package dev.embedscope.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.Splits;
import dev.embedscope.compare.CompareOptions;
import dev.embedscope.compare.Comparison;
import dev.embedscope.compare.Verdict;
import dev.embedscope.linalg.Pca;
import dev.embedscope.scale.ScalerChoice;
import dev.embedscope.stats.DataChecks;
import dev.embedscope.stats.DuplicateRows;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.Finding;
import dev.embedscope.stats.Inspection;
import dev.embedscope.stats.StatsOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;

/**
 * The Spark jobs on local[2] against their single-machine twins, on the embedded Fashion-MNIST sample written to
 * Parquet by the test (an image column of integers, labels, a split column), with two rows of the training split
 * made copies of another under a different label: statistics equal (counts, extremes, missing and zeros exactly,
 * moments to 1e-9, quantiles exactly: the sketches stay exact on pixels), the same findings, and a projection
 * equal to the in-memory PCA's, read back by the single-machine loader.
 */
class SparkJobsTest {

    @TempDir
    static Path dir;
    static Path parquet;
    static Splits twin;

    @BeforeAll
    static void writeInputs() throws IOException {
        Splits sample = FashionMnist.sample();
        Dataset train = withCopies(sample.train());
        twin = new Splits(train, sample.test());
        parquet = dir.resolve("fm.parquet");
        writeParquet(twin, parquet);
        // a test split that holds 200 training rows besides its own, some of them twice, and loses its Dresses
        int[] copied = new int[200];
        for (int i = 0; i < copied.length; i++) {
            copied[i] = i * 9;
        }
        Dataset leaky = Dataset.concat("test", List.of(twin.test(), train.subset(copied), train.subset(copied)
                .head(20)));
        int[] keep = java.util.stream.IntStream.range(0, leaky.rows()).filter(i -> leaky.labels()[i] != 3).toArray();
        leakySplits = new Splits(train, leaky.subset(keep));
        leakyParquet = dir.resolve("leaky.parquet");
        writeParquet(leakySplits, leakyParquet);
        Files.writeString(dir.resolve("classes.txt"), String.join("\n", FashionMnist.CLASS_NAMES) + "\n");
    }

    static Path leakyParquet;
    static Splits leakySplits;

    private static void writeParquet(Splits splits, Path where) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("test")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            StructType schema = new StructType().add("image", DataTypes.createArrayType(DataTypes.IntegerType))
                    .add("label", DataTypes.IntegerType).add("split", DataTypes.StringType);
            List<Row> rows = new ArrayList<>();
            for (Dataset d : splits.all()) {
                float[] x = FloatMatrix.toArray(d.features());
                for (int i = 0; i < d.rows(); i++) {
                    int[] image = new int[d.columns()];
                    for (int j = 0; j < image.length; j++) {
                        image[j] = (int) x[i * d.columns() + j];
                    }
                    rows.add(RowFactory.create(image, d.labels()[i], d.name()));
                }
            }
            // three files of row groups of 256 KiB, read back in several partitions (see run) and not in file
            // order (Spark packs files by size), so that merging partial results and numbering rows are exercised
            var jsc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
            spark.createDataFrame(jsc.parallelize(rows, 3), schema).write().option("parquet.block.size", 1 << 18)
                    .parquet(where.toString());
        } finally {
            spark.stop();
        }
    }

    /** The training split with rows 17 and 1200 made copies of row 5, row 1200 under another label. */
    private static Dataset withCopies(Dataset d) {
        INDArray x = d.features().dup();
        x.putRow(17, x.getRow(5));
        x.putRow(1200, x.getRow(5));
        int[] labels = d.labels().clone();
        labels[17] = labels[5];
        labels[1200] = (labels[5] + 1) % 10;
        return new Dataset("train", x, labels, d.classNames(), d.featureNames(), d.imageShape(), d.sourceType());
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("--master", "local[2]", "--conf",
                    "spark.sql.files.maxPartitionBytes=262144"));
            all.addAll(List.of(args));
            int code = new CommandLine(new SparkMain()).execute(all.toArray(new String[0]));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static String[] input() {
        return new String[] {parquet.toString(), "--image-column", "image", "--image-shape", "28x28",
                "--split-column", "split", "--classes", dir.resolve("classes.txt").toString()};
    }

    private static String[] with(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void statsEqualTheSingleMachineStatistics() throws IOException {
        Path out = dir.resolve("stats.json");
        Run r = run(with(with(new String[] {"stats"}, input()), "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode json = SparkMain.JSON.readTree(out.toFile());
        assertEquals("fm", json.get("data").asText());
        for (int s = 0; s < 2; s++) {
            Dataset d = twin.all().get(s);
            FeatureStats expected = FeatureStatsCalculator.compute(d.features(), StatsOptions.defaults());
            JsonNode split = json.get("splits").get(s);
            assertEquals(d.name(), split.get("name").asText());
            assertEquals(d.rows(), split.get("rows").asLong());
            JsonNode features = split.get("features");
            assertEquals(784, features.size());
            List<FeatureStats.ColumnSummary> want = expected.summaries(d.allFeatureNames());
            for (int j = 0; j < 784; j++) {
                JsonNode f = features.get(j);
                FeatureStats.ColumnSummary w = want.get(j);
                assertEquals(w.name(), f.get("name").asText());
                assertEquals(w.count(), f.get("count").asLong());
                assertEquals(w.missing(), f.get("missing").asLong());
                assertEquals(w.zeros(), f.get("zeros").asLong());
                assertEquals(w.min(), (float) f.get("min").asDouble());
                assertEquals(w.max(), (float) f.get("max").asDouble());
                assertEquals(expected.mean(j), f.get("mean").asDouble(),
                        1e-9 * Math.max(1, Math.abs(expected.mean(j))));
                assertEquals(expected.std(j), f.get("std").asDouble(), 1e-9 * Math.max(1, expected.std(j)));
                for (int q = 0; q < FeatureStats.RANKS.length; q++) {
                    assertEquals(expected.reportedQuantile(j, q), (float) f.get("quantiles").get(q).asDouble(),
                            "feature " + j + " quantile " + q);
                }
            }
        }
    }

    @Test
    void inspectFindsWhatTheSingleMachineChecksFind() throws IOException {
        Path out = dir.resolve("inspect.json");
        Run r = run(with(with(new String[] {"inspect"}, input()), "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode json = SparkMain.JSON.readTree(out.toFile());
        for (int s = 0; s < 2; s++) {
            Dataset d = twin.all().get(s);
            FeatureStats stats = FeatureStatsCalculator.compute(d.features(), StatsOptions.defaults());
            List<int[]> groups = DuplicateRows.groups(d.features());
            List<Finding> expected = DataChecks.run(d, stats, groups);
            JsonNode split = json.get("splits").get(s);
            assertEquals(groups.size(), split.get("duplicateGroups").asInt());
            List<String> got = new ArrayList<>();
            split.get("findings").forEach(f -> got.add(f.get("severity").asText() + " " + f.get("summary").asText()));
            List<String> want = expected.stream().map(f -> f.severity() + " " + f.summary()).toList();
            assertEquals(want, got);
            Inspection.Pooled pooled = Inspection.pooled(stats);
            JsonNode p = split.get("pooled");
            assertEquals(pooled.values(), p.get("values").asLong());
            assertEquals(pooled.zeros(), p.get("zeros").asLong());
            assertEquals(pooled.max(), (float) p.get("max").asDouble());
            assertEquals(pooled.mean(), p.get("mean").asDouble(), 1e-9 * pooled.mean());
            assertEquals(pooled.std(), p.get("std").asDouble(), 1e-9 * pooled.std());
            assertEquals("28×28", split.get("imageShape").asText().replace("x", "×"));
            long[] counts = d.classCounts();
            for (int c = 0; c < counts.length; c++) {
                assertEquals(counts[c], split.get("classes").get(c).get("count").asLong());
                assertEquals(d.classNames().get(c), split.get("classes").get(c).get("name").asText());
            }
        }
        // the injected copies: one group of three in train, one conflicting label
        String train = json.get("splits").get(0).get("findings").toString();
        assertTrue(train.contains("rows 5 (") && train.contains("1200 ("), train);
    }

    /** The single-machine verdict's clauses, less the kNN mixing test's (not run on the cluster). */
    private static List<String> singleMachineFindings(Splits splits) {
        Comparison c = Comparison.run(splits.train(), splits.test(), CompareOptions.defaults());
        return Verdict.found(c).stream().filter(f -> !f.startsWith("the splits do not mix")).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void compareGivesTheSingleMachineVerdict() throws IOException {
        for (Path input : new Path[] {parquet, leakyParquet}) {
            Splits splits = input == parquet ? twin : leakySplits;
            Path out = dir.resolve(input.getFileName() + "-compare.json");
            Run r = run("compare", input.toString(), "--image-column", "image", "--image-shape", "28x28",
                    "--split-column", "split", "--classes", dir.resolve("classes.txt").toString(), "--out",
                    out.toString());
            assertEquals(0, r.code(), r.err());
            JsonNode json = SparkMain.JSON.readTree(out.toFile());
            assertEquals(singleMachineFindings(splits), texts(json.get("found")));
            Comparison c = Comparison.run(splits.train(), splits.test(), CompareOptions.defaults());
            assertEquals(c.leakage().exactCount(), json.get("exactCopies").asInt());
            for (int i = 0; i < c.leakage().exactCount(); i++) {
                assertEquals(c.leakage().exactPairs().get(i)[0], json.get("exactPairs").get(i).get(0).asLong());
                assertEquals(c.leakage().exactPairs().get(i)[1], json.get("exactPairs").get(i).get(1).asLong());
            }
            assertEquals(0, json.get("largestKsError").asDouble());
            for (int j = 0; j < 784; j++) {
                assertEquals(c.drift().ks()[j], json.get("drift").get(j).get("ks").asDouble(), 1e-12);
                assertEquals(c.drift().psi()[j], json.get("drift").get(j).get("psi").asDouble(), 1e-9);
            }
            assertEquals(c.classes().chiSquare(), json.get("classes").get("chiSquare").asDouble(),
                    1e-9 * c.classes().chiSquare());
            assertTrue(json.get("verdict").asText().contains("Not run here: the kNN mixing test"));
        }
        // the leaky split: copies found, Dresses missing, and --fail-on shift says so with exit code 3
        JsonNode leaky = SparkMain.JSON.readTree(dir.resolve("leaky.parquet-compare.json").toFile());
        assertTrue(leaky.get("exactCopies").asInt() > 150, leaky.get("exactCopies").asText());
        assertTrue(leaky.get("verdict").asText().contains("only in train: Dress"), leaky.get("verdict").asText());
        Run r = run("compare", leakyParquet.toString(), "--image-column", "image", "--split-column", "split",
                "--fail-on", "shift", "--out",
                dir.resolve("fail-on.json").toString());
        assertEquals(3, r.code(), r.err());
    }

    @Test
    void projectionEqualsTheInMemoryPcaAndEmbedReadsIt() throws IOException {
        Path out = dir.resolve("projected");
        Run r = run(with(with(new String[] {"project"}, input()), "--out", out.toString(), "--components", "50"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fitted on train (2000 rows"), r.out());
        try (var shards = Files.list(out.resolve("train"))) {
            assertTrue(shards.filter(p -> p.toString().endsWith(".rows.npy")).count() > 1, "one partition only");
        }
        Splits read = DataLoader.load(out.toString(), LoadOptions.defaults());
        Pca pca = Pca.fit(twin.train().features(), 50);
        assertEquals(FashionMnist.CLASS_NAMES, read.train().classNames());
        // embed knows the shards for principal components and leaves their variances alone
        assertEquals("PC1", read.train().featureName(0));
        assertEquals("none", ScalerChoice.of(read.train(), FeatureStatsCalculator.compute(read.train().features(),
                StatsOptions.defaults())).spec());
        for (int s = 0; s < 2; s++) {
            Dataset d = twin.all().get(s);
            Dataset got = read.all().get(s);
            assertEquals(d.name(), got.name());
            assertArrayEquals(d.labels(), got.labels());
            float[] want = FloatMatrix.toArray(pca.transform(d.features()));
            float[] have = FloatMatrix.toArray(got.features());
            assertEquals(want.length, have.length);
            // well-separated leading components agree coordinate by coordinate (relative to their spread)
            for (int c = 0; c < 10; c++) {
                double tol = 1e-3 * Math.sqrt(pca.variances()[c]);
                for (int i = 0; i < d.rows(); i++) {
                    assertEquals(want[i * 50 + c], have[i * 50 + c], tol, "row " + i + " component " + c);
                }
            }
            // all 50 span the same subspace: each row's squared length in it agrees
            for (int i = 0; i < d.rows(); i++) {
                double a = 0;
                double b = 0;
                for (int c = 0; c < 50; c++) {
                    a += want[i * 50 + c] * (double) want[i * 50 + c];
                    b += have[i * 50 + c] * (double) have[i * 50 + c];
                }
                assertEquals(a, b, 1e-3 * a + 1e-3, "row " + i);
            }
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().contains("_temporary")));
        }
    }

    @Test
    void convertWritesParquetThatReadsWithoutOptions() throws IOException {
        Path converted = dir.resolve("converted");
        Run r = run("convert", "sample", "--out", converted.toString(), "--partitions", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(converted.resolve("_classes.txt")));
        Path out = dir.resolve("converted-inspect.json");
        // the image column, its shape, the split column and the class names are recorded: no options needed
        r = run("inspect", converted.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = SparkMain.JSON.readTree(out.toFile());
        Splits sample = FashionMnist.sample();
        for (int s = 0; s < 2; s++) {
            Dataset d = sample.all().get(s);
            List<Finding> expected = DataChecks.run(d, FeatureStatsCalculator.compute(d.features(),
                    StatsOptions.defaults()), DuplicateRows.groups(d.features()));
            List<String> got = new ArrayList<>();
            json.get("splits").get(s).get("findings").forEach(f -> got.add(f.get("summary").asText()));
            assertEquals(expected.stream().map(Finding::summary).toList(), got);
            assertEquals(d.classNames().get(3), json.get("splits").get(s).get("classes").get(3).get("name").asText());
            assertEquals("uint8", json.get("splits").get(s).get("sourceType").asText());
        }
        r = run("convert", "sample", "--out", converted.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("already exists"), r.err());
    }

    @Test
    void aDamagedParquetFileIsOneLineAndNoOutput() throws IOException {
        Path bad = dir.resolve("damaged.parquet");
        Files.write(bad, "PAR1 this is not a parquet file at all PAR1".getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve("never.json");
        Run r = run("stats", bad.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(bad.toString()) && r.err().contains("Parquet"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aMissingColumnIsOneLineNamingTheColumns() throws IOException {
        Path out = dir.resolve("never2.json");
        Run r = run("inspect", parquet.toString(), "--image-column", "image", "--label-column", "class", "--out",
                out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no label column 'class' (columns: image, label, split)"), r.err());
        assertFalse(Files.exists(out));
        Path proj = dir.resolve("never-projected");
        r = run("project", parquet.toString(), "--image-column", "pixels", "--out", proj.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no image column 'pixels'"), r.err());
        assertFalse(Files.exists(proj));
    }
}
