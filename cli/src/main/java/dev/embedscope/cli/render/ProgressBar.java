package dev.embedscope.cli.render;

import dev.embedscope.util.Numbers;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar with ETA on standard error, redrawn at most ten times a second; only
 * drawn when standard error is a terminal (or when forced), so logs and tests stay clean.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private String label;
    private long started;
    private long lastDraw;
    private int lastLength;

    public ProgressBar(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Whether bars are drawn by default: when standard error is a terminal ({@link Terminal#stderr()}). */
    public static boolean terminal() {
        return Terminal.stderr();
    }

    public void update(String phase, long done, long total, String extra) {
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
        String eta = frac > 0.02 && frac < 1 ? String.format(Locale.ROOT, " ETA %s",
                Numbers.compactDuration(elapsed / frac - elapsed)) : "";
        String line = String.format(Locale.ROOT, "  %-13s [%s%s] %3.0f%% %s%s%s", phase, "#".repeat(filled),
                "-".repeat(WIDTH - filled),
                100 * frac, Numbers.compactDuration(elapsed), eta, extra == null ? "" : "  " + extra);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    public void finishLine() {
        if (enabled && label != null) {
            err.println();
            err.flush();
            label = null;
            lastLength = 0;
        }
    }
}
