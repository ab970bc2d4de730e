package dev.embedscope.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.ByteSource;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.ImageShape;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.MappedRows;
import dev.embedscope.data.NpyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The large benchmark set: originals first, derived images by their source's label, the same for any threads. */
class LargeSetTest {

    @TempDir
    Path dir;

    @Test
    void theIdentityTransformAndWholePixelShiftsAreExact() {
        int h = 5;
        int w = 6;
        float[] src = new float[h * w];
        for (int i = 0; i < src.length; i++) {
            src[i] = (i * 37) % 256;
        }
        byte[] out = new byte[h * w];
        ImageAugment.apply(src, h, w, new ImageAugment.Transform(0, 0, 0, 0), new SplittableRandom(1), out, 0);
        for (int i = 0; i < src.length; i++) {
            assertEquals(src[i], out[i] & 0xff, "pixel " + i);
        }
        ImageAugment.apply(src, h, w, new ImageAugment.Transform(0, 1, 2, 0), new SplittableRandom(1), out, 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float expected = x >= 1 && y >= 2 ? src[(y - 2) * w + x - 1] : 0;
                assertEquals(expected, out[y * w + x] & 0xff, "shifted pixel " + x + "," + y);
            }
        }
        // a half turn about the centre maps (x, y) to (w-1-x, h-1-y)
        ImageAugment.apply(src, h, w, new ImageAugment.Transform(Math.PI, 0, 0, 0), new SplittableRandom(1), out, 0);
        assertEquals(src[(h - 1) * w + w - 1], out[0] & 0xff);
        assertEquals(src[w + 2], out[(h - 2) * w + w - 3] & 0xff);
    }

    @Test
    void originalsFirstThenDerivedImagesWithTheirSourcesLabelsTheSameForAnyThreadCount() throws IOException {
        Dataset sample = DataLoader.load(DataLoader.SAMPLE, LoadOptions.defaults()).train().head(300);
        int n = 1000;
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        LargeSet.write(sample, n, 7, 1, a, dir.resolve("la.npy"));
        LargeSet.write(sample, n, 7, 3, b, dir.resolve("lb.npy"));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "1 and 3 threads");
        assertFalse(Files.exists(dir.resolve("a.npy.part")));
        LargeSet.write(sample, n, 8, 2, dir.resolve("c.npy"), dir.resolve("lc.npy"));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(dir.resolve("c.npy"))),
                "another seed, other images");
        int d = 28 * 28;
        float[] source = FloatMatrix.toArray(sample.features());
        int[] labels = NpyReader.readLabels(ByteSource.of(dir.resolve("la.npy")));
        try (MappedRows rows = MappedRows.open(a)) {
            assertEquals(n, rows.rows());
            assertEquals(new ImageShape(28, 28, 1), rows.imageShape());
            float[] all = new float[n * d];
            rows.read(0, n, all);
            double own = 0;
            double other = 0;
            for (int i = 0; i < n; i++) {
                int of = i % 300;
                assertEquals(sample.labels()[of], labels[i], "label of image " + i);
                double diff = 0;
                double corr = 0;
                double ss = 0;
                double tt = 0;
                for (int j = 0; j < d; j++) {
                    float s = source[of * d + j];
                    float t = all[i * d + j];
                    diff += Math.abs(s - t);
                    corr += s * t;
                    ss += s * s;
                    tt += t * t;
                }
                if (i < 300) {
                    assertEquals(0, diff, "original " + i + " as it is");
                } else {
                    assertTrue(diff > 0, "derived " + i + " differs");
                    own += corr / Math.sqrt(ss * tt + 1e-9);
                    other += cosine(all, i, source, (of + 1) % 300, d);
                }
            }
            own /= n - 300;
            other /= n - 300;
            assertTrue(own > 0.8 && own > other + 0.1, "derived images resemble their sources: cosine " + own
                    + ", to the next source " + other);
        }
    }

    private static double cosine(float[] a, int i, float[] b, int j, int d) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int c = 0; c < d; c++) {
            ab += a[i * d + c] * b[j * d + c];
            aa += a[i * d + c] * a[i * d + c];
            bb += b[j * d + c] * b[j * d + c];
        }
        return ab / Math.sqrt(aa * bb + 1e-9);
    }
}
