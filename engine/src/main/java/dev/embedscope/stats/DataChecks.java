package dev.embedscope.stats;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.SourceType;
import dev.embedscope.util.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Turns a split's statistics and rows into findings, with no hints from the user: missing and
 * infinite values, zeros that stand for missing values, constant features, ranges that differ by
 * orders of magnitude, integers stored as floats, class imbalance, duplicate rows (with
 * conflicting labels), and data where every row (or most rows) are one and the same.
 */
public final class DataChecks {

    /** A feature range ratio (largest spread / smallest spread) from which scaling is recommended. */
    public static final double RANGE_RATIO = 100;
    /** A largest/smallest class ratio from which imbalance is a warning (informational from 1.5). */
    public static final double IMBALANCE_WARNING = 3;
    private static final int LISTED = 10;

    private DataChecks() {
    }

    public static List<Finding> run(Dataset data, FeatureStats stats, List<int[]> duplicateGroups) {
        List<Finding> out = new ArrayList<>(TableChecks.run(data));
        out.addAll(run(DatasetFacts.of(data), stats, duplicateGroups == null ? List.of()
                : RowGroup.of(duplicateGroups, data.labels())));
        return out;
    }

    /** The findings that need only a split's facts, statistics and groups of identical rows (not its table). */
    public static List<Finding> run(DatasetFacts data, FeatureStats stats, List<RowGroup> duplicateGroups) {
        List<Finding> out = new ArrayList<>();
        List<String> names = data.featureNames();
        missing(stats, names, out);
        infinite(stats, names, out);
        zerosAsMissing(stats, names, out);
        constant(data, stats, names, out);
        if (!data.image()) {
            ranges(stats, names, out);
        }
        integerAsFloat(data, stats, names, out);
        if (data.hasLabels()) {
            imbalance(data, out);
        }
        duplicates(data, duplicateGroups, out);
        return out;
    }

    /** Skewness beyond which a feature is called strongly skewed. */
    public static final double STRONG_SKEW = 1.0;

    /** A finding naming the features whose skewness is beyond ±{@link #STRONG_SKEW} (not one-hot or boolean). */
    public static List<Finding> skewed(Dataset data, double[] skew) {
        java.util.Set<String> binary = data.tabular() == null ? java.util.Set.of()
                : data.tabular().encoder().unscaledFeatures();
        List<String> features = new ArrayList<>();
        StringBuilder detail = new StringBuilder();
        for (int j = 0; j < skew.length; j++) {
            String name = data.featureName(j);
            if (Math.abs(skew[j]) > STRONG_SKEW && !binary.contains(name)) {
                features.add(name);
                if (features.size() <= LISTED) {
                    detail.append(features.size() > 1 ? ", " : "").append(name).append(" (")
                            .append(Numbers.num(skew[j])).append(')');
                }
            }
        }
        if (features.isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(Finding.Check.SKEWED, Finding.Severity.INFO, features.size()
                + " feature(s) are strongly skewed (|skewness| > 1): " + detail + more(features.size()), features, null,
                "A long tail decides distances after scaling; a Yeo-Johnson or quantile normalisation, fitted on the "
                        + "training split, makes them closer to normal."));
    }

    /**
     * Findings from the predictive power of single features and of the row order: a feature that alone
     * predicts the label almost perfectly ({@link LabelLeakage#LEAK}), labels that follow the row order.
     */
    public static List<Finding> leakage(LabelLeakage.Result r) {
        List<Finding> out = new ArrayList<>();
        for (LabelLeakage.Score s : r.features()) {
            if (s.balancedAccuracy() >= LabelLeakage.LEAK) {
                out.add(new Finding(Finding.Check.LABEL_LEAKAGE, Finding.Severity.WARNING, "'" + s.feature()
                        + "' alone predicts the label (balanced accuracy " + Numbers.num(s.balancedAccuracy())
                        + ", chance " + Numbers.num(r.chance()) + ")", List.of(s.feature()), null,
                        "Check it is known at prediction time; a feature computed from the label, or recorded after "
                                + "it, makes any model look perfect and fail in use."));
            }
        }
        double row = r.rowOrder().balancedAccuracy();
        if (row >= Math.max(0.9, r.chance() + 0.3)) {
            out.add(new Finding(Finding.Check.ROW_ORDER, Finding.Severity.WARNING, "the labels follow the row order: "
                    + "the row number alone predicts them (balanced accuracy " + Numbers.num(row) + ", chance "
                    + Numbers.num(r.chance()) + ")", null, null, "Shuffle the rows before taking a test split or "
                    + "folds from the end or the start, or one class ends up missing from training."));
        }
        return out;
    }

