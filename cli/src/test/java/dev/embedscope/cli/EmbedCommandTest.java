package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.cli.render.Outputs;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embedscope.data.ByteSource;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.NpyReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedCommandTest {

    @TempDir
    Path dir;

    @Test
    void embedsTheSampleWritesEveryOutputAndReportsQuality() throws IOException {
        Path npy = dir.resolve("emb.npy");
        Path csv = dir.resolve("emb.csv");
        Path png = dir.resolve("emb.png");
        Path json = dir.resolve("run.json");
        Path labels = dir.resolve("labels.npy");
        CliRun r = CliRun.of("embed", "sample", "--split", "train", "--sample", "1000",
                "--first", "--iterations", "400",
                "--exaggeration-iterations", "150", "--quality", "--out", npy.toString(),
                "--csv", csv.toString(), "--plot",
                png.toString(), "--json", json.toString(), "--labels-out", labels.toString());
        assertEquals(0, r.code(), r.err());
        NpyReader.Features f = NpyReader.readFeatures(ByteSource.of(npy));
        assertEquals(1000, f.matrix().rows());
        assertEquals(2, f.matrix().columns());
        for (float v : FloatMatrix.toArray(f.matrix())) {
            assertTrue(Float.isFinite(v));
        }
        // --first takes the first rows: their labels are the sample's first 1,000 labels
        int[] first = new int[1000];
        System.arraycopy(FashionMnist.sample().train().labels(), 0, first, 0, 1000);
        assertArrayEquals(first, NpyReader.readLabels(ByteSource.of(labels)));
        JsonNode run = Outputs.JSON.readTree(json.toFile());
        assertEquals(1000, run.get("points").asInt());
        assertEquals(50, run.get("pcaDims").asInt());
        double accuracy = run.get("quality").get("knnAccuracy").asDouble();
        assertTrue(accuracy > 0.7, "10-NN accuracy " + accuracy);
        assertTrue(run.get("quality").get("trustworthiness").asDouble() > 0.95);
        assertTrue(run.get("quality").get("klExact").asBoolean());
        assertEquals(400, run.get("iterations").asInt());
        assertTrue(r.out().contains("10-NN accuracy"), r.out());
        assertTrue(r.out().contains("optimisation"), r.out());
        String header = Files.readAllLines(csv).get(0);
        assertEquals("tsne1,tsne2,label", header);
        assertEquals(1001, Files.readAllLines(csv).size());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1600, img.getWidth());
        assertEquals(1200, img.getHeight());

        // plot the written embedding again from the labels file, as SVG
        Path svg = dir.resolve("again.svg");
        CliRun plot = CliRun.of("plot", npy.toString(), "--labels", labels.toString(), "--class-names",
                String.join(",", FashionMnist.CLASS_NAMES), "--out", svg.toString(), "--title", "again");
        assertEquals(0, plot.code(), plot.err());
        String text = Files.readString(svg);
        assertTrue(text.contains(">again<") && text.contains(">Ankle boot<"), "legend and title in the SVG");
    }

    @Test
    void thePlotTitleShowsTheKlOfTheReportAndSaysWhichItIs() throws IOException {
        Path svg = dir.resolve("t.svg");
        Path json = dir.resolve("t.json");
        CliRun r = CliRun.of("embed", "sample", "--split", "test", "--sample", "300", "--perplexity", "10",
                "--iterations", "300", "--quality", "--out", dir.resolve("t.npy").toString(), "--plot",
                svg.toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode q = Outputs.JSON.readTree(json.toFile()).get("quality");
        assertTrue(q.get("klExact").asBoolean());
        String kl = String.format(java.util.Locale.ROOT, "exact KL %.3f", q.get("kl").asDouble());
        assertTrue(Files.readString(svg).contains(kl), "the title says " + kl);
    }

    @Test
    void sameSeedSameFileWhateverTheThreadCount() throws IOException {
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        String[] common = {"embed", "sample", "--split", "test", "--iterations", "150",
                "--exaggeration-iterations", "50", "--seed", "7"};
        assertEquals(0, CliRun.of(concat(common, "--threads", "1", "--out", a.toString())).code());
        assertEquals(0, CliRun.of(concat(common, "--threads", "2", "--out", b.toString())).code());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void badRequestsAreOneLineWithNoOutput() throws IOException {
        Path npy = dir.resolve("emb.npy");
        CliRun tooFew = CliRun.of("embed", "sample", "--sample", "50", "--out", npy.toString());
        assertEquals(1, tooFew.code());
        assertEquals("embedscope: 50 points are too few for perplexity 30 (it needs more "
                + "than 3 × perplexity = 90 points);"
                + " use --perplexity 16 or less\n", tooFew.err());
        Path csv = dir.resolve("t.csv");
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 200; i++) {
            sb.append(i).append(',').append(i % 7 == 0 ? "NaN" : Integer.toString(i
                    * 2)).append(",").append(i % 3).append('\n');
        }
        Files.writeString(csv, sb);
        CliRun repaired = CliRun.of("embed", csv.toString(), "--perplexity", "10", "--out", npy.toString());
        assertEquals(0, repaired.code(), repaired.err());
        assertTrue(repaired.err().startsWith("embedscope: missing values imputed with the median of t (the default; "
                + "choose with --impute)\nembedscope:   t: 'b': 29 missing values imputed with the median "),
                repaired.err());
        Files.delete(npy);
        CliRun nan = CliRun.of("embed", csv.toString(), "--perplexity", "10", "--impute", "none", "--out",
                npy.toString());
        assertEquals(1, nan.code());
        assertEquals("embedscope: t: t-SNE needs finite values, but 1 feature(s) hold NaN or "
                + "infinity in 29 row(s): b (29 rows);"
                + " impute or drop them first\n", nan.err());
        CliRun badMethod = CliRun.of("embed", "sample", "--method", "quadtree", "--out", npy.toString());
        assertEquals(1, badMethod.code());
        assertEquals("embedscope: --method: 'quadtree' is not auto, adaptive, fft, bh or exact\n", badMethod.err());
        CliRun wrongRows = CliRun.of("plot", Fixtures.writeTinyEmbedding(dir).toString(), "sample",
                "--out", dir.resolve("p.png").toString());
        assertEquals(1, wrongRows.code());
        assertTrue(wrongRows.err().contains("3 points, but sample has 2000 + 500 rows"), wrongRows.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of("t.csv", "tiny.npy"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertFalse(Files.exists(npy));
    }

    /** Tiny fixtures for the plot command. */
    static final class Fixtures {
        static Path writeTinyEmbedding(Path dir) throws IOException {
            Path p = dir.resolve("tiny.npy");
            try (var out = Files.newOutputStream(p)) {
                dev.embedscope.data.NpyWriter.writeFloat32(FloatMatrix.of(new float[] {0, 0, 1, 1, 2, 0}, 3, 2), out);
            }
            return p;
        }
    }

}
