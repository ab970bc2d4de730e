package dev.embedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory-mapped rows against the readers that load the whole file: the same floats, row by row. */
class MappedRowsTest {

    @TempDir
    Path dir;

    static byte[] npy(String descr, String shape, boolean fortran, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + shape + "), }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] idx(int n, int h, int w, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(n).putInt(h).putInt(w).put(pixels);
        return b.array();
    }

    static float[] all(RowSource s) {
        float[] v = new float[(int) s.rows() * s.columns()];
        s.read(0, (int) s.rows(), v);
        return v;
    }

    @Test
    void uint8ImagesMatchTheNpyReaderAcrossSegmentBoundaries() throws IOException {
        int n = 101;
        byte[] pixels = new byte[n * 5 * 4 * 3];
        new Random(2).nextBytes(pixels);
        Path file = dir.resolve("images.npy");
        Files.write(file, npy("|u1", n + ", 5, 4, 3", false, pixels));
        float[] expected = FloatMatrix.toArray(NpyReader.readFeatures(ByteSource.of(file)).matrix());
        assertNull(MappedRows.whyNot(file));
        try (MappedRows whole = MappedRows.open(file); MappedRows small = MappedRows.open(file, 7 * 60 + 13)) {
            assertEquals(n, whole.rows());
            assertEquals(60, whole.columns());
            assertEquals(new ImageShape(5, 4, 3), whole.imageShape());
            assertEquals(SourceType.UINT8, whole.sourceType());
            assertEquals("images", whole.name());
            assertArrayEquals(expected, all(whole));
            assertArrayEquals(expected, all(small), "segments of 7 rows");
            float[] middle = new float[9 * 60];
            small.read(5, 9, middle);
            assertArrayEquals(Arrays.copyOfRange(expected, 5 * 60, 14 * 60), middle, "rows 5..13 across a segment");
            small.evict();
            assertArrayEquals(expected, all(small), "mapped again after eviction");
        }
    }

    @Test
    void bigEndianFloatsAndRawIdxMatchTheirReaders() throws IOException {
        int n = 40;
        int d = 7;
        ByteBuffer be = ByteBuffer.allocate(n * d * 4).order(ByteOrder.BIG_ENDIAN);
        Random r = new Random(5);
        for (int i = 0; i < n * d; i++) {
            be.putFloat((float) r.nextGaussian());
        }
        Path f = dir.resolve("floats.npy");
        Files.write(f, npy(">f4", n + ", " + d, false, be.array()));
        try (MappedRows m = MappedRows.open(f, 3 * d * 4)) {
            assertArrayEquals(FloatMatrix.toArray(NpyReader.readFeatures(ByteSource.of(f)).matrix()), all(m));
            assertNull(m.imageShape());
        }
        byte[] pixels = new byte[n * 28 * 28];
        r.nextBytes(pixels);
        Path images = dir.resolve("train-images-idx3-ubyte");
        Files.write(images, idx(n, 28, 28, pixels));
        try (MappedRows m = MappedRows.open(images)) {
            assertArrayEquals(FloatMatrix.toArray(IdxReader.readImages(ByteSource.of(images)).pixels()), all(m));
            assertEquals(new ImageShape(28, 28, 1), m.imageShape());
        }
    }

    @Test
    void selectReadsTheChosenRowsInOrder() throws IOException {
        byte[] pixels = new byte[10 * 9];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        Path file = dir.resolve("ten.npy");
        Files.write(file, npy("|u1", "10, 3, 3", false, pixels));
        try (MappedRows m = MappedRows.open(file)) {
            RowSource picked = m.select(new long[] {7, 2});
            float[] v = all(picked);
            assertEquals(2, picked.rows());
            assertEquals(63, v[0]);
            assertEquals(18, v[9]);
        }
    }

    @Test
    void refusesWhatCannotBeMappedWithTheReason() throws IOException {
        Path gz = dir.resolve("a.npy.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(npy("|u1", "4, 3, 3", false, new byte[36]));
        }
        assertTrue(MappedRows.whyNot(gz).contains("gzip"));
        Path fortran = dir.resolve("f.npy");
        Files.write(fortran, npy("<f4", "4, 3", true, new byte[48]));
        assertTrue(MappedRows.whyNot(fortran).contains("Fortran"));
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        assertTrue(MappedRows.whyNot(csv).contains("only uncompressed NPY and IDX"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> MappedRows.open(gz));
        assertTrue(e.getMessage().contains("cannot be streamed"), e.getMessage());
        Path shortFile = dir.resolve("short.npy");
        Files.write(shortFile, npy("|u1", "4, 3, 3", false, new byte[30]));
        e = assertThrows(DataFormatException.class, () -> MappedRows.open(shortFile));
        assertTrue(e.getMessage().contains("file ends early") && e.getMessage().contains("short.npy"), e.getMessage());
        Path longFile = dir.resolve("long.npy");
        Files.write(longFile, npy("|u1", "4, 3, 3", false, new byte[40]));
        e = assertThrows(DataFormatException.class, () -> MappedRows.open(longFile));
        assertTrue(e.getMessage().contains("unexpected data"), e.getMessage());
    }
}
