package dev.embedscope.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar with ETA on standard error, redrawn at most ten times a second; only
 * drawn when standard error is a terminal (or when forced), so logs and tests stay clean.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private String label;
    private long started;
    private long lastDraw;
    private int lastLength;

    ProgressBar(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static boolean terminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    void update(String phase, long done, long total, String extra) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!phase.equals(label)) {
            if (label != null) {
                finishLine();
            }
            label = phase;
            started = now;
            lastDraw = 0;
        }
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double frac = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(frac * WIDTH);
        double elapsed = (now - started) / 1e9;
        String eta = frac > 0.02 && frac < 1 ? String.format(Locale.ROOT, " ETA %s", seconds(elapsed / frac - elapsed)) : "";
        String line = String.format(Locale.ROOT, "  %-13s [%s%s] %3.0f%% %s%s%s", phase, "#".repeat(filled), "-".repeat(WIDTH - filled),
                100 * frac, seconds(elapsed), eta, extra == null ? "" : "  " + extra);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    void finishLine() {
        if (enabled && label != null) {
            err.println();
            err.flush();
            label = null;
            lastLength = 0;
        }
    }

    static String seconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1fs", s);
        }
        return String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
    }
}
