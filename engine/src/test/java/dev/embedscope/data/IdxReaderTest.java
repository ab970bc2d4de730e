package dev.embedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    static byte[] idxImages(int n, int h, int w, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(n).putInt(h).putInt(w).put(pixels);
        return b.array();
    }

    static byte[] idxLabels(byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length).put(labels);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    static byte[] pixels(int count) {
        byte[] p = new byte[count];
        for (int i = 0; i < count; i++) {
            p[i] = (byte) (i * 37 + 11);
        }
        return p;
    }

    @Test
    void readsRawAndGzipImagesByContentNotName() throws IOException {
        byte[] px = pixels(3 * 4 * 5);
        Path raw = dir.resolve("images.gz"); // misleading name: the content is raw
        Files.write(raw, idxImages(3, 4, 5, px));
        Path gz = dir.resolve("images.bin");
        Files.write(gz, gzip(idxImages(3, 4, 5, px)));
        for (Path p : new Path[] {raw, gz}) {
            IdxReader.Images im = IdxReader.readImages(ByteSource.of(p));
            assertEquals(new ImageShape(4, 5, 1), im.shape());
            assertEquals(3, im.pixels().rows());
            float[] got = FloatMatrix.toArray(im.pixels());
            for (int i = 0; i < px.length; i++) {
                assertEquals(px[i] & 0xff, got[i], 0f, "pixel " + i);
            }
        }
    }

    @Test
    void wrongMagicNamesTheFileTheOffsetAndTheExpectedMagic() throws IOException {
        Path p = dir.resolve("train-images.gz");
        Files.write(p, gzip(idxLabels(new byte[] {1, 2})));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(ByteSource.of(p)));
        assertEquals(p + ": byte 0: IDX magic 0x00000801 is not an image file (expected "
                + "0x00000803); this is a labels file",
                e.getMessage());
    }

    @Test
    void truncatedGzipIsReportedWithTheOffset() throws IOException {
        byte[] full = gzip(idxImages(10, 28, 28, pixels(10 * 784)));
        Path p = dir.resolve("cut.gz");
        Files.write(p, Arrays.copyOf(full, full.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(ByteSource.of(p)));
        // the gzip layer sees the cut first and names the file and the decompressed offset
        assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(p.toString()) + ": decompressed byte \\d+: the "
                + "gzip data ends early \\(a truncated copy\\?\\); fetch or copy the file again"), e.getMessage());
    }

    @Test
    void truncatedRawHeaderAndCorruptGzip() throws IOException {
        Path p = dir.resolve("short");
        Files.write(p, Arrays.copyOf(idxImages(1, 2, 2, pixels(4)), 10));
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(ByteSource.of(p)))
                .getMessage().contains("byte 8: file ends inside the IDX header"));
        byte[] gz = gzip(idxImages(50, 28, 28, pixels(50 * 784)));
        for (int i = 20; i < gz.length - 20; i += 7) {
            gz[i] ^= 0x5a;
        }
        Path bad = dir.resolve("bad.gz");
        Files.write(bad, gz);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(ByteSource.of(bad)));
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
    }

    @Test
    void emptyFileAndTrailingBytes() throws IOException {
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        assertEquals(empty + ": byte 0: the file is empty",
                assertThrows(DataFormatException.class, () -> IdxReader.readImages(ByteSource.of(empty))).getMessage());
        Path extra = dir.resolve("extra");
        byte[] img = idxImages(1, 2, 2, pixels(4));
        Files.write(extra, Arrays.copyOf(img, img.length + 3));
        assertTrue(assertThrows(DataFormatException.class, () -> IdxReader.readImages(ByteSource.of(extra)))
                .getMessage().contains("byte 20: unexpected data after the last record"));
    }

    @Test
    void imagesFileFindsItsLabelsByStandardNameAndCountsMustAgree() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idxImages(3, 2, 2, pixels(12))));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idxLabels(new byte[] {2, 0, 1})));
        Dataset d = DataLoader.loadFile(dir.resolve("train-images-idx3-ubyte.gz"), LoadOptions.defaults());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        assertEquals(3, d.classCount());

        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idxImages(2, 2, 2, pixels(8)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idxLabels(new byte[] {1, 1, 1}));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataLoader.load(dir.toString(), LoadOptions.defaults()));
        assertEquals(dir.resolve("t10k-labels-idx1-ubyte")
                + ": label count: 3 labels for 2 rows in t10k-images-idx3-ubyte"
                + " (expected one label per row)", e.getMessage());
    }

    @Test
    void folderWithTheFourStandardFilesGivesTrainAndTest() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idxImages(3, 2, 2, pixels(12))));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idxLabels(new byte[] {2, 0, 1})));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(idxImages(2, 2, 2, pixels(8))));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idxLabels(new byte[] {0, 1})));
        Splits s = DataLoader.load(dir.toString(), LoadOptions.withNames("a,b,c"));
        assertEquals("train", s.train().name());
        assertEquals("test", s.test().name());
        assertEquals(3, s.train().rows());
        assertEquals(2, s.test().rows());
        assertEquals(java.util.List.of("a", "b", "c"), s.test().classNames());
    }

    @Test
    void embeddedSampleIsFashionMnist() throws IOException {
        Splits s = DataLoader.load("sample", LoadOptions.defaults());
        assertEquals(2000, s.train().rows());
        assertEquals(500, s.test().rows());
        assertEquals(784, s.train().columns());
        assertEquals("T-shirt/top", s.train().classNames().get(0));
        assertEquals("Ankle boot", s.train().classNames().get(9));
    }

    @Test
    void fullFashionMnistFromTheDebianPackage() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR),
                "needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
        Splits s = DataLoader.load("fashion-mnist", LoadOptions.defaults());
        assertEquals(60000, s.train().rows());
        assertEquals(10000, s.test().rows());
        assertEquals(new ImageShape(28, 28, 1), s.train().imageShape());
        long[] train = s.train().classCounts();
        long[] test = s.test().classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, train[c]);
            assertEquals(1000, test[c]);
        }
        // the embedded sample is the first 2,000 training images
        Dataset sample = FashionMnist.sample().train();
        float[] a = FloatMatrix.toArray(sample.features());
        float[] b = new float[a.length];
        FloatMatrix.view(s.train().features()).get(0, b, 0, b.length);
        assertArrayEquals(a, b);
    }
}
