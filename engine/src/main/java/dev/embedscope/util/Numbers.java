package dev.embedscope.util;

import java.util.Locale;

/** The one number formatter for words meant for people: compact numbers and durations. */
public final class Numbers {

    private Numbers() {
    }

    /**
     * A number as short as it can be read: whole numbers without decimals, others with four
     * significant digits (trailing zeros dropped), scientific notation below 0.001 or from a million
     * up, "-" for NaN.
     */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        String t = String.format(Locale.ROOT, "%.4g", v);
        if (t.contains(".") && !t.contains("e")) {
            t = t.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return t;
    }

    /** A duration in words: "4.2 s", "42 s", "2 min 05 s", "1 h 02 min". */
    public static String duration(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, (long) seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", (long) seconds / 3600, (long) seconds % 3600 / 60);
    }

    /** A duration for a progress bar: "4.2s", "2m05s". */
    public static String compactDuration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        return String.format(Locale.ROOT, "%dm%02ds", (long) seconds / 60, (long) seconds % 60);
    }
}
