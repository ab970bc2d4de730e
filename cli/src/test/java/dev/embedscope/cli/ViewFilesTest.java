package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedscope.cli.render.Palette;
import dev.embedscope.cli.render.SpriteAtlas;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.NpyWriter;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a view and a Projector export are made of, read back and held to the data they came from. */
class ViewFilesTest {

    @TempDir
    Path dir;

    static Dataset train() throws IOException {
        return DataLoader.load(DataLoader.SAMPLE, LoadOptions.defaults()).train();
    }

    static float[] pixels(Dataset d, int row) {
        float[] r = new float[d.columns()];
        FloatMatrix.view(d.features()).get((long) row * d.columns(), r, 0, d.columns());
        return r;
    }

    Path embedding(int n) throws IOException {
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = i % 50;
            xy[2 * i + 1] = i / 50f;
        }
        Path npy = dir.resolve("e.npy");
        try (OutputStream o = Files.newOutputStream(npy)) {
            NpyWriter.writeFloat32(FloatMatrix.of(xy, n, 2), o);
        }
        return npy;
    }

    static JsonNode data(Path html) throws IOException {
        Matcher m = Pattern.compile("(?s)<script type=\"application/json\" class=\"es-data\" data-view=\"view\">(.*?)"
                + "</script>").matcher(Files.readString(html));
        assertTrue(m.find(), "the data element");
        return new ObjectMapper().readTree(m.group(1).replace("<\\/", "</"));
    }

    static float[] floats(String b64) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(b64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    static int[] ints(String b64) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(b64)).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[b.remaining() / 4];
        b.asIntBuffer().get(out);
        return out;
    }

    @Test
    void theViewHoldsEachPointsPositionLabelRowAndExactThumbnail() throws IOException {
        Dataset train = train();
        Path html = dir.resolve("v.html");
        CliRun r = CliRun.of("view", embedding(2000).toString(), "sample", "--out", html.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode d = data(html);
        assertEquals(2000, d.get("n").asInt());
        float[] xy = floats(d.get("xy").asText());
        for (int i = 0; i < 2000; i++) {
            assertEquals(i % 50, xy[2 * i]);
            assertEquals(i / 50f, xy[2 * i + 1]);
        }
        assertArrayEquals(train.labels(), ints(d.get("labels").asText()));
        int[] rows = ints(d.get("rows").asText());
        for (int i = 0; i < 2000; i++) {
            assertEquals(i, rows[i]);
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(train.classNames().get(c), d.get("classNames").get(c).asText());
            assertEquals(Palette.hex(Palette.of(c)), d.get("colours").get(c).asText());
        }
        JsonNode atlas = d.get("atlas");
        int[] tile = ints(atlas.get("tile").asText());
        int cols = atlas.get("columns").asInt();
        int per = atlas.get("perSheet").asInt();
        for (int i : new int[] {0, 1, 777, 1999}) {
            BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                    atlas.get("sheets").get(tile[i] / per).asText())));
            int k = tile[i] % per;
            float[] px = pixels(train, i);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int grey = sheet.getRaster().getSample((k % cols) * 28 + x, (k / cols) * 28 + y, 0);
                    assertEquals(Math.round(px[y * 28 + x]), grey, "row " + i + " pixel " + x + "," + y);
                }
            }
        }
        assertTrue(d.get("notes").toString().contains("Made by embedscope"), "says what made it");
    }

    @Test
    void overTheBudgetARandomSubsetHasThumbnailsAndThePageSaysSo() throws IOException {
        Dataset train = train();
        int[] all = new int[train.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        SpriteAtlas full = SpriteAtlas.of(train, all, Long.MAX_VALUE, 3);
        assertEquals(train.rows(), full.tiles());
        long budget = full.bytes() / 2;
        SpriteAtlas half = SpriteAtlas.of(train, all, budget, 3);
        assertTrue(half.sampled() && half.tiles() < train.rows() && half.tiles() > train.rows() / 4, "" + half.tiles());
        assertTrue(half.bytes() <= budget, half.bytes() + " > " + budget);
        Set<Integer> seen = new HashSet<>();
        int with = 0;
        for (int t : half.tileOf()) {
            if (t >= 0) {
                assertTrue(t < half.tiles() && seen.add(t), "each kept thumbnail once");
                with++;
            }
        }
        assertEquals(half.tiles(), with);
        Path html = dir.resolve("v.html");
        CliRun r = CliRun.of("view", embedding(2000).toString(), "sample", "--out", html.toString(),
                "--thumbnail-budget", String.valueOf(budget / 1048576.0));
        assertEquals(0, r.code(), r.err());
        assertTrue(data(html).get("notes").toString().contains("Thumbnails for " + String.format("%,d", half.tiles())
                + " of the 2,000 points, picked at random"), data(html).get("notes").toString());
    }

    @Test
    void theProjectorExportIsWhatTheProjectorReads() throws IOException {
        Dataset train = train();
        Path out = dir.resolve("projector");
        CliRun r = CliRun.of("view", embedding(2000).toString(), "sample", "--projector", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode cfg = new ObjectMapper().readTree(out.resolve("projector_config.json").toFile());
        assertEquals(2, cfg.get("embeddings").size());
        for (JsonNode e : cfg.get("embeddings")) {
            assertTrue(Files.exists(out.resolve(e.get("tensorPath").asText())));
            assertEquals("metadata.tsv", e.get("metadataPath").asText());
            assertEquals("sprite.png", e.get("sprite").get("imagePath").asText());
            assertEquals(28, e.get("sprite").get("singleImageDim").get(0).asInt());
        }
        List<String> meta = Files.readAllLines(out.resolve("metadata.tsv"));
        assertEquals("row\tsplit\tlabel", meta.get(0));
        assertEquals(2001, meta.size());
        assertEquals("5\ttrain\t" + train.classNames().get(train.labels()[5]), meta.get(6));
        List<String> tsne = Files.readAllLines(out.resolve("tsne.tsv"));
        assertEquals("7.0\t" + (57 / 50f), tsne.get(57));
        List<String> features = Files.readAllLines(out.resolve("features.tsv"));
        String[] f9 = features.get(9).split("\t");
        float[] px = pixels(train, 9);
        assertEquals(784, f9.length);
        for (int j = 0; j < 784; j++) {
            assertEquals(px[j], Float.parseFloat(f9[j]));
        }
        BufferedImage sprite = ImageIO.read(out.resolve("sprite.png").toFile());
        int side = (int) Math.ceil(Math.sqrt(2000));
        assertEquals(side * 28, sprite.getWidth());
        int i = 1234;
        float[] p = pixels(train, i);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertEquals(Math.round(p[y * 28 + x]), sprite.getRGB((i % side) * 28 + x, (i / side) * 28 + y) & 0xff);
            }
        }
    }

    @Test
    void everyClassColourIsSaturatedAndTheSplitColoursAreNot() {
        Set<Integer> seen = new HashSet<>();
        for (int c = 0; c < Palette.size(); c++) {
            Color k = Palette.of(c);
            float[] hsb = Color.RGBtoHSB(k.getRed(), k.getGreen(), k.getBlue(), null);
            assertTrue(hsb[1] > 0.15, "class " + c + " is a colour, not a grey: " + Palette.hex(k));
            assertTrue(seen.add(k.getRGB()), "class " + c + " has its own colour");
        }
        for (Color split : new Color[] {Palette.TRAIN, Palette.TEST}) {
            assertEquals(0, Color.RGBtoHSB(split.getRed(), split.getGreen(), split.getBlue(), null)[1]);
        }
        assertEquals(Palette.of(3), Palette.of(3 + Palette.size()));
    }

    @Test
    void aTablesViewCarriesEachRowsValues() throws IOException {
        StringBuilder s = new StringBuilder("a,colour,when,y\n");
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 60; i++) {
            s.append(i).append(',').append(colours[i % 3]).append(',').append(String.format("2024-01-%02d", 1 + i % 28))
                    .append(',').append(i % 2).append('\n');
        }
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, s.toString());
        Path html = dir.resolve("t.html");
        CliRun r = CliRun.of("embed", csv.toString(), "--label-column", "y", "--perplexity", "5", "--out",
                dir.resolve("t.npy").toString(), "--view", html.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode d = data(html);
        java.util.Map<String, JsonNode> cols = new java.util.HashMap<>();
        d.get("columns").forEach(c -> cols.put(c.get("name").asText(), c));
        assertEquals(Set.of("a", "colour", "when"), cols.keySet());
        float[] a = floats(cols.get("a").get("values").asText());
        int[] codes = ints(cols.get("colour").get("codes").asText());
        float[] when = floats(cols.get("when").get("values").asText());
        assertEquals("date", cols.get("when").get("type").asText());
        for (int i = 0; i < 60; i++) {
            assertEquals(i, a[i]);
            assertEquals(colours[i % 3], cols.get("colour").get("levels").get(codes[i]).asText());
            assertEquals(java.time.LocalDate.of(2024, 1, 1 + i % 28).toEpochDay(), (long) when[i]);
        }
    }

    @Test
    void auditScoresColourTheViewOfTheSameRows() throws IOException {
        Path audit = dir.resolve("audit");
        CliRun a = CliRun.of("audit", "sample", "--out", audit.toString());
        assertEquals(0, a.code(), a.err());
        Path html = dir.resolve("s.html");
        CliRun v = CliRun.of("view", embedding(2000).toString(), "sample", "--audit",
                audit.resolve("audit.json").toString(), "--out", html.toString());
        assertEquals(0, v.code(), v.err());
        JsonNode d = data(html);
        assertEquals("score", d.get("mode").asText());
        float[] scores = floats(d.get("scores").asText());
        JsonNode expected = new ObjectMapper().readTree(audit.resolve("audit.json").toFile()).get("labelScores");
        for (int i = 0; i < 2000; i++) {
            assertEquals((float) expected.get(i).asDouble(), scores[i]);
        }
        CliRun wrong = CliRun.of("view", embedding(500).toString(), "sample", "--audit",
                audit.resolve("audit.json").toString(), "--out", dir.resolve("w.html").toString());
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("2000 label-noise scores for 500 points"), wrong.err());
        assertTrue(!Files.exists(dir.resolve("w.html")), "no partial output");
    }

    @Test
    void compareViewsBothSplitsWithEachPointsOwnRowAndLabel() throws IOException {
        Path html = dir.resolve("c.html");
        CliRun r = CliRun.of("compare", "sample", "--sample", "300", "--perplexity", "10", "--iterations", "250",
                "--out", dir.resolve("cmp").toString(), "--view", html.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode d = data(html);
        assertEquals("split", d.get("mode").asText());
        assertEquals(600, d.get("n").asInt());
        byte[] split = Base64.getDecoder().decode(d.get("split").asText());
        int[] rows = ints(d.get("rows").asText());
        int[] labels = ints(d.get("labels").asText());
        var both = DataLoader.load(DataLoader.SAMPLE, LoadOptions.defaults());
        for (int i = 0; i < 600; i++) {
            Dataset s = i < 300 ? both.train() : both.test();
            assertEquals(i < 300 ? 0 : 1, split[i]);
            assertEquals(s.labels()[rows[i]], labels[i], "point " + i + " is row " + rows[i] + " of its split");
            if (i > 0 && i != 300) {
                assertTrue(rows[i] > rows[i - 1], "rows in order within a split");
            }
        }
        assertEquals(List.of("train", "test"), List.of(d.get("splitNames").get(0).asText(),
                d.get("splitNames").get(1).asText()));
    }
}
