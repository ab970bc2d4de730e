package dev.embedscope.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One paragraph in plain words: what differs between the splits, how strongly, and which checks say so. */
public final class Verdict {

    private Verdict() {
    }

    /** What differs between the splits, one clause each; empty when nothing does. */
    public static List<String> found(Comparison c) {
        List<String> found = new ArrayList<>();
        ClassShift cs = c.classes();
        if (cs != null && cs.flagged()) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "the class distribution differs (chi-square p = %.2g, Cramér's V = %.2f)", cs.pValue(),
                            cs.cramersV()));
            if (!cs.onlyInTrain().isEmpty()) {
                s.append("; only in ").append(c.train().name()).append(": ").append(String.join(", ",
                        cs.onlyInTrain()));
            }
            if (!cs.onlyInTest().isEmpty()) {
                s.append("; only in ").append(c.test().name()).append(": ").append(String.join(", ", cs.onlyInTest()));
            }
            found.add(s.toString());
        }
        ResolutionShift rs = c.resolution();
        if (rs != null && rs.shifted()) {
            found.add(String.format(Locale.ROOT, "the image files differ in size or layout before resizing (%s: %s; "
                    + "%s: %s), so a model trained on one sees other pixels on the other", c.train().name(),
                    rs.train(), c.test().name(), rs.test()));
        }
        FeatureDrift fd = c.drift();
        int drifting = fd.flaggedCount();
        if (drifting > 0) {
            int top = fd.ranking()[0];
            found.add(String.format(Locale.ROOT,
                    "%d of %d features drift (KS D ≥ %.1f with Benjamini-Hochberg q < %.2f); the"
                            + " largest is %s (D = %.2f, PSI = %.2f, %s)", drifting, fd.features(),
                    FeatureDrift.MIN_D, FeatureDrift.ALPHA, c.train().featureName(top), fd.ks()[top], fd.psi()[top],
                    shift(fd.meanShift()[top])));
        }
        Leakage lk = c.leakage();
        if (lk.exactCount() > 0) {
            found.add(String.format(Locale.ROOT,
                    "%d %s rows are exact copies of %s rows (leakage: scores on %s overstate"
                    + " generalisation)", lk.exactCount(), c.test().name(), c.train().name(), c.test().name()));
        }
        MixingTest mx = c.mixing();
        if (mx.flagged()) {
            List<String> moved = new ArrayList<>();
            for (int k = 0; k < mx.classScores().length; k++) {
                if (mx.classFlagged(k)) {
                    moved.add(c.train().classNames().get(k)
                            + String.format(Locale.ROOT, " (%.2f)", mx.classScores()[k]));
                }
            }
            found.add(String.format(Locale.ROOT,
                    "the splits do not mix in the joint PCA space (kNN mixing score %.2f, where 1"
                    + " is a perfect mix; permutation p = %.3f)%s", mx.score(), mx.pValue(),
                    moved.isEmpty() ? "" : "; the classes that moved most: " + String.join(", ", moved)));
        }
        return found;
    }

    /** Whether the verdict finds that the splits differ (what {@code compare --fail-on shift} fails on). */
    public static boolean shifted(Comparison c) {
        return !found(c).isEmpty();
    }

    public static String of(Comparison c) {
        List<String> found = found(c);
        ClassShift cs = c.classes();
        FeatureDrift fd = c.drift();
        MixingTest mx = c.mixing();
        Leakage lk = c.leakage();
        StringBuilder v = new StringBuilder();
        if (found.isEmpty()) {
            v.append(String.format(Locale.ROOT, "No shift found: %s and %s look like draws from one distribution.",
                    c.train().name(), c.test().name()));
            v.append(cs == null ? " The class test was skipped (labels are missing in a split)."
                    : String.format(Locale.ROOT,
                    " Class shares agree (chi-square p = %.2g),", cs.pValue()));
            v.append(String.format(Locale.ROOT, " no feature drifts beyond KS D %.1f after correcting for %d tests,",
                    FeatureDrift.MIN_D, fd.features()));
            v.append(String.format(Locale.ROOT, " the splits mix in the joint space (kNN mixing score %.2f, p = %.2f)",
                    mx.score(), mx.pValue()));
            v.append(lk.exactCount() == 0 ? " and no test row is a copy of a training row." : ".");
        } else {
            v.append(String.format(Locale.ROOT, "%s differs from %s: ", c.test().name(), c.train().name()));
            v.append(String.join("; ", found)).append('.');
        }
        if (lk.nearCount() > 0) {
            v.append(String.format(Locale.ROOT,
                    " %d %s rows have a near-duplicate in %s (distance under %.3g in the joint"
                    + " space, %.0f%% of the median nearest-neighbour distance).", lk.nearCount(), c.test().name(),
                    c.train().name(), lk.threshold(), 100 * lk.threshold() / lk.medianNearestDistance()));
        }
        return v.toString();
    }

    /** A mean shift in words: in training standard deviations, or what an infinite one means. */
    public static String shift(double meanShift) {
        if (Double.isInfinite(meanShift)) {
            return "constant in the training split, its test mean " + (meanShift > 0 ? "higher" : "lower");
        }
        return String.format(Locale.ROOT, "mean shift %+.2f training SD", meanShift);
    }
}