    private static void missing(FeatureStats s, List<String> names, List<Finding> out) {
        List<String> features = new ArrayList<>();
        StringBuilder detail = new StringBuilder();
        double worst = 0;
        for (int j = 0; j < s.columns(); j++) {
            if (s.missing(j) > 0) {
                double share = (double) s.missing(j) / s.rows();
                worst = Math.max(worst, share);
                features.add(names.get(j));
                if (features.size() <= LISTED) {
                    detail.append(features.size() > 1 ? ", " : "").append(names.get(j)).append(" ")
                            .append(s.missing(j)).append(" (").append(pct(share)).append(")");
                }
            }
        }
        if (!features.isEmpty()) {
            out.add(new Finding(Finding.Check.MISSING_VALUES, worst >= 0.5 ? Finding.Severity.ERROR
                    : Finding.Severity.WARNING,
                    features.size() + " feature(s) have missing values (NaN): " + detail + more(features.size()),
                    features, null, "Impute them with the training split's median (embedding does so by default"
                            + " and says so) or drop the features with the largest share."));
        }
    }

    private static void infinite(FeatureStats s, List<String> names, List<Finding> out) {
        List<String> features = new ArrayList<>();
        StringBuilder detail = new StringBuilder();
        for (int j = 0; j < s.columns(); j++) {
            if (s.infinite(j) > 0) {
                features.add(names.get(j));
                if (features.size() <= LISTED) {
                    detail.append(features.size() > 1 ? ", "
                            : "").append(names.get(j)).append(" ").append(s.infinite(j));
                }
            }
        }
        if (!features.isEmpty()) {
            out.add(new Finding(Finding.Check.INFINITE_VALUES, Finding.Severity.ERROR,
                    features.size() + " feature(s) hold infinite values: " + detail
                    + more(features.size()), features, null,
                    "Find where they come from (a division by zero, an overflow) and replace them before scaling."));
        }
    }

    /**
     * A feature where zero is not a natural value: no negatives, zeros present but not most values,
     * at least ten distinct non-zero values, and the smallest non-zero value far from zero, both
     * relative to the typical non-zero value (at least a tenth of their median) and, for integer
     * features, in steps (at least 5, so counts such as 0, 1, 2, … are natural).
     */
    public static boolean zeroStandsForMissing(FeatureStats s, int j) {
        if (!s.hasQuantiles() || s.zeros(j) == 0 || s.count(j) == 0 || s.min(j) < 0) {
            return false;
        }
        double zeroShare = (double) s.zeros(j) / s.count(j);
        if (zeroShare > 0.7 || s.distinct(j) - 1 < 10) {
            return false;
        }
        float smallest = s.minPositive(j);
        float medianNonZero = s.quantile(j, zeroShare + (1 - zeroShare) / 2);
        if (!(smallest >= 0.1 * medianNonZero)) {
            return false;
        }
        return !s.allInteger(j) || smallest >= 5;
    }

