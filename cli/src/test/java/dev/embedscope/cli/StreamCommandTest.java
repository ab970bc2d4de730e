package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.NpyWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code embed --stream}: a memory-mapped file embeds like the same file loaded whole, and refusals are one line. */
class StreamCommandTest {

    @TempDir
    Path dir;

    /** The sample's 500 test images as uint8 NPY N×28×28 and their labels as int32 NPY. */
    private Path[] writeSampleTest() throws IOException {
        Dataset test = FashionMnist.sample().test();
        float[] v = FloatMatrix.toArray(test.features());
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + test.rows() + ", 28, 28), }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        b.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (float x : v) {
            b.write((int) x);
        }
        Path images = dir.resolve("images.npy");
        Files.write(images, b.toByteArray());
        Path labels = dir.resolve("labels.npy");
        try (OutputStream o = Files.newOutputStream(labels)) {
            NpyWriter.writeInt32(test.labels(), o);
        }
        return new Path[] {images, labels};
    }

    private CliRun embed(Path[] data, String stream, String threads, Path out, Path json, Path csv) {
        return CliRun.of("embed", data[0].toString(), "--labels", data[1].toString(), "--stream", stream,
                "--iterations", "200", "--exaggeration-iterations", "80", "--threads", threads, "--quality",
                "--out", out.toString(), "--json", json.toString(), "--csv", csv.toString());
    }

    @Test
    void aStreamedFileEmbedsLikeTheFileLoadedWhole() throws IOException {
        Path[] data = writeSampleTest();
        CliRun streamed = embed(data, "on", "2", dir.resolve("s.npy"), dir.resolve("s.json"), dir.resolve("s.csv"));
        assertEquals(0, streamed.code(), streamed.err());
        CliRun whole = embed(data, "off", "2", dir.resolve("w.npy"), dir.resolve("w.json"), dir.resolve("w.csv"));
        assertEquals(0, whole.code(), whole.err());
        assertTrue(streamed.out().contains("rows streamed in blocks"), streamed.out());
        assertFalse(whole.out().contains("streamed"), whole.out());
        JsonNode s = Outputs.JSON.readTree(dir.resolve("s.json").toFile());
        JsonNode w = Outputs.JSON.readTree(dir.resolve("w.json").toFile());
        assertEquals(784, s.get("features").asInt());
        assertEquals(500, s.get("points").asInt());
        assertTrue(s.get("input").asText().startsWith("streamed"));
        assertEquals("in memory", w.get("input").asText());
        assertEquals(w.get("scaling").get("spec").asText(), s.get("scaling").get("spec").asText());
        assertEquals(w.get("pcaExplainedVariance").asDouble(), s.get("pcaExplainedVariance").asDouble(), 1e-4);
        double accuracyS = s.get("quality").get("knnAccuracy").asDouble();
        double accuracyW = w.get("quality").get("knnAccuracy").asDouble();
        assertEquals(accuracyW, accuracyS, 0.05, "10-NN accuracy streamed and whole");
        List<String> a = Files.readAllLines(dir.resolve("s.csv"));
        List<String> b = Files.readAllLines(dir.resolve("w.csv"));
        assertEquals(b.size(), a.size());
        for (int i = 1; i < a.size(); i++) {
            String la = a.get(i).substring(a.get(i).lastIndexOf(',') + 1);
            assertEquals(b.get(i).substring(b.get(i).lastIndexOf(',') + 1), la, "label of row " + i);
        }
        CliRun one = embed(data, "on", "1", dir.resolve("s1.npy"), dir.resolve("s1.json"), dir.resolve("s1.csv"));
        assertEquals(0, one.code(), one.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("s.npy")), Files.readAllBytes(dir.resolve("s1.npy")),
                "streamed: the same file with 1 and 2 threads");
    }

    @Test
    void whatCannotBeStreamedIsRefusedInOneLine() throws IOException {
        Path[] data = writeSampleTest();
        Path out = dir.resolve("e.npy");
        CliRun named = CliRun.of("embed", "sample", "--stream", "on", "--out", out.toString());
        assertEquals(1, named.code());
        assertEquals("embedscope: sample: --stream on: cannot be streamed: it is a named dataset, read whole\n",
                named.err());
        CliRun mode = CliRun.of("embed", data[0].toString(), "--stream", "maybe", "--out", out.toString());
        assertEquals(1, mode.code());
        assertEquals("embedscope: --stream: 'maybe' is not auto, on or off\n", mode.err());
        CliRun split = CliRun.of("embed", data[0].toString(), "--stream", "on", "--split", "test", "--out",
                out.toString());
        assertEquals(1, split.code());
        assertEquals("embedscope: --split test: images.npy is one file, one split\n", split.err());
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        CliRun table = CliRun.of("embed", csv.toString(), "--stream", "on", "--out", out.toString());
        assertEquals(1, table.code());
        assertTrue(table.err().contains("cannot be streamed: only uncompressed NPY and IDX image files are streamed"),
                table.err());
        assertFalse(Files.exists(out));
    }
}
