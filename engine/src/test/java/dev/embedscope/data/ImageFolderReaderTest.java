package dev.embedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    @TempDir
    Path dir;

    static void writeImage(Path file, int w, int h, boolean colour, int seed, String format) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (seed * 31 + x * 7 + y * 13) & 0xff;
                int rgb = colour ? (v << 16) | (((v + 50) & 0xff) << 8) | ((v + 100) & 0xff) : (v << 16) | (v << 8) | v;
                if (colour) {
                    img.setRGB(x, y, rgb);
                } else {
                    img.getRaster().setSample(x, y, 0, v);
                }
            }
        }
        ImageIO.write(img, format, file.toFile());
    }

    @Test
    void grayscaleFolderPerClass() throws IOException {
        writeImage(dir.resolve("cat/1.png"), 4, 3, false, 1, "png");
        writeImage(dir.resolve("cat/2.png"), 4, 3, false, 2, "png");
        writeImage(dir.resolve("dog/a.bmp"), 4, 3, false, 3, "bmp");
        Dataset d = DataLoader.load(dir.toString(), LoadOptions.defaults()).train();
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {0, 0, 1}, d.labels());
        assertEquals(new ImageShape(3, 4, 1), d.imageShape());
        float[] v = FloatMatrix.toArray(d.features());
        // pixel (y=2, x=3) of the dog image: (3*31 + 3*7 + 2*13) & 0xff
        assertEquals((3 * 31 + 21 + 26) & 0xff, v[2 * 12 + 2 * 4 + 3]);
    }

    @Test
    void colourImagesGiveThreeChannels() throws IOException {
        writeImage(dir.resolve("a/1.png"), 2, 2, true, 5, "png");
        writeImage(dir.resolve("b/1.png"), 2, 2, false, 6, "png");
        Dataset d = DataLoader.load(dir.toString(), LoadOptions.defaults()).train();
        assertEquals(new ImageShape(2, 2, 3), d.imageShape());
        float[] v = FloatMatrix.toArray(d.features());
        int p0 = (5 * 31) & 0xff;
        assertArrayEquals(new float[] {p0, (p0 + 50) & 0xff, (p0 + 100) & 0xff}, java.util.Arrays.copyOf(v, 3));
        assertEquals(v[12], v[13]); // the grey image has equal channels
    }

    @Test
    void differentSizesNeedResize() throws IOException {
        writeImage(dir.resolve("a/1.png"), 4, 4, false, 1, "png");
        writeImage(dir.resolve("a/2.png"), 5, 4, false, 2, "png");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataLoader.load(dir.toString(),
                LoadOptions.defaults()));
        assertTrue(e.getMessage().endsWith("2.png: image size: image is 5×4, expected 4×4 like 1.png"),
                e.getMessage());
        assertEquals(new DataFormatException.Remedy(DataFormatException.Setting.RESIZE, "4x4"), e.remedy());
        Dataset d = DataLoader.load(dir.toString(), LoadOptions.defaults().withResize(ImageSize.parse("3x2"))).train();
        assertEquals(new ImageShape(2, 3, 1), d.imageShape());
    }

    @Test
    void trainAndTestSubFolders() throws IOException {
        writeImage(dir.resolve("train/x/1.png"), 2, 2, false, 1, "png");
        writeImage(dir.resolve("train/y/1.png"), 2, 2, false, 2, "png");
        writeImage(dir.resolve("test/y/1.png"), 2, 2, false, 3, "png");
        Splits s = DataLoader.load(dir.toString(), LoadOptions.defaults());
        assertEquals(2, s.train().rows());
        assertEquals(1, s.test().rows());
        assertEquals("y", s.test().classNames().get(s.test().labels()[0]));
    }

    @Test
    void unreadableImageIsNamed() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/broken.png"), "not a png");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataLoader.load(dir.toString(),
                LoadOptions.defaults()));
        assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
    }

    /** More files than one parallel chunk: every row is its file decoded alone, in file order. */
    @Test
    void filesDecodedInParallelChunksLandInFileOrder() throws IOException {
        int n = 1100;
        for (int f = 0; f < n; f++) {
            writeImage(dir.resolve((f % 3 == 0 ? "c0" : "c1") + String.format("/%05d.png", f)), 3, 2, false, f, "png");
        }
        Dataset d = DataLoader.load(dir.toString(), LoadOptions.defaults()).train();
        assertEquals(n, d.rows());
        float[] v = FloatMatrix.toArray(d.features());
        int row = 0;
        for (String c : List.of("c0", "c1")) {
            for (int f = 0; f < n; f++) {
                if ((f % 3 == 0) != c.equals("c0")) {
                    continue;
                }
                BufferedImage img = ImageIO.read(dir.resolve(c + String.format("/%05d.png", f)).toFile());
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 3; x++) {
                        assertEquals(img.getRaster().getSample(x, y, 0), v[row * 6 + y * 3 + x], "file " + f);
                    }
                }
                assertEquals(c.equals("c0") ? 0 : 1, d.labels()[row]);
                row++;
            }
        }
    }

    @Test
    void theFirstBadFileInOrderIsNamedWhateverIsDecodedFirst() throws IOException {
        for (int f = 0; f < 1030; f++) {
            writeImage(dir.resolve(String.format("a/%05d.png", f)), 2, 2, false, f, "png");
        }
        Files.writeString(dir.resolve("a/01029.png"), "not a png"); // in the second chunk
        writeImage(dir.resolve("a/00700.png"), 3, 2, false, 1, "png"); // wrong size, in the first
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataLoader.load(dir.toString(),
                LoadOptions.defaults()));
        assertTrue(e.getMessage().contains("00700.png: image size"), e.getMessage());
    }
}