    private static void zerosAsMissing(FeatureStats s, List<String> names, List<Finding> out) {
        List<String> features = new ArrayList<>();
        StringBuilder detail = new StringBuilder();
        for (int j = 0; j < s.columns(); j++) {
            if (zeroStandsForMissing(s, j)) {
                features.add(names.get(j));
                if (features.size() <= LISTED) {
                    detail.append(features.size() > 1 ? "; " : "").append(names.get(j)).append(": ").append(s.zeros(j))
                            .append(" zeros (").append(pct((double) s.zeros(j) / s.count(j)))
                            .append("), other values start at ").append(Numbers.num(s.minPositive(j)));
                }
            }
        }
        if (!features.isEmpty()) {
            out.add(new Finding(Finding.Check.ZEROS_AS_MISSING, Finding.Severity.WARNING,
                    features.size() + " feature(s) use 0 where a value is probably missing: " + detail
                            + more(features.size()),
                    features, null, "Treat these zeros as missing (NaN) and impute them; left as 0 they pull means down"
                            + " and create a false cluster."));
        }
    }

    private static void constant(DatasetFacts data, FeatureStats s, List<String> names, List<Finding> out) {
        List<String> features = new ArrayList<>();
        for (int j = 0; j < s.columns(); j++) {
            if (s.count(j) > 0 && s.infinite(j) == 0 && s.constant(j)) {
                features.add(names.get(j));
            }
        }
        if (features.size() == s.columns() && s.rows() > 1) {
            out.add(new Finding(Finding.Check.CONSTANT_FEATURES, Finding.Severity.ERROR,
                    "every feature is constant: all " + s.rows() + " rows are the same", features, null,
                    "There is nothing to learn or embed here; check that the right file and columns were read."));
            return;
        }
        if (!features.isEmpty() && s.rows() > 1) {
            String list = String.join(", ", features.subList(0, Math.min(LISTED, features.size())));
            if (data.image()) {
                // a border that is the same in every image is what the images look like (objects centred on a
                // plain background), not a defect to repair: said as information, with what it means for models
                out.add(new Finding(Finding.Check.CONSTANT_FEATURES, Finding.Severity.INFO,
                        features.size() + " pixel(s) hold the same value in every image: " + list
                                + more(features.size()), features, null,
                        "Part of what the images look like (often a plain border around centred objects): they add "
                                + "nothing to distances or PCA, scalers map them to 0, and a convolutional model "
                                + "needs them to keep the image's shape."));
            } else {
                out.add(new Finding(Finding.Check.CONSTANT_FEATURES, Finding.Severity.WARNING,
                        features.size() + " constant feature(s): " + list + more(features.size()), features, null,
                        "Drop them: they carry no information (the scalers map them to 0)."));
            }
        }
    }

    /** Spread of a feature: its interquartile range, or its full range when the IQR is 0. */
    static double spread(FeatureStats s, int j) {
        double iqr = s.hasQuantiles() ? s.reportedQuantile(j, 3) - s.reportedQuantile(j, 1) : 0;
        return iqr > 0 ? iqr : s.max(j) - s.min(j);
    }

    private static void ranges(FeatureStats s, List<String> names, List<Finding> out) {
        int lo = -1;
        int hi = -1;
        boolean outliers = false;
        for (int j = 0; j < s.columns(); j++) {
            if (s.count(j) == 0 || s.constant(j)) {
                continue;
            }
            double sp = spread(s, j);
            if (lo < 0 || sp < spread(s, lo)) {
                lo = j;
            }
            if (hi < 0 || sp > spread(s, hi)) {
                hi = j;
            }
            if (s.hasQuantiles()) {
                double iqr = s.reportedQuantile(j, 3) - s.reportedQuantile(j, 1);
                double med = s.median(j);
                if (iqr > 0 && (s.max(j) - med > 10 * iqr || med - s.min(j) > 10 * iqr)) {
                    outliers = true;
                }
            }
        }
        if (lo < 0 || lo == hi) {
            return;
        }
        double ratio = spread(s, hi) / spread(s, lo);
        if (ratio >= RANGE_RATIO) {
            String scaler = outliers ? "robust (median and IQR, because some features have far outliers)" : "standard";
            out.add(new Finding(Finding.Check.RANGE_DISPARITY, Finding.Severity.WARNING,
                    String.format(Locale.ROOT, "feature spreads differ by %.0fx: %s spreads over %s, %s over %s", ratio,
                            names.get(hi), Numbers.num(spread(s, hi)), names.get(lo), Numbers.num(spread(s, lo))),
                    List.of(names.get(hi), names.get(lo)), null,
                    "Scale before distances or t-SNE, or the widest features decide alone; use the " + scaler
                            + " scaler, fitted on the training split."));
        }
    }

