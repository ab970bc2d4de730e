package dev.embedscope.scale;

import java.util.Locale;

/**
 * Which scaler to fit: {@code standard}, {@code minmax} (to [0, 1] or {@code minmax:a,b}),
 * {@code robust} (median and interquartile range), {@code divide:X} (a fixed divisor such as 255) or given
 * per-channel statistics of colour images for a pretrained model: {@code imagenet} (means 0.485, 0.456, 0.406
 * and standard deviations 0.229, 0.224, 0.225 of values in [0, 1]) or {@code channels:m1,m2,m3/s1,s2,s3}.
 */
public record ScalerSpec(Scaler.Method method, float low, float high, float divisor, float[] channelMean,
                         float[] channelStd) {

    /** ImageNet's per-channel means (RGB) of values in [0, 1], as torchvision's models expect them. */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    /** ImageNet's per-channel standard deviations (RGB). */
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public ScalerSpec(Scaler.Method method, float low, float high, float divisor) {
        this(method, low, high, divisor, null, null);
    }

    public ScalerSpec {
        if (method == Scaler.Method.CHANNELS && (channelMean == null || channelStd == null
                || channelMean.length != channelStd.length || channelMean.length == 0)) {
            throw new IllegalArgumentException("per-channel statistics need as many means as standard deviations");
        }
        if (channelStd != null) {
            for (float v : channelStd) {
                if (!(v > 0 && Float.isFinite(v))) {
                    throw new IllegalArgumentException("per-channel standard deviations must be positive, got " + v);
                }
            }
        }
        if (method == Scaler.Method.MINMAX && !(low < high)) {
            throw new IllegalArgumentException("minmax range must have low < high, got " + low + "," + high);
        }
        if (method == Scaler.Method.DIVIDE && !(divisor != 0 && Float.isFinite(divisor))) {
            throw new IllegalArgumentException("divide needs a finite non-zero divisor, got " + divisor);
        }
    }

    public static ScalerSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("standard")) {
                return new ScalerSpec(Scaler.Method.STANDARD, 0, 1, 1);
            }
            if (t.equals("robust")) {
                return new ScalerSpec(Scaler.Method.ROBUST, 0, 1, 1);
            }
            if (t.equals("minmax")) {
                return new ScalerSpec(Scaler.Method.MINMAX, 0, 1, 1);
            }
            if (t.startsWith("minmax:")) {
                String[] p = t.substring(7).split(",");
                if (p.length == 2) {
                    return new ScalerSpec(Scaler.Method.MINMAX, Float.parseFloat(p[0]), Float.parseFloat(p[1]), 1);
                }
            }
            if (t.equals("imagenet")) {
                return new ScalerSpec(Scaler.Method.CHANNELS, 0, 1, 1, IMAGENET_MEAN.clone(), IMAGENET_STD.clone());
            }
            if (t.startsWith("channels:") && t.contains("/")) {
                String[] ms = t.substring(9).split("/", -1);
                if (ms.length == 2) {
                    return new ScalerSpec(Scaler.Method.CHANNELS, 0, 1, 1, floats(ms[0]), floats(ms[1]));
                }
            }
            if (t.startsWith("divide:")) {
                return new ScalerSpec(Scaler.Method.DIVIDE, 0, 1, Float.parseFloat(t.substring(7)));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("unknown scaler '" + text
                + "' (expected standard, minmax, minmax:LOW,HIGH, robust, divide:X such as divide:255, imagenet or "
                + "channels:M1,M2,M3/S1,S2,S3)");
    }

    private static float[] floats(String list) {
        String[] p = list.split(",");
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Float.parseFloat(p[i].trim());
        }
        return out;
    }
}
