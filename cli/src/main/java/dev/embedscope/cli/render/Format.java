package dev.embedscope.cli.render;

import dev.embedscope.util.Numbers;

/** Text formatting for terminal tables; numbers through the engine's one formatter ({@link Numbers}). */
public final class Format {

    private Format() {
    }

    /** {@link Numbers#num}. */
    public static String num(double v) {
        return Numbers.num(v);
    }

    public static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