    private static void integerAsFloat(DatasetFacts data, FeatureStats s, List<String> names, List<Finding> out) {
        SourceType t = data.sourceType();
        if (t != SourceType.FLOAT16 && t != SourceType.FLOAT32 && t != SourceType.FLOAT64) {
            return;
        }
        List<String> features = new ArrayList<>();
        boolean bytes = true;
        for (int j = 0; j < s.columns(); j++) {
            if (s.allInteger(j) && !s.constant(j)) {
                features.add(names.get(j));
                bytes &= s.min(j) >= 0 && s.max(j) <= 255;
            }
        }
        if (features.isEmpty()) {
            return;
        }
        boolean all = features.size() == s.columns();
        String advice = all && bytes
                ? "Every value is a whole number in 0..255 (raw pixels or bytes stored as " + t + "): uint8 would take "
                + (t == SourceType.FLOAT64 ? "8" : "4") + "x less space; scale with divide:255."
                : "Whole numbers stored as " + t
                        + " are often counts or category codes: check whether they are categorical"
                + " before treating them as continuous.";
        out.add(new Finding(Finding.Check.INTEGER_AS_FLOAT, Finding.Severity.INFO,
                features.size() + " feature(s) hold only whole numbers but are stored as " + t + ": "
                        + String.join(", ", features.subList(0, Math.min(LISTED, features.size())))
                                + more(features.size()),
                features, null, advice));
    }

