package dev.embedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The resampler against hand-computed block means, linear interpolation and constant images. */
class ImageResamplerTest {

    @Test
    void halvingGivesTheMeanOfEachBlock() {
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i;
        }
        float[] out = ImageResampler.resize(v, new ImageSize(4, 4), new ImageSize(2, 2), 1);
        // blocks {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, out, 1e-6f);
    }

    @Test
    void threeToTwoWeighsTheCoveredLength() {
        float a = 3;
        float b = 9;
        float c = 30;
        float[] out = ImageResampler.resize(new float[] {a, b, c}, new ImageSize(3, 1), new ImageSize(2, 1), 1);
        assertArrayEquals(new float[] {(a + 0.5f * b) / 1.5f, (0.5f * b + c) / 1.5f}, out, 1e-5f);
    }

    @Test
    void doublingInterpolatesBetweenPixelCentres() {
        float[] out = ImageResampler.resize(new float[] {0, 10}, new ImageSize(2, 1), new ImageSize(4, 1), 1);
        assertArrayEquals(new float[] {0, 2.5f, 7.5f, 10}, out, 1e-6f);
    }

    @Test
    void channelsAreResizedApart() {
        float[] v = {0, 100, 10, 200};
        float[] out = ImageResampler.resize(v, new ImageSize(2, 1), new ImageSize(1, 1), 2);
        assertArrayEquals(new float[] {5, 150}, out, 1e-6f);
    }

    @Test
    void sameSizeIsTheSameArrayAndConstantsStayConstant() {
        float[] v = {1, 2, 3, 4};
        assertSame(v, ImageResampler.resize(v, new ImageSize(2, 2), new ImageSize(2, 2), 1));
        Random random = new Random(7);
        for (int t = 0; t < 50; t++) {
            ImageSize from = new ImageSize(1 + random.nextInt(40), 1 + random.nextInt(40));
            ImageSize to = new ImageSize(1 + random.nextInt(40), 1 + random.nextInt(40));
            float[] flat = new float[from.width() * from.height() * 3];
            java.util.Arrays.fill(flat, 77f);
            for (float x : ImageResampler.resize(flat, from, to, 3)) {
                assertEquals(77f, x, 1e-3f, from + " → " + to);
            }
        }
    }
}
