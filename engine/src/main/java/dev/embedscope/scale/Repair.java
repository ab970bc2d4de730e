package dev.embedscope.scale;

import dev.embedscope.data.ColumnType;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.TableColumn;
import dev.embedscope.stats.DataChecks;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.StatsOptions;
import dev.embedscope.util.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Repairs missing values with statistics of the training split only: zeros that stand for missing values in the
 * named features (or those the zeros-as-missing check finds) become missing, then every missing value is
 * imputed (the feature's median, mean or most frequent value in the training split) or its row is dropped.
 * Fitted once and applied to any split, like a {@link Scaler}, and saved with it.
 *
 * @param zerosAsMissing features whose zeros mean "missing"
 * @param impute         what to do with missing values
 * @param fill           per feature, the value imputed (NaN where there is none: no value in training)
 * @param featureNames   the features it was fitted on, in order
 * @param fittedOn       the split it was fitted on
 */
public record Repair(List<String> zerosAsMissing, Impute impute, float[] fill, List<String> featureNames,
                     String fittedOn) {

    /** What to do with a missing value. */
    public enum Impute {
        /** Leave it missing. */
        NONE,
        /** The training split's median of the feature. */
        MEDIAN,
        /** The training split's mean of the feature. */
        MEAN,
        /** The training split's most frequent value of the feature. */
        MOST_FREQUENT,
        /** Drop the row. */
        DROP_ROWS;

        /** The method named on the command line (median, mean, most-frequent, drop-rows, none), or null. */
        public static Impute named(String text) {
            for (Impute i : values()) {
                if (i.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(text)) {
                    return i;
                }
            }
            return null;
        }

        /** The command-line name. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Repair {
        zerosAsMissing = List.copyOf(zerosAsMissing);
        featureNames = List.copyOf(featureNames);
        if (fill.length != featureNames.size()) {
            throw new IllegalArgumentException(fill.length + " fill values for " + featureNames.size() + " features");
        }
    }

    /** What applying the repair did to one split, per feature. */
    public record Report(String split, int rowsBefore, int rowsDropped, List<String> lines) {
        /** Whether it changed anything. */
        public boolean changed() {
            return !lines.isEmpty() || rowsDropped > 0;
        }
    }

    /** A split with its repair applied, and what was done. */
    public record Repaired(Dataset data, Report report) {
    }

    /**
     * Fits the repair on the training split.
     *
     * @param zeros  feature names whose zeros mean missing; {@code ["auto"]} for the features the zeros-as-missing
     *               check finds; empty for none
     * @param impute what to do with missing values
     */
    public static Repair fit(Dataset train, List<String> zeros, Impute impute) {
        List<String> names = train.allFeatureNames();
        FeatureStats raw = FeatureStatsCalculator.compute(train.features(), StatsOptions.defaults());
        List<String> zeroFeatures = new ArrayList<>();
        if (zeros.size() == 1 && zeros.get(0).equals("auto")) {
            for (int j = 0; j < names.size(); j++) {
                if (numericColumn(train, names.get(j)) && DataChecks.zeroStandsForMissing(raw, j)) {
                    zeroFeatures.add(names.get(j));
                }
            }
        } else {
            for (String z : zeros) {
                if (!names.contains(z)) {
                    throw new IllegalArgumentException("--zeros-as-missing: " + train.name() + " has no feature '" + z
                            + "' (features: " + String.join(", ", names.subList(0, Math.min(10, names.size())))
                            + (names.size() > 10 ? ", …" : "") + ")");
                }
                zeroFeatures.add(z);
            }
        }
        Repair zerosOnly = new Repair(zeroFeatures, Impute.NONE, new float[names.size()], names, train.name());
        Dataset marked = zerosOnly.apply(train).data();
        float[] fill = new float[names.size()];
        Arrays.fill(fill, Float.NaN);
        if (impute == Impute.MEDIAN || impute == Impute.MEAN) {
            FeatureStats s = FeatureStatsCalculator.compute(marked.features(), StatsOptions.defaults());
            for (int j = 0; j < fill.length; j++) {
                fill[j] = s.count(j) == 0 ? Float.NaN : impute == Impute.MEDIAN ? s.median(j) : (float) s.mean(j);
            }
        } else if (impute == Impute.MOST_FREQUENT) {
            fill = mostFrequent(marked);
        }
        return new Repair(zeroFeatures, impute, fill, names, train.name());
    }

    /** Whether a feature is a number or integer column of a table, or any feature of other data. */
    private static boolean numericColumn(Dataset d, String feature) {
        if (d.tabular() == null) {
            return !d.isImage();
        }
        TableColumn c = d.tabular().table().column(feature);
        return c != null && (c.type() == ColumnType.NUMBER || c.type() == ColumnType.INTEGER);
    }

    private static float[] mostFrequent(Dataset d) {
        int n = d.rows();
        int cols = d.columns();
        float[] all = FloatMatrix.toArray(d.features());
        float[] out = new float[cols];
        float[] column = new float[n];
        for (int j = 0; j < cols; j++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                float v = all[i * cols + j];
                if (!Float.isNaN(v)) {
                    column[k++] = v;
                }
            }
            Arrays.sort(column, 0, k);
            float best = Float.NaN;
            int bestRun = 0;
            for (int i = 0; i < k; ) {
                int e = i;
                while (e < k && column[e] == column[i]) {
                    e++;
                }
                if (e - i > bestRun) {
                    bestRun = e - i;
                    best = column[i];
                }
                i = e;
            }
            out[j] = best;
        }
        return out;
    }

    /** The split repaired, with what was done; the features must be the fitted ones in the same order. */
    public Repaired apply(Dataset d) {
        if (!d.allFeatureNames().equals(featureNames)) {
            throw new IllegalArgumentException(d.name() + ": features differ from those the repair was fitted on ("
                    + fittedOn + ")");
        }
        int n = d.rows();
        int cols = d.columns();
        float[] v = FloatMatrix.toArray(d.features());
        long[] zeros = new long[cols];
        long[] imputed = new long[cols];
        boolean[] zeroColumn = new boolean[cols];
        for (String z : zerosAsMissing) {
            zeroColumn[featureNames.indexOf(z)] = true;
        }
        boolean[] keep = new boolean[n];
        int kept = 0;
        long unfilled = 0;
        for (int i = 0; i < n; i++) {
            boolean complete = true;
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                if (zeroColumn[j] && v[k] == 0f) {
                    v[k] = Float.NaN;
                    zeros[j]++;
                }
                if (Float.isNaN(v[k])) {
                    if (impute == Impute.DROP_ROWS || impute == Impute.NONE) {
                        complete = false;
                    } else if (Float.isNaN(fill[j])) {
                        unfilled++;
                    } else {
                        v[k] = fill[j];
                        imputed[j]++;
                    }
                }
            }
            keep[i] = complete || impute == Impute.NONE;
            kept += keep[i] ? 1 : 0;
        }
        List<String> lines = new ArrayList<>();
        for (int j = 0; j < cols; j++) {
            if (zeros[j] == 0 && imputed[j] == 0) {
                continue;
            }
            StringBuilder b = new StringBuilder("'" + featureNames.get(j) + "': ");
            if (zeros[j] > 0) {
                b.append(zeros[j]).append(" zeros read as missing");
            }
            if (imputed[j] > 0) {
                b.append(zeros[j] > 0 ? ", " : "").append(imputed[j]).append(" missing values imputed with the ")
                        .append(impute.label().replace('-', ' ')).append(' ').append(Numbers.num(fill[j]));
            }
            lines.add(b.toString());
        }
        if (unfilled > 0) {
            lines.add(unfilled + " missing values left: their features have no value in " + fittedOn);
        }
        Dataset out = d.withFeatures(FloatMatrix.of(v, n, cols)).named(d.name());
        out = new Dataset(out.name(), out.features(), out.labels(), out.classNames(), out.featureNames(),
                out.imageShape(), d.sourceType(), out.nativeImages(), out.tabular());
        int dropped = n - kept;
        if (dropped > 0) {
            int[] rows = new int[kept];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (keep[i]) {
                    rows[k++] = i;
                }
            }
            out = out.subset(rows);
        }
        return new Repaired(out, new Report(d.name(), n, dropped, lines));
    }

    /** One line: what it does, e.g. {@code zeros as missing in a, b; missing values imputed with the median}. */
    public String describe() {
        String z = zerosAsMissing.isEmpty() ? "" : "zeros as missing in " + String.join(", ", zerosAsMissing) + "; ";
        return z + switch (impute) {
            case NONE -> "missing values left missing";
            case DROP_ROWS -> "rows with missing values dropped";
            default -> "missing values imputed with the " + impute.label().replace('-', ' ') + " of " + fittedOn;
        };
    }
}