    private static void imbalance(DatasetFacts data, List<Finding> out) {
        long[] counts = data.classCounts();
        long total = data.rows();
        int largest = -1;
        int smallest = -1;
        List<String> empty = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                empty.add(data.classNames().get(c));
                continue;
            }
            if (largest < 0 || counts[c] > counts[largest]) {
                largest = c;
            }
            if (smallest < 0 || counts[c] < counts[smallest]) {
                smallest = c;
            }
        }
        if (!empty.isEmpty()) {
            out.add(new Finding(Finding.Check.EMPTY_CLASSES, Finding.Severity.WARNING,
                    empty.size() + " class(es) have no rows in " + data.name() + ": "
                    + String.join(", ", empty), empty, null,
                    "Check the split: a class missing here cannot be learned or evaluated."));
        }
        if (largest < 0 || largest == smallest) {
            return;
        }
        double ratio = (double) counts[largest] / counts[smallest];
        double p = uniformityPValue(counts);
        if (ratio < 1.5 || (ratio < IMBALANCE_WARNING && p >= 0.01)) {
            return; // small, or no more than sampling noise around equal shares
        }
        StringBuilder shares = new StringBuilder();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                shares.append(shares.length() > 0 ? ", " : "").append(data.classNames().get(c)).append(" ")
                        .append(pct((double) counts[c] / total));
            }
        }
        out.add(new Finding(Finding.Check.CLASS_IMBALANCE, ratio >= IMBALANCE_WARNING ? Finding.Severity.WARNING
                : Finding.Severity.INFO,
                String.format(Locale.ROOT,
                        "classes are imbalanced %.1f:1 (largest %s %d, smallest %s %d; chi-square p = %.2g"
                                + " against equal shares); shares: %s", ratio,
                                data.classNames().get(largest), counts[largest],
                        data.classNames().get(smallest), counts[smallest], p, shares),
                List.of(), null, "Report per-class metrics or balanced accuracy, and stratify the splits;"
                        + " consider class weights or resampling for training."));
    }

    /** Chi-square goodness-of-fit p-value of the class counts against equal shares (empty classes left out). */
    static double uniformityPValue(long[] counts) {
        int k = 0;
        long total = 0;
        for (long c : counts) {
            if (c > 0) {
                k++;
                total += c;
            }
        }
        if (k < 2) {
            return 1;
        }
        double expected = (double) total / k;
        double chi2 = 0;
        for (long c : counts) {
            if (c > 0) {
                chi2 += (c - expected) * (c - expected) / expected;
            }
        }
        return 1 - new ChiSquaredDistribution(null, k - 1).cumulativeProbability(chi2);
    }

    private static void duplicates(DatasetFacts data, List<RowGroup> groups, List<Finding> out) {
        if (groups == null || groups.isEmpty()) {
            return;
        }
        long largest = 0;
        for (RowGroup g : groups) {
            largest = Math.max(largest, g.size());
        }
        boolean allConstant = out.stream().anyMatch(f -> f.check() == Finding.Check.CONSTANT_FEATURES
                && f.severity() == Finding.Severity.ERROR);
        if (largest == data.rows() && allConstant) {
            return;
        }
        if (largest == data.rows()) {
            out.add(new Finding(Finding.Check.IDENTICAL_ROWS, Finding.Severity.ERROR, "all " + data.rows()
                    + " rows of " + data.name() + " are identical", null, null,
                    "There is nothing to learn or embed here; check that the right file and columns were read."));
            return;
        }
        if (2L * largest >= data.rows()) {
            out.add(new Finding(Finding.Check.IDENTICAL_ROWS, Finding.Severity.WARNING, largest + " of " + data.rows()
                    + " rows (" + pct((double) largest / data.rows()) + ") are copies of one row", null, null,
                    "Most of the data is one value (a placeholder or a failed export?); an embedding shows it as one "
                            + "point and statistics are dominated by it."));
        }
        long extra = 0;
        List<Long> rows = new ArrayList<>();
        List<Long> conflictRows = new ArrayList<>();
        int conflicting = 0;
        StringBuilder examples = new StringBuilder();
        for (RowGroup g : groups) {
            extra += g.size() - 1;
            if (rows.size() < 2 * LISTED) {
                for (long r : g.rows()) {
                    rows.add(r);
                }
            }
            if (g.labels() != null) {
                boolean conflict = false;
                for (int label : g.labels()) {
                    conflict |= label != g.labels()[0];
                }
                if (conflict) {
                    conflicting++;
                    if (conflicting <= 5) {
                        examples.append(conflicting > 1 ? "; " : "").append("rows");
                        for (int i = 0; i < g.size(); i++) {
                            examples.append(' ').append(g.rows()[i]).append(" "
                                    + "(").append(data.classNames().get(g.labels()[i])).append(')');
                        }
                    }
                    if (conflictRows.size() < 4 * LISTED) {
                        for (long r : g.rows()) {
                            conflictRows.add(r);
                        }
                    }
                }
            }
        }
        out.add(new Finding(Finding.Check.DUPLICATE_ROWS, Finding.Severity.INFO,
                groups.size() + " group(s) of identical rows (" + extra + " extra copies, "
                        + pct((double) extra / data.rows())
                        + " of " + data.name() + ")", null, rows,
                "Drop the copies before splitting or evaluating, or they inflate scores and weigh twice in training."));
        if (conflicting > 0) {
            out.add(new Finding(Finding.Check.CONFLICTING_DUPLICATES, Finding.Severity.ERROR,
                    conflicting + " group(s) of identical rows carry different labels: " + examples
                            + (conflicting > 5 ? "; …" : ""), null, conflictRows,
                    "At most one label per group can be right: relabel or drop them; they cap the "
                            + "accuracy any model can reach."));
        }
    }

    private static String more(int count) {
        return count > LISTED ? " and " + (count - LISTED) + " more" : "";
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, share < 0.001 && share > 0 ? "%.3f%%" : "%.1f%%", 100 * share);
    }
}
