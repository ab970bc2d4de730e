package dev.embedscope.cli.render;

import dev.embedscope.pipeline.JobListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows an embedding job on standard error: its notes (which backend, the time estimate) as
 * {@code embedscope: …} lines, and its phases as progress bars with ETA and the current KL when
 * bars are on. One per run; {@link #finish()} ends the last bar's line.
 */
public final class ProgressListener implements JobListener {

    private final PrintWriter err;
    private final boolean bars;
    private final ProgressBar bar;
    private final boolean notes;
    private double lastKl = Double.NaN;

    public ProgressListener(PrintWriter err, boolean bars) {
        this(err, bars, true);
    }

    /** With {@code notes} false the job's notes are not printed (a command that prints its own lines). */
    public ProgressListener(PrintWriter err, boolean bars, boolean notes) {
        this.err = err;
        this.bars = bars;
        this.notes = notes;
        this.bar = new ProgressBar(err, bars);
    }

    @Override
    public void note(String line) {
        if (!notes) {
            return;
        }
        bar.finishLine();
        err.println("embedscope: " + line);
        err.flush();
    }

    @Override
    public void progress(Phase phase, long done, long total) {
        if (!bars) {
            return;
        }
        bar.update(phaseName(phase), done, total, phase == Phase.OPTIMIZATION && !Double.isNaN(lastKl)
                ? String.format(Locale.ROOT, "KL %.4f", lastKl) : null);
    }

    @Override
    public boolean iteration(int it, double kl, double[] y) {
        if (!Double.isNaN(kl)) {
            lastKl = kl;
        }
        return !Thread.currentThread().isInterrupted();
    }

    /** Ends the current bar's line. */
    public void finish() {
        bar.finishLine();
    }

    static String phaseName(Phase phase) {
        return switch (phase) {
            case PCA -> "PCA";
            case KNN -> "kNN";
            case AFFINITIES -> "affinities";
            case OPTIMIZATION -> "optimisation";
        };
    }
}
