package dev.embedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers against fixtures written by numpy 2.4 (np.save / np.lib.format.write_array). */
class NpyReaderTest {

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(NpyReaderTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static float[] read(String name) throws IOException {
        return FloatMatrix.toArray(NpyReader.readFeatures(ByteSource.of(fixture(name))).matrix());
    }

    static float[] base() {
        float[] v = new float[12];
        for (int i = 0; i < 12; i++) {
            v[i] = i * 1.5f - 4;
        }
        return v;
    }

    @Test
    void floatTypesBothByteOrdersAndFortranOrder() throws IOException {
        assertArrayEquals(base(), read("f8_big.npy"));
        assertArrayEquals(base(), read("f4.npy"));
        assertArrayEquals(base(), read("f4_fortran.npy"));
        NpyReader.Features f = NpyReader.readFeatures(ByteSource.of(fixture("f4_fortran.npy")));
        assertEquals(3, f.matrix().rows());
        assertEquals(4, f.matrix().columns());
        assertEquals(SourceType.FLOAT32, f.type());
        assertNull(f.imageShape());
        assertArrayEquals(new float[] {0.5f, -2f, 65504f, 1.1920929E-7f}, read("f2.npy"));
    }

    @Test
    void integerTypes() throws IOException {
        float[] expected = new float[12];
        for (int i = 0; i < 12; i++) {
            expected[i] = i - 5;
        }
        assertArrayEquals(expected, read("i4_big.npy"));
        for (int i = 0; i < 12; i++) {
            expected[i] = i * 1000;
        }
        assertArrayEquals(expected, read("i8.npy"));
    }

    @Test
    void imageArraysAreFlattenedAndKeepTheirShape() throws IOException {
        NpyReader.Features gray = NpyReader.readFeatures(ByteSource.of(fixture("u1_images.npy")));
        assertEquals(new ImageShape(3, 4, 1), gray.imageShape());
        assertEquals(SourceType.UINT8, gray.type());
        float[] g = FloatMatrix.toArray(gray.matrix());
        for (int i = 0; i < g.length; i++) {
            assertEquals(i, g[i]);
        }
        NpyReader.Features rgb = NpyReader.readFeatures(ByteSource.of(fixture("u1_rgb.npy")));
        assertEquals(new ImageShape(3, 4, 3), rgb.imageShape());
        assertEquals(36, rgb.matrix().columns());
        float[] c = FloatMatrix.toArray(rgb.matrix());
        float[] fortran = read("f4_rgb_fortran.npy");
        for (int i = 0; i < c.length; i++) {
            assertEquals(i % 256, c[i]);
        }
        assertArrayEquals(c, fortran);
    }

    @Test
    void formatVersions2And3() throws IOException {
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, read("v2_u1.npy"));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, read("v3_f4.npy"));
    }

    @Test
    void labels() throws IOException {
        assertArrayEquals(new int[] {0, 2, 1}, NpyReader.readLabels(ByteSource.of(fixture("labels_i8.npy"))));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> NpyReader.readLabels(ByteSource.of(fixture("labels_f4.npy"))));
        assertTrue(e.getMessage().endsWith("labels_f4.npy: NPY header: labels of dtype float32 "
                + "(expected an integer dtype)"));
    }

    @Test
    void unsupportedDtypeAndTruncatedData() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> NpyReader.readFeatures(ByteSource.of(fixture("c16.npy"))));
        assertTrue(e.getMessage().contains("c16.npy: NPY header: dtype '<c8' is not supported"), e.getMessage());
        byte[] full = Files.readAllBytes(fixture("f8_big.npy"));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(full, full.length - 5));
        e = assertThrows(DataFormatException.class, () -> NpyReader.readFeatures(ByteSource.of(cut)));
        assertEquals(cut + ": byte 219: file ends early: expected 12 elements of float64 (96 bytes) "
                + "for shape [3, 4], got 91 bytes",
                e.getMessage());
        Path notNpy = dir.resolve("x.npy");
        Files.write(notNpy, "\u0093NUMPX....".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(DataFormatException.class, () -> NpyReader.readFeatures(ByteSource.of(notNpy)))
                .getMessage().contains("not an NPY file"));
    }

    @Test
    void writerRoundTripsThroughTheReader() throws IOException {
        float[] values = {1.5f, Float.NaN, -3e7f, 0f, 1e-30f, 42f};
        Path p = dir.resolve("round.npy");
        try (OutputStream out = Files.newOutputStream(p)) {
            NpyWriter.writeFloat32(FloatMatrix.of(values, 2, 3), out);
        }
        NpyReader.Features f = NpyReader.readFeatures(ByteSource.of(p));
        assertEquals(2, f.matrix().rows());
        assertArrayEquals(values, FloatMatrix.toArray(f.matrix()));
        Path l = dir.resolve("labels.npy");
        try (OutputStream out = Files.newOutputStream(l)) {
            NpyWriter.writeInt32(new int[] {3, 1, 4, 1, 5}, out);
        }
        assertArrayEquals(new int[] {3, 1, 4, 1, 5}, NpyReader.readLabels(ByteSource.of(l)));
        // numpy requires the header (magic + length + dict) to be a multiple of 64 bytes
        byte[] bytes = Files.readAllBytes(p);
        int headerLen = (bytes[8] & 0xff) | ((bytes[9] & 0xff) << 8);
        assertEquals(0, (10 + headerLen) % 64);
        assertEquals('\n', bytes[10 + headerLen - 1]);
    }

    @Test
    void npyWithLabelsThroughTheLoader() throws IOException {
        Dataset d = DataLoader.loadFile(fixture("f4.npy"), LoadOptions.defaults().withLabels(fixture("labels_i8.npy")));
        assertArrayEquals(new int[] {0, 2, 1}, d.labels());
        assertEquals(java.util.List.of("0", "1", "2"), d.classNames());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataLoader.loadFile(fixture("u1_images.npy"),
                        LoadOptions.defaults().withLabels(fixture("labels_i8.npy"))));
        assertTrue(e.getMessage().endsWith("labels_i8.npy: label count: 3 labels for 2 rows in u1_images.npy "
                + "(expected one label per row)"));
    }
}
