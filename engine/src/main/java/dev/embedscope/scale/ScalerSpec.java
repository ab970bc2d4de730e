package dev.embedscope.scale;

import java.util.Locale;

/**
 * Which scaler to fit: {@code standard}, {@code minmax} (to [0, 1] or {@code minmax:a,b}),
 * {@code robust} (median and interquartile range) or {@code divide:X} (a fixed divisor such as 255).
 */
public record ScalerSpec(Scaler.Method method, float low, float high, float divisor) {

    public ScalerSpec {
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
            if (t.startsWith("divide:")) {
                return new ScalerSpec(Scaler.Method.DIVIDE, 0, 1, Float.parseFloat(t.substring(7)));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("unknown scaler '" + text
                + "' (expected standard, minmax, minmax:LOW,HIGH, robust or divide:X such as divide:255)");
    }
}
