package dev.embedscope.bench;

import java.util.SplittableRandom;

/**
 * Makes one new greyscale image from another by a small random similarity transform and pixel noise:
 * a rotation, a sub-pixel shift, bilinear resampling (the inverse map, as image warping does: Szeliski,
 * <i>Computer Vision</i>, 2nd ed., §3.6), then Gaussian noise, rounded and clipped to 0–255. Each derived
 * image draws its transform from its own seeded stream, so a set is the same whatever the thread count.
 */
public final class ImageAugment {

    /** Largest rotation, degrees either way. */
    static final double MAX_DEGREES = 12;
    /** Largest shift, pixels either way. */
    static final double MAX_SHIFT = 2;
    /** Standard deviation of the added noise, in grey levels. */
    static final double NOISE = 6;

    private ImageAugment() {
    }

    /** One transform: rotation (radians), shift (pixels) and the noise's standard deviation. */
    public record Transform(double angle, double dx, double dy, double noise) {
        /** A transform drawn from {@code r}: angle and shift uniform within the limits above. */
        static Transform draw(SplittableRandom r) {
            return new Transform(Math.toRadians((2 * r.nextDouble() - 1) * MAX_DEGREES),
                    (2 * r.nextDouble() - 1) * MAX_SHIFT, (2 * r.nextDouble() - 1) * MAX_SHIFT, NOISE);
        }
    }

    /** The random stream of derived image {@code index} under {@code seed}. */
    public static SplittableRandom stream(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /**
     * Writes the transformed {@code src} (h×w grey levels as floats) into {@code dst[at...]} as unsigned bytes:
     * each output pixel takes the bilinear value of the source at the inverse-rotated, un-shifted position about
     * the image centre (outside the image: 0), plus noise from {@code r}.
     */
    public static void apply(float[] src, int h, int w, Transform t, SplittableRandom r, byte[] dst, int at) {
        double cos = Math.cos(t.angle());
        double sin = Math.sin(t.angle());
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x - cx - t.dx();
                double v = y - cy - t.dy();
                double sx = cos * u + sin * v + cx;
                double sy = -sin * u + cos * v + cy;
                double value = bilinear(src, h, w, sx, sy);
                if (t.noise() > 0) {
                    value += t.noise() * r.nextGaussian();
                }
                dst[at + y * w + x] = (byte) Math.max(0, Math.min(255, Math.round(value)));
            }
        }
    }

    private static double bilinear(float[] src, int h, int w, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (1 - fy) * ((1 - fx) * at(src, h, w, x0, y0) + fx * at(src, h, w, x0 + 1, y0))
                + fy * ((1 - fx) * at(src, h, w, x0, y0 + 1) + fx * at(src, h, w, x0 + 1, y0 + 1));
    }

    private static double at(float[] src, int h, int w, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : src[y * w + x];
    }
}
