package dev.embedscope.cli.render;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.ImageShape;

/**
 * Draws an image row in the terminal with Unicode upper half blocks: each character cell shows
 * two pixels, the upper as the foreground and the lower as the background colour (24-bit ANSI,
 * grey levels or RGB); or, plain, with an ASCII ramp of grey levels.
 */
public final class TerminalImage {

    private static final String RAMP = " .:-=+*#%@";

    private TerminalImage() {
    }

    public static String render(Dataset d, int row, boolean colour) {
        ImageShape s = d.imageShape();
        int dim = d.columns();
        float[] v = new float[dim];
        FloatMatrix.view(d.features()).get((long) row * dim, v, 0, dim);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        float scale = lo >= 0 && hi <= 1 ? 255 : lo >= 0 && hi <= 255 ? 1 : 255 / Math.max(1e-9f, hi - lo);
        float shift = lo >= 0 && hi <= 255 ? 0 : lo;
        StringBuilder sb = new StringBuilder();
        int c = s.channels();
        for (int y = 0; y < s.height(); y += 2) {
            for (int x = 0; x < s.width(); x++) {
                int[] top = rgb(v, (y * s.width() + x) * c, c, shift, scale);
                int[] bottom = y + 1 < s.height() ? rgb(v, ((y + 1) * s.width() + x) * c, c,
                        shift, scale) : new int[] {0, 0, 0};
                if (colour) {
                    sb.append("\u001b[38;2;").append(top[0]).append(';').append(top[1]).append(';').append(top[2])
                            .append('m').append("\u001b[48;2;").append(bottom[0]).append(';').append(bottom[1])
                            .append(';').append(bottom[2]).append('m').append('\u2580');
                } else {
                    int grey = (top[0] + top[1] + top[2] + bottom[0] + bottom[1] + bottom[2]) / 6;
                    sb.append(RAMP.charAt(Math.min(RAMP.length() - 1, grey * RAMP.length() / 256)));
                }
            }
            sb.append(colour ? "\u001b[0m\n" : "\n");
        }
        return sb.toString();
    }

    private static int[] rgb(float[] v, int at, int channels, float shift, float scale) {
        int r = level(v[at], shift, scale);
        if (channels >= 3) {
            return new int[] {r, level(v[at + 1], shift, scale), level(v[at + 2], shift, scale)};
        }
        return new int[] {r, r, r};
    }

    private static int level(float x, float shift, float scale) {
        return Math.max(0, Math.min(255, Math.round((x - shift) * scale)));
    }
}
