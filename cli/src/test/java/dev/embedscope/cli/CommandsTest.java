package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.cli.render.Outputs;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embedscope.data.ByteSource;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.NpyReader;
import dev.embedscope.data.Splits;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command through {@code Main.run}, asserting output, files and exit codes. */
class CommandsTest {

    @TempDir
    Path dir;

    static JsonNode json(Path p) throws IOException {
        return Outputs.JSON.readTree(p.toFile());
    }

    @Test
    void demoWritesAndListsItsFiles() throws IOException {
        Path out = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"inspect.json", "montage.png", "montage-per-class.png",
                "classes.png", "embedding.npy",
            "embedding.png", "embedding.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
            assertTrue(r.out().contains(out.resolve(f).toString()), f);
        }
        assertTrue(r.out().contains("train: 2,000 rows × 784 features, 28×28 images, uint8, 10 classes"), r.out());
        BufferedImage montage = ImageIO.read(out.resolve("montage.png").toFile());
        assertEquals(6 + 5 * (84 + 6), montage.getWidth()); // 5 columns of 28×3 pixels
        assertEquals(2000, json(out.resolve("inspect.json")).get("splits").get(0).get("rows").asInt());
        assertEquals("", r.err());
        assertTrue(json(out.resolve("embedding.json")).get("quality").get("knnAccuracy").asDouble() > 0.7);
        // demo and embed run the one pipeline: with the same defaults, the same bytes
        Path embedded = dir.resolve("embed.npy");
        CliRun e = CliRun.of("embed", "sample", "--quality", "--out", embedded.toString(), "--json",
                dir.resolve("embed.json").toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(-1, Files.mismatch(embedded, out.resolve("embedding.npy")), "demo and embed differ");
        assertEquals(json(out.resolve("embedding.json")).get("quality"),
                json(dir.resolve("embed.json")).get("quality"));
    }

