package dev.embedscope.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One paragraph in plain words: what differs between the splits, how strongly, and which checks say so. */
public final class Verdict {

    private Verdict() {
    }

    /**
     * What a verdict is made of: the splits' and features' names, and each check's result. {@code resolution},
     * {@code mixing} and {@code leakage}'s near duplicates may be missing (null) where they were not run, as on
     * a cluster, where the verdict then says so; {@code exactCopies} counts test rows copied from training.
     */
    public record Parts(String train, String test, List<String> featureNames, List<String> classNames,
                        ClassShift classes, ResolutionShift resolution, FeatureDrift drift, int exactCopies,
                        MixingTest mixing, Leakage leakage) {

        public static Parts of(Comparison c) {
            return new Parts(c.train().name(), c.test().name(), c.train().allFeatureNames(), c.train().classNames(),
                    c.classes(), c.resolution(), c.drift(), c.leakage().exactCount(), c.mixing(), c.leakage());
        }
    }

    /** What differs between the splits, one clause each; empty when nothing does. */
    public static List<String> found(Comparison c) {
        return found(Parts.of(c));
    }

    /** What differs between the splits, one clause each; empty when nothing does. */
    public static List<String> found(Parts c) {
        List<String> found = new ArrayList<>();
        ClassShift cs = c.classes();
        if (cs != null && cs.flagged()) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "the class distribution differs (chi-square p = %.2g, Cramér's V = %.2f)", cs.pValue(),
                            cs.cramersV()));
            if (!cs.onlyInTrain().isEmpty()) {
                s.append("; only in ").append(c.train()).append(": ").append(String.join(", ",
                        cs.onlyInTrain()));
            }
            if (!cs.onlyInTest().isEmpty()) {
                s.append("; only in ").append(c.test()).append(": ").append(String.join(", ", cs.onlyInTest()));
            }
            found.add(s.toString());
        }
        ResolutionShift rs = c.resolution();
        if (rs != null && rs.shifted()) {
            found.add(String.format(Locale.ROOT, "the image files differ in size or layout before resizing (%s: %s; "
                    + "%s: %s), so a model trained on one sees other pixels on the other", c.train(),
                    rs.train(), c.test(), rs.test()));
        }
        FeatureDrift fd = c.drift();
        int drifting = fd.flaggedCount();
        if (drifting > 0) {
            int top = fd.ranking()[0];
            found.add(String.format(Locale.ROOT,
                    "%d of %d features drift (KS D ≥ %.1f with Benjamini-Hochberg q < %.2f); the"
                            + " largest is %s (D = %.2f, PSI = %.2f, %s)", drifting, fd.features(),
                    FeatureDrift.MIN_D, FeatureDrift.ALPHA, c.featureNames().get(top), fd.ks()[top], fd.psi()[top],
                    shift(fd.meanShift()[top])));
        }
        if (c.exactCopies() > 0) {
            found.add(String.format(Locale.ROOT,
                    "%d %s rows are exact copies of %s rows (leakage: scores on %s overstate"
                    + " generalisation)", c.exactCopies(), c.test(), c.train(), c.test()));
        }
        MixingTest mx = c.mixing();
        if (mx != null && mx.flagged()) {
            List<String> moved = new ArrayList<>();
            for (int k = 0; k < mx.classScores().length; k++) {
                if (mx.classFlagged(k)) {
                    moved.add(c.classNames().get(k)
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
        return of(Parts.of(c));
    }

    public static String of(Parts c) {
        List<String> found = found(c);
        ClassShift cs = c.classes();
        FeatureDrift fd = c.drift();
        MixingTest mx = c.mixing();
        Leakage lk = c.leakage();
        StringBuilder v = new StringBuilder();
        if (found.isEmpty()) {
            v.append(String.format(Locale.ROOT, "No shift found: %s and %s look like draws from one distribution.",
                    c.train(), c.test()));
            v.append(cs == null ? " The class test was skipped (labels are missing in a split)."
                    : String.format(Locale.ROOT,
                    " Class shares agree (chi-square p = %.2g),", cs.pValue()));
            v.append(String.format(Locale.ROOT, " no feature drifts beyond KS D %.1f after correcting for %d tests,",
                    FeatureDrift.MIN_D, fd.features()));
            v.append(mx == null ? "" : String.format(Locale.ROOT,
                    " the splits mix in the joint space (kNN mixing score %.2f, p = %.2f)", mx.score(), mx.pValue()));
            v.append(c.exactCopies() == 0 ? " and no test row is a copy of a training row." : ".");
        } else {
            v.append(String.format(Locale.ROOT, "%s differs from %s: ", c.test(), c.train()));
            v.append(String.join("; ", found)).append('.');
        }
        if (mx == null || lk == null) {
            v.append(" Not run here: the kNN mixing test and the near-duplicate search (they need the rows in one"
                    + " place; run embedscope compare on a sample or on the projection).");
        }
        if (lk != null && lk.nearCount() > 0) {
            v.append(String.format(Locale.ROOT,
                    " %d %s rows have a near-duplicate in %s (distance under %.3g in the joint"
                    + " space, %.0f%% of the median nearest-neighbour distance).", lk.nearCount(), c.test(),
                    c.train(), lk.threshold(), 100 * lk.threshold() / lk.medianNearestDistance()));
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
