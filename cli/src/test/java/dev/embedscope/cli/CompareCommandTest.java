package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.cli.render.Outputs;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void sampleSplitsShowNoShiftAndEveryPictureIsWritten() throws IOException {
        Path out = dir.resolve("cmp");
        CliRun r = CliRun.of("compare", "sample", "--embed", "joint", "--sample", "600",
                "--svg", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"classes.png", "classes.svg", "drift.png",
                "embedding-joint.png", "embedding-joint.svg",
            "compare.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        JsonNode json = Outputs.JSON.readTree(out.resolve("compare.json").toFile());
        assertEquals(784, json.get("features").get("count").asInt());
        assertEquals(0, json.get("features").get("flagged").asInt());
        assertEquals(10, json.get("classes").get("counts").size());
        assertTrue(json.get("verdict").asText().startsWith("No shift found"), json.get("verdict").asText());
        assertTrue(r.out().contains("Verdict: No shift found"), r.out());
    }

    static void table(Path p, int rows, long seed, double shift, boolean withLabel) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(withLabel ? "age,income,score,y\n" : "age,income,score\n");
        for (int i = 0; i < rows; i++) {
            sb.append(20 + r.nextInt(50)).append(',').append(Math.round(40000
                    + 10000 * r.nextGaussian() + shift)).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", r.nextGaussian()));
            if (withLabel) {
                sb.append(',').append(r.nextInt(3) == 0 ? "yes" : "no");
            }
            sb.append('\n');
        }
        Files.writeString(p, sb);
    }

    @Test
    void tablesWithADriftingColumnAndLabelsInOneSplitOnly() throws IOException {
        Path a = dir.resolve("train.csv");
        Path b = dir.resolve("test.csv");
        table(a, 600, 1, 0, true);
        table(b, 300, 2, 8000, false); // income moved by 0.8 SD; no label column
        Path out = dir.resolve("cmp");
        CliRun r = CliRun.of("compare", a.toString(), b.toString(), "--label-column", "y", "--embed",
                "none", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: labels are only in train: the class comparison is skipped"), r.out());
        JsonNode json = Outputs.JSON.readTree(out.resolve("compare.json").toFile());
        assertEquals(1, json.get("features").get("flagged").asInt());
        assertEquals("income", json.get("features").get("top").get(0).get("name").asText());
        assertTrue(json.get("classes").isNull());
        assertTrue(Files.exists(out.resolve("drift.png")));
        assertTrue(json.get("verdict").asText().contains("the largest is income"), json.get("verdict").asText());
    }

    @Test
    void splitsWithDifferentFeaturesAreOneLine() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Files.writeString(a, "x,y\n1,2\n3,4\n");
        Files.writeString(b, "x\n1\n3\n");
        CliRun r = CliRun.of("compare", a.toString(), b.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertEquals("embedscope: " + b + ": no column 'y' (expected the columns of the training split: x, y)\n",
                r.err());
        assertTrue(!Files.exists(dir.resolve("o")));
        CliRun one = CliRun.of("compare", a.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, one.code());
        assertEquals("embedscope: " + a
                + ": holds one split; give the test split as a second argument (compare TRAIN TEST)\n",
                one.err());
    }

    @Test
    void aConstantTrainingFeatureThatMovesIsNamedSoAndTheDriftChartMarksWhatDrifts() throws IOException {
        Random r = new Random(1);
        StringBuilder tr = new StringBuilder("a,b,c,const,y\n");
        StringBuilder te = new StringBuilder("a,b,c,const,y\n");
        for (int i = 0; i < 400; i++) {
            tr.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%.3f,5,%d%n", r.nextGaussian(),
                    r.nextGaussian(), r.nextGaussian(), i % 2));
            te.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%.3f,7,%d%n", 0.5 + r.nextGaussian(),
                    r.nextGaussian(), r.nextGaussian(), i % 2));
        }
        Path a = dir.resolve("tr.csv");
        Path b = dir.resolve("te.csv");
        Files.writeString(a, tr);
        Files.writeString(b, te);
        Path out = dir.resolve("cmp");
        CliRun run = CliRun.of("compare", a.toString(), b.toString(), "--label-column", "y", "--embed", "none",
                "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("constant in the training split, its test mean higher"), run.out());
        assertTrue(!run.out().contains("Infinity"), run.out());
        JsonNode json = Outputs.JSON.readTree(out.resolve("compare.json").toFile());
        JsonNode top = json.get("features").get("top").get(0);
        assertEquals("const", top.get("name").asText());
        assertTrue(top.get("meanShift").isNull() && top.get("constantInTrain").asBoolean());
        assertTrue(top.get("psi").asDouble() > 10, "PSI of a moved constant: " + top.get("psi"));
        java.awt.image.BufferedImage chart = javax.imageio.ImageIO.read(out.resolve("drift.png").toFile());
        int red = 0;
        int grey = 0;
        for (int y = 0; y < chart.getHeight(); y++) {
            for (int x = 0; x < chart.getWidth(); x++) {
                int rgb = chart.getRGB(x, y) & 0xffffff;
                red += rgb == 0xd62728 ? 1 : 0;
                grey += rgb == 0xa0a0a0 ? 1 : 0;
            }
        }
        assertTrue(red > 1000 && grey > 1000, "drifting bars red, the others grey: " + red + ", " + grey);
    }
}