    @Test
    void inspectTableFindsZerosStandingForMissingValues() throws IOException {
        Path csv = dir.resolve("clinic.csv");
        StringBuilder sb = new StringBuilder("patient,blood_pressure,children,outcome\n");
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < 400; i++) {
            int bp = i % 17 == 0 ? 0 : (int) Math.round(72 + 12 * rnd.nextGaussian());
            sb.append("p").append(i).append(',').append(bp).append(',').append(rnd.nextInt(4)).append(',')
                    .append(i % 3 == 0 ? "ill" : "healthy").append('\n');
        }
        Files.writeString(csv, sb);
        Path json = dir.resolve("inspect.json");
        CliRun r = CliRun.of("inspect", csv.toString(), "--label-column", "outcome", "--ignore-columns", "patient",
                "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("WARNING 1 feature(s) use 0 where a value is probably "
                + "missing: blood_pressure: 24 zeros"),
                r.out());
        assertFalse(r.out().contains("children: "), r.out());
        JsonNode split = json(json).get("splits").get(0);
        assertEquals("blood_pressure", split.get("featureStats").get(0).get("name").asText());
        assertEquals(24, split.get("featureStats").get(0).get("zeros").asInt());
        assertEquals("ZEROS_AS_MISSING", split.get("findings").get(0).get("check").asText());
    }

    @Test
    void badInputIsOneLineWithExitCode1AndNoOutputFile() throws IOException {
        Path bad = dir.resolve("train-images-idx3-ubyte");
        Files.write(bad, new byte[] {0, 0, 8, 2, 0, 0, 0, 1});
        Path json = dir.resolve("out.json");
        CliRun r = CliRun.of("inspect", bad.toString(), "--json", json.toString());
        assertEquals(1, r.code());
        assertEquals("embedscope: " + bad + ": byte 0: IDX magic 0x00000802 is not an unsigned-byte image file"
                + " (expected 0x00000803)\n", r.err());
        assertFalse(Files.exists(json));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count()); // no temporary file left either
        }
        CliRun verbose = CliRun.of("inspect", bad.toString(), "--verbose");
        assertEquals(1, verbose.code());
        assertTrue(verbose.err().contains("at dev.embedscope.data.DataLoader"), verbose.err());

        CliRun missing = CliRun.of("stats", dir.resolve("nope.csv").toString(), "--out", json.toString());
        assertEquals(1, missing.code());
        assertEquals("embedscope: " + dir.resolve("nope.csv") + ": no such file or folder\n", missing.err());

        CliRun unwritable = CliRun.of("stats", "sample", "--out", dir.resolve("no/such/dir/s.json").toString());
        assertEquals(1, unwritable.code());
        assertEquals("embedscope: " + dir.resolve("no/such/dir/s.json") + ": cannot write, folder "
                + dir.resolve("no/such/dir")
                + " does not exist\n", unwritable.err());
    }

    @Test
    void raggedCsvThroughTheCommandLine() throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "a,b\n1,2\n3\n");
        CliRun r = CliRun.of("inspect", csv.toString());
        assertEquals(1, r.code());
        assertEquals("embedscope: " + csv + ": line 3: row has 1 fields, expected 2 (from the header)\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void statsJsonMatchesTheData() throws IOException {
        Path out = dir.resolve("stats.json");
        CliRun r = CliRun.of("stats", "sample", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode splits = json(out).get("splits");
        assertEquals(2, splits.size());
        JsonNode f = splits.get(0).get("features");
        assertEquals(784, f.size());
        Splits s = DataLoader.load("sample", LoadOptions.defaults());
        float[] x = FloatMatrix.toArray(s.train().features());
        int j = 14 * 28 + 14;
        double sum = 0;
        for (int i = 0; i < 2000; i++) {
            sum += x[i * 784 + j];
        }
        assertEquals(sum / 2000, f.get(j).get("mean").asDouble(), 1e-9);
        assertEquals("pixel (14,14)", f.get(j).get("name").asText());
        assertTrue(f.get(j).get("quantilesExact").asBoolean());
    }

    @Test
    void scaleFitOnTrainApplyToTest() throws IOException {
        Path scaler = dir.resolve("scaler.json");
        CliRun fit = CliRun.of("scale", "fit", "sample", "--method", "standard", "--out", scaler.toString());
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().startsWith("fitted a standard scaler on train (2,000 rows × 784 features)"), fit.out());
        Path scaled = dir.resolve("test.npy");
        Path labels = dir.resolve("labels.npy");
        CliRun apply = CliRun.of("scale", "apply", "sample", "--scaler", scaler.toString(), "--split", "test", "--out",
                scaled.toString(), "--labels-out", labels.toString());
        assertEquals(0, apply.code(), apply.err());
        Splits s = FashionMnist.sample();
        float[] train = FloatMatrix.toArray(s.train().features());
        float[] test = FloatMatrix.toArray(s.test().features());
        float[] got = FloatMatrix.toArray(NpyReader.readFeatures(ByteSource.of(scaled)).matrix());
        assertEquals(test.length, got.length);
        for (int j : new int[] {0, 100, 406, 783}) {
            double mean = 0;
            for (int i = 0; i < 2000; i++) {
                mean += train[i * 784 + j];
            }
            mean /= 2000;
            double var = 0;
            for (int i = 0; i < 2000; i++) {
                var += (train[i * 784 + j] - mean) * (train[i * 784 + j] - mean);
            }
            double sd = var > 0 ? Math.sqrt(var / 2000) : 1;
            for (int i = 0; i < 500; i += 37) {
                assertEquals((test[i * 784 + j] - mean) / sd, got[i * 784 + j], 1e-4, "row " + i + " feature " + j);
            }
        }
        assertArrayEquals(s.test().labels(), NpyReader.readLabels(ByteSource.of(labels)));

        CliRun noSplit = CliRun.of("scale", "apply", "sample", "--scaler",
                scaler.toString(), "--out", scaled.toString());
        assertEquals(1, noSplit.code());
        assertEquals("embedscope: the data has a train and a test split; choose one with --split train|test\n",
                noSplit.err());
        Path other = dir.resolve("other.npy");
        CliRun badScaler = CliRun.of("scale", "apply", "sample", "--split", "test", "--scaler",
                dir.resolve("x.json").toString(),
                "--out", other.toString());
        assertEquals(1, badScaler.code());
        assertFalse(Files.exists(other));
    }

    @Test
    void montageAndClassesPictures() throws IOException {
        Path m = dir.resolve("m.png");
        CliRun r = CliRun.of("montage", "sample", "--count", "9", "--seed", "4", "--out", m.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(m.toFile());
        assertEquals(6 + 3 * 90, img.getWidth());
        assertEquals(6 + 3 * (84 + 18 + 6), img.getHeight());
        Path svg = dir.resolve("c.svg");
        CliRun c = CliRun.of("classes", "sample", "--out", svg.toString());
        assertEquals(0, c.code(), c.err());
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg") && text.contains(">Class shares: Fashion-MNIST sample<")
                && text.contains(">test<"), text.substring(0, 200));
        long[] counts = dev.embedscope.data.DataLoader.load("sample", dev.embedscope.data.LoadOptions.defaults())
                .test().classCounts();
        for (long k : counts) {
            assertTrue(text.contains(">" + String.format("%,d", k) + "<"), "the count " + k + " is on its bar");
        }

        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        CliRun notImages = CliRun.of("montage", csv.toString(), "--out", m.toString());
        assertEquals(1, notImages.code());
        assertTrue(notImages.err().contains("montage needs image data"), notImages.err());
        CliRun wrongType = CliRun.of("classes", "sample", "--out", dir.resolve("c.gif").toString());
        assertEquals(1, wrongType.code());
        assertTrue(wrongType.err().contains("unsupported output type (expected .png or .svg)"), wrongType.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] cmd : new String[][] {{"inspect"}, {"stats"}, {"scale", "fit"}, {"scale", "apply"}, {"montage"},
            {"classes"}, {"embed"}, {"plot"}, {"compare"}, {"audit"}, {"label"}, {"report"}, {"demo"}}) {
            String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
            args[cmd.length] = "--help";
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code());
            assertTrue(r.out().startsWith("Usage: embedscope " + String.join(" ", cmd)), r.out());
        }
        CliRun usage = CliRun.of("inspect");
        assertEquals(2, usage.code());
        assertTrue(usage.err().startsWith("Missing required parameter: 'DATA'"), usage.err());
    }

    @Test
    void fullFashionMnistHasNoFalseFindings() {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR),
                "needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
        CliRun r = CliRun.of("inspect", "fashion-mnist");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("train: 60,000 rows × 784 features, 28×28 images, uint8, 10 classes"), r.out());
        assertTrue(r.out().contains("test:  10,000 rows × 784 features, 28×28 images, uint8, 10 classes"), r.out());
        assertTrue(r.out().contains("Ankle boot        6,000 (10.0%)    1,000 (10.0%)"), r.out());
        assertTrue(r.out().contains("Findings (train)\n  none"), r.out());
        assertTrue(r.out().contains("Findings (test)\n  none"), r.out());
    }
}
