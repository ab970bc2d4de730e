package dev.embedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images of every kind written with known sample values and read back: the reader must give the
 * stored values (not their sRGB conversion), and a folder of grey PNGs made from IDX images must give
 * back the IDX bytes.
 */
class ImageSamplesTest {

    private static final int W = 16;
    private static final int H = 16;

    @TempDir
    Path dir;

    private static int grey(int x, int y) {
        return (x + W * y) & 0xff;
    }

    private ImageSamples roundTrip(BufferedImage image, String format) throws IOException {
        Path file = dir.resolve("img." + format);
        assertTrue(ImageIO.write(image, format, file.toFile()), "no " + format + " writer for this image");
        return ImageSamples.of(ImageIO.read(file.toFile()));
    }

    private static float[] greyRamp() {
        float[] v = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                v[x + W * y] = grey(x, y);
            }
        }
        return v;
    }

    @Test
    void eightBitGreyPngKeepsStoredValues() throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                r.setSample(x, y, 0, grey(x, y));
            }
        }
        ImageSamples s = roundTrip(img, "png");
        assertEquals(1, s.channels());
        assertEquals("grey 8-bit", s.layout());
        assertArrayEquals(greyRamp(), s.values());
        // the values getRGB would have given are not the stored ones: a stored 1 is not 13
        assertEquals(1f, s.values()[1]);
        assertEquals(50f, s.values()[50]);
        assertEquals(128f, s.values()[128]);
    }

    @Test
    void sixteenBitGreyIsDividedBy257() throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        int[] stored = new int[W * H];
        for (int p = 0; p < W * H; p++) {
            stored[p] = p == 0 ? 65535 : p * 256 + (p % 7);
            r.setSample(p % W, p / W, 0, stored[p]);
        }
        ImageSamples s = roundTrip(img, "png");
        assertEquals("grey 16-bit", s.layout());
        for (int p = 0; p < W * H; p++) {
            assertEquals(stored[p] / 257.0, s.values()[p], 1e-4, "pixel " + p);
        }
        assertEquals(255f, s.values()[0]);
    }

    @Test
    void greyWithAlphaDropsAlpha() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster r = model.createCompatibleWritableRaster(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                r.setSample(x, y, 0, grey(x, y));
                r.setSample(x, y, 1, (x * 17) & 0xff);
            }
        }
        ImageSamples s = roundTrip(new BufferedImage(model, r, false, null), "png");
        assertEquals(1, s.channels());
        assertEquals("grey+alpha 8-bit", s.layout());
        assertArrayEquals(greyRamp(), s.values());
    }

    @Test
    void oneBitGreyGivesZeroAnd255() throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                img.getRaster().setSample(x, y, 0, (x + y) % 2);
            }
        }
        ImageSamples s = roundTrip(img, "png");
        assertEquals(1, s.channels());
        for (int p = 0; p < W * H; p++) {
            assertEquals(((p % W) + (p / W)) % 2 == 1 ? 255f : 0f, s.values()[p], "pixel " + p);
        }
    }

    private static BufferedImage paletteImage(boolean colour) {
        int size = 256;
        byte[] red = new byte[size];
        byte[] green = new byte[size];
        byte[] blue = new byte[size];
        for (int i = 0; i < size; i++) {
            red[i] = (byte) (i * 13 + 1);
            green[i] = (byte) (colour ? i * 7 + 50 : i * 13 + 1);
            blue[i] = (byte) (colour ? 250 - i * 11 : i * 13 + 1);
        }
        IndexColorModel palette = new IndexColorModel(8, size, red, green, blue);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                img.getRaster().setSample(x, y, 0, (x * 3 + y) % 16);
            }
        }
        return img;
    }

    private static void assertPalette(ImageSamples s, boolean colour) {
        assertEquals(colour ? 3 : 1, s.channels());
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = (x * 3 + y) % 16;
                int p = x + W * y;
                if (colour) {
                    assertArrayEquals(new float[] {(i * 13 + 1) & 0xff, (i * 7 + 50) & 0xff, (250 - i * 11) & 0xff},
                            Arrays.copyOfRange(s.values(), 3 * p, 3 * p + 3), "pixel " + p);
                } else {
                    assertEquals((i * 13 + 1) & 0xff, s.values()[p], "pixel " + p);
                }
            }
        }
    }

    @Test
    void palettePngGifAndBmpGoThroughTheirPalette() throws IOException {
        assertPalette(roundTrip(paletteImage(true), "png"), true);
        assertPalette(roundTrip(paletteImage(false), "png"), false);
        assertPalette(roundTrip(paletteImage(true), "gif"), true);
        assertPalette(roundTrip(paletteImage(false), "gif"), false);
        assertPalette(roundTrip(paletteImage(true), "bmp"), true);
    }

    private static int rgb(int x, int y) {
        return ((x * 16) & 0xff) << 16 | ((y * 16) & 0xff) << 8 | ((x * y + 3) & 0xff);
    }

    private static void assertRgb(ImageSamples s) {
        assertEquals(3, s.channels());
        for (int p = 0; p < W * H; p++) {
            int v = rgb(p % W, p / W);
            assertArrayEquals(new float[] {(v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff},
                    Arrays.copyOfRange(s.values(), 3 * p, 3 * p + 3), "pixel " + p);
        }
    }

    @Test
    void rgbAndRgbaPngAndBmpKeepTheirChannels() throws IOException {
        BufferedImage rgb = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        BufferedImage rgba = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        BufferedImage bgr = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                rgb.setRGB(x, y, rgb(x, y));
                bgr.setRGB(x, y, rgb(x, y));
                rgba.setRGB(x, y, ((x * 15) & 0xff) << 24 | rgb(x, y));
            }
        }
        assertRgb(roundTrip(rgb, "png"));
        ImageSamples a = roundTrip(rgba, "png");
        assertEquals("RGBA 8-bit", a.layout());
        assertRgb(a);
        assertRgb(roundTrip(bgr, "bmp"));
    }

    @Test
    void sixteenBitRgbPng() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = model.createCompatibleWritableRaster(W, H);
        for (int p = 0; p < W * H; p++) {
            for (int b = 0; b < 3; b++) {
                r.setSample(p % W, p / W, b, (p * 257 + b * 1000) & 0xffff);
            }
        }
        ImageSamples s = roundTrip(new BufferedImage(model, r, false, null), "png");
        assertEquals("RGB 16-bit", s.layout());
        for (int p = 0; p < W * H; p++) {
            for (int b = 0; b < 3; b++) {
                assertEquals(((p * 257 + b * 1000) & 0xffff) / 257.0, s.values()[3 * p + b], 1e-4);
            }
        }
    }

    /** A JPEG of flat 8×8 blocks at quality 1.0 keeps its values: only the exact DC terms are stored. */
    @Test
    void jpegGreyAndColourOfFlatBlocks() throws IOException {
        BufferedImage greyImg = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage colourImg = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int block = (x / 8) + 2 * (y / 8);
                greyImg.getRaster().setSample(x, y, 0, 1 + 50 * block);
                colourImg.setRGB(x, y, 0x808080);
            }
        }
        Path file = dir.resolve("grey.jpg");
        writeJpeg(greyImg, file);
        ImageSamples g = ImageSamples.of(ImageIO.read(file.toFile()));
        assertEquals(1, g.channels());
        for (int p = 0; p < W * H; p++) {
            int block = ((p % W) / 8) + 2 * ((p / W) / 8);
            assertEquals(1 + 50 * block, g.values()[p], "pixel " + p);
        }
        Path colourFile = dir.resolve("colour.jpg");
        writeJpeg(colourImg, colourFile);
        ImageSamples c = ImageSamples.of(ImageIO.read(colourFile.toFile()));
        for (float v : c.values()) {
            assertEquals(128f, v);
        }
    }

    private static void writeJpeg(BufferedImage img, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(1f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** IDX → a folder of grey PNGs, one sub-folder per class → the reader gives the IDX bytes back, one by one. */
    @Test
    void idxToGreyPngFolderGivesTheIdxBytesBack() throws IOException {
        Dataset idx = DataLoader.load(DataLoader.SAMPLE, LoadOptions.defaults()).train().head(400);
        int side = idx.imageShape().width();
        float[] all = FloatMatrix.toArray(idx.features());
        int d = idx.columns();
        for (int i = 0; i < idx.rows(); i++) {
            BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setPixels(0, 0, side, side, toInts(all, i * d, d));
            Path file = dir.resolve("folder").resolve(String.format("%02d", idx.labels()[i]))
                    .resolve(String.format("%05d.png", i));
            Files.createDirectories(file.getParent());
            ImageIO.write(img, "png", file.toFile());
        }
        Dataset folder = DataLoader.load(dir.resolve("folder").toString(), LoadOptions.defaults()).train();
        assertEquals(idx.imageShape(), folder.imageShape());
        assertEquals("[" + side + "×" + side + "]", folder.nativeImages().sizes().toString());
        float[] read = FloatMatrix.toArray(folder.features());
        int row = 0;
        for (int label = 0; label < idx.classCount(); label++) {
            for (int i = 0; i < idx.rows(); i++) {
                if (idx.labels()[i] != label) {
                    continue;
                }
                assertArrayEquals(Arrays.copyOfRange(all, i * d, (i + 1) * d),
                        Arrays.copyOfRange(read, row * d, (row + 1) * d), "image " + i);
                row++;
            }
        }
        assertEquals(idx.rows(), row);
    }

    private static int[] toInts(float[] values, int from, int length) {
        int[] out = new int[length];
        for (int j = 0; j < length; j++) {
            out[j] = (int) values[from + j];
        }
        return out;
    }
}
