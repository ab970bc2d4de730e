package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedscope.cli.render.Outputs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Odd data is said, not embedded silently: sample sizes, image sizes that differ, identical rows, the scaler. */
class OddDataTest {

    @TempDir
    Path dir;

    @Test
    void aSampleOverTheRowCountIsNoted() throws IOException {
        CliRun r = CliRun.of("embed", "sample", "--split", "test", "--sample", "800", "--iterations", "50", "--out",
                dir.resolve("e.npy").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("embedscope: note: --sample 800 is not less than the 500 rows of test: all are "
                + "used\n"), r.err());
        assertTrue(r.out().contains("  scaling divide:255: images: every pixel value divided by 255\n"), r.out());
    }

    private void folder(String split, int size, int count) throws IOException {
        for (String c : new String[] {"a", "b"}) {
            Path d = dir.resolve("imgs").resolve(split).resolve(c);
            Files.createDirectories(d);
            for (int i = 0; i < count; i++) {
                BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        img.getRaster().setSample(x, y, 0, (x * 13 + y * 7 + i * 31 + (c.equals("a") ? 0 : 90)) & 0xff);
                    }
                }
                ImageIO.write(img, "png", d.resolve(i + ".png").toFile());
            }
        }
    }

    @Test
    void imageSizesBeforeResizingAreShownAndAShiftIsFlagged() throws IOException {
        folder("train", 8, 15);
        folder("test", 16, 15);
        CliRun inspect = CliRun.of("inspect", dir.resolve("imgs").toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("  test:  image files before resizing: 16×16 grey 8-bit (30)\n"),
                inspect.out());
        Path out = dir.resolve("cmp");
        CliRun compare = CliRun.of("compare", dir.resolve("imgs").toString(), "--embed", "none", "--out",
                out.toString());
        assertEquals(0, compare.code(), compare.err());
        JsonNode json = Outputs.JSON.readTree(out.resolve("compare.json").toFile());
        assertTrue(json.get("resolution").get("shifted").asBoolean());
        assertEquals("8×8 grey 8-bit (30)", json.get("resolution").get("train").asText());
        assertTrue(json.get("verdict").asText().contains("the image files differ in size or layout before "
                + "resizing"), json.get("verdict").asText());

        folder("test", 8, 15);
        CliRun same = CliRun.of("compare", dir.resolve("imgs").toString(), "--embed", "none", "--out",
                out.toString());
        assertEquals(0, same.code(), same.err());
        JsonNode again = Outputs.JSON.readTree(out.resolve("compare.json").toFile());
        assertTrue(!again.get("resolution").get("shifted").asBoolean());
    }

    @Test
    void identicalRowsAreFindingsInInspect() throws IOException {
        Path most = dir.resolve("most.csv");
        StringBuilder b = new StringBuilder("a,b\n");
        for (int i = 0; i < 30; i++) {
            b.append(i < 20 ? "1,1" : i + "," + (i % 7)).append('\n');
        }
        Files.writeString(most, b);
        CliRun r = CliRun.of("inspect", most.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("WARNING 20 of 30 rows (66.7%) are copies of one row"), r.out());
        Path constant = dir.resolve("same.csv");
        Files.writeString(constant, "a,b\n1,2\n1,2\n1,2\n");
        CliRun c = CliRun.of("inspect", constant.toString());
        assertTrue(c.out().contains("ERROR   every feature is constant: all 3 rows are the same"), c.out());
    }
}
