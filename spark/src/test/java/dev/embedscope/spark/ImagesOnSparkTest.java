package dev.embedscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.ImageSize;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.Splits;
import dev.embedscope.stats.DataChecks;
import dev.embedscope.stats.DuplicateRows;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.Finding;
import dev.embedscope.stats.StatsOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encoded images on Spark against the single-machine image-folder reader: a folder tree of PNG files (train/ and
 * test/, one folder per class, one image copied into another class) through the binaryFile source, and the same
 * PNG bytes in a Parquet binary column: equal statistics and findings (row numbers included), and one clear line
 * for an image of another size.
 */
class ImagesOnSparkTest {

    @TempDir
    static Path dir;
    static Path tree;

    static byte[] png(float[] x, int offset) throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < 784; p++) {
            image.getRaster().setSample(p % 28, p / 28, 0, (int) x[offset + p]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @BeforeAll
    static void writeImages() throws IOException {
        Splits sample = FashionMnist.sample();
        tree = dir.resolve("tree");
        List<Row> rows = new ArrayList<>();
        for (Dataset d : sample.all()) {
            float[] x = FloatMatrix.toArray(d.features());
            int n = d.name().equals("train") ? 200 : 100;
            for (int i = 0; i < n; i++) {
                String cls = d.classNames().get(d.labels()[i]).replace('/', '-');
                Path file = tree.resolve(d.name()).resolve(cls).resolve(String.format("img%04d.png", i));
                Files.createDirectories(file.getParent());
                byte[] bytes = png(x, i * 784);
                Files.write(file, bytes);
                rows.add(RowFactory.create(bytes, d.name(), cls));
            }
            if (d.name().equals("train")) {
                // image 3 again, filed under another class: a conflicting duplicate
                String other = d.classNames().get((d.labels()[3] + 1) % 10).replace('/', '-');
                Files.write(tree.resolve("train").resolve(other).resolve("zcopy.png"), png(x, 3 * 784));
            }
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName("test")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            StructType schema = new StructType().add("png", DataTypes.BinaryType).add("split", DataTypes.StringType)
                    .add("kind", DataTypes.StringType);
            spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.resolve("png.parquet").toString());
        } finally {
            spark.stop();
        }
    }

    @Test
    void anImageTreeGivesTheSingleMachineStatisticsAndFindings() throws IOException {
        Splits twin = DataLoader.load(tree.toString(), LoadOptions.defaults());
        Path out = dir.resolve("tree-inspect.json");
        SparkJobsTest.Run r = SparkJobsTest.run("inspect", tree.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Path stats = dir.resolve("tree-stats.json");
        r = SparkJobsTest.run("stats", tree.toString(), "--out", stats.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode inspect = SparkMain.JSON.readTree(out.toFile());
        JsonNode json = SparkMain.JSON.readTree(stats.toFile());
        for (int s = 0; s < 2; s++) {
            Dataset d = twin.all().get(s);
            FeatureStats want = FeatureStatsCalculator.compute(d.features(), StatsOptions.defaults());
            JsonNode split = json.get("splits").get(s);
            assertEquals(d.rows(), split.get("rows").asLong());
            for (int j = 0; j < 784; j++) {
                JsonNode f = split.get("features").get(j);
                assertEquals(d.featureName(j), f.get("name").asText());
                assertEquals(want.zeros(j), f.get("zeros").asLong());
                assertEquals(want.max(j), (float) f.get("max").asDouble());
                assertEquals(want.mean(j), f.get("mean").asDouble(), 1e-9 * Math.max(1, want.mean(j)));
            }
            List<Finding> findings = DataChecks.run(d, want, DuplicateRows.groups(d.features()));
            List<String> got = new ArrayList<>();
            inspect.get("splits").get(s).get("findings").forEach(f -> got.add(f.get("summary").asText()));
            assertEquals(findings.stream().map(Finding::summary).toList(), got);
            for (int c = 0; c < d.classCount(); c++) {
                assertEquals(d.classNames().get(c), inspect.get("splits").get(s).get("classes").get(c).get("name")
                        .asText());
            }
        }
        assertTrue(inspect.toString().contains("carry different labels"), inspect.toString());
    }

    @Test
    void aParquetColumnOfPngBytesReadsAsTheImages() throws IOException {
        Splits sample = FashionMnist.sample();
        Path stats = dir.resolve("png-stats.json");
        SparkJobsTest.Run r = SparkJobsTest.run("stats", dir.resolve("png.parquet").toString(), "--image-column",
                "png", "--no-labels", "--split-column", "split", "--out", stats.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = SparkMain.JSON.readTree(stats.toFile());
        for (int s = 0; s < 2; s++) {
            Dataset d = sample.all().get(s).head(s == 0 ? 200 : 100);
            FeatureStats want = FeatureStatsCalculator.compute(d.features(), StatsOptions.defaults());
            JsonNode split = json.get("splits").get(s);
            assertEquals(d.rows(), split.get("rows").asLong());
            for (int j = 0; j < 784; j++) {
                assertEquals(want.mean(j), split.get("features").get(j).get("mean").asDouble(),
                        1e-9 * Math.max(1, want.mean(j)));
                assertEquals(want.reportedQuantile(j, 2),
                        (float) split.get("features").get(j).get("quantiles").get(2).asDouble());
            }
        }
    }

    @Test
    void anImageOfAnotherSizeIsOneLineOrResampledWhenAsked() throws IOException {
        Path odd = dir.resolve("odd");
        Files.createDirectories(odd.resolve("a"));
        Files.createDirectories(odd.resolve("b"));
        float[] x = FloatMatrix.toArray(FashionMnist.sample().train().features());
        Files.write(odd.resolve("a").resolve("1.png"), png(x, 0));
        Files.write(odd.resolve("b").resolve("2.png"), png(x, 784));
        BufferedImage big = new BufferedImage(30, 30, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(big, "png", odd.resolve("b").resolve("3.png").toFile());
        Path out = dir.resolve("odd.json");
        SparkJobsTest.Run r = SparkJobsTest.run("stats", odd.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("3.png") && r.err().contains("image is 30×30, expected 28×28")
                && r.err().contains("--image-shape 28x28"), r.err());
        assertFalse(Files.exists(out));
        r = SparkJobsTest.run("stats", odd.toString(), "--image-shape", "28x28", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Dataset resized = DataLoader.load(odd.toString(), LoadOptions.defaults().withResize(new ImageSize(28, 28)))
                .train();
        FeatureStats want = FeatureStatsCalculator.compute(resized.features(), StatsOptions.defaults());
        JsonNode f = SparkMain.JSON.readTree(out.toFile()).get("splits").get(0).get("features");
        for (int j = 0; j < 784; j++) {
            assertEquals(want.mean(j), f.get(j).get("mean").asDouble(), 1e-9 * Math.max(1, want.mean(j)));
        }
    }
}
