package dev.embedscope.stats;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How well each feature alone predicts the label, and whether the row order does: a one-feature model (the
 * feature cut into equal-count bins, one per 30 rows from 10 to {@link #BINS}, each predicting the majority class
 * of its training rows; missing values a bin of their own) scored by 5-fold cross-validated balanced accuracy,
 * the mean recall over classes, so that chance is 1 / classes whatever the class shares. The row number is
 * scored the same way: labels sorted or grouped by row make it predictive. Up to {@link #MAX_ROWS} rows, a
 * seeded sample when there are more.
 */
public final class LabelLeakage {

    /** The most bins of a numeric feature: one per 30 rows scored, from 10 to this. */
    public static final int BINS = 100;
    /** Rows scored (a seeded sample of them when there are more). */
    public static final int MAX_ROWS = 100_000;
    /** Balanced accuracy from which one feature alone is reported as predicting the label. */
    public static final double LEAK = 0.95;
    private static final int FOLDS = 5;

    /**
     * One feature's score.
     *
     * @param feature          the feature's name, or {@code (row number)}
     * @param balancedAccuracy cross-validated balanced accuracy of the one-feature model
     */
    public record Score(String feature, double balancedAccuracy) {
    }

    /**
     * The scores.
     *
     * @param features one per feature, best first
     * @param rowOrder the row number's score
     * @param chance   1 / number of classes
     */
    public record Result(List<Score> features, Score rowOrder, double chance) {
    }

    private LabelLeakage() {
    }

    /** The scores of a labelled dataset's features and row order (seeded fold assignment). */
    public static Result of(Dataset d, long seed) {
        int n = d.rows();
        int cols = d.columns();
        int[] rows = sample(n, seed);
        int m = rows.length;
        int classes = d.classCount();
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            y[i] = d.labels()[rows[i]];
        }
        int[] fold = new int[m];
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < m; i++) {
            fold[i] = random.nextInt(FOLDS);
        }
        var view = FloatMatrix.view(d.features());
        float[] row = new float[cols];
        float[] values = new float[(int) Math.min((long) m * cols, Integer.MAX_VALUE - 8)];
        for (int i = 0; i < m; i++) {
            view.get((long) rows[i] * cols, row, 0, cols);
            System.arraycopy(row, 0, values, i * cols, cols);
        }
        List<Score> scores = new ArrayList<>();
        float[] x = new float[m];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < m; i++) {
                x[i] = values[i * cols + j];
            }
            scores.add(new Score(d.featureName(j), score(x, y, fold, classes)));
        }
        scores.sort((a, b) -> Double.compare(b.balancedAccuracy(), a.balancedAccuracy()));
        for (int i = 0; i < m; i++) {
            x[i] = rows[i];
        }
        return new Result(scores, new Score("(row number)", score(x, y, fold, classes)), 1.0 / classes);
    }

    private static int[] sample(int n, long seed) {
        if (n <= MAX_ROWS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        return new SplittableRandom(seed).ints(0, n).distinct().limit(MAX_ROWS).sorted().toArray();
    }

    /** Cross-validated balanced accuracy of the binned majority-class model of {@code x}. */
    static double score(float[] x, int[] y, int[] fold, int classes) {
        int m = x.length;
        int[] bin = bins(x);
        int bins = 0;
        for (int b : bin) {
            bins = Math.max(bins, b + 1);
        }
        long[] counts = new long[(long) bins * classes > Integer.MAX_VALUE ? 0 : bins * classes];
        long[] hit = new long[classes];
        long[] total = new long[classes];
        int[] predict = new int[bins];
        long[] overall = new long[classes];
        for (int f = 0; f < FOLDS; f++) {
            Arrays.fill(counts, 0);
            Arrays.fill(overall, 0);
            for (int i = 0; i < m; i++) {
                if (fold[i] != f) {
                    counts[bin[i] * classes + y[i]]++;
                    overall[y[i]]++;
                }
            }
            int fallback = argmax(overall, 0, classes);
            for (int b = 0; b < bins; b++) {
                long seen = 0;
                for (int c = 0; c < classes; c++) {
                    seen += counts[b * classes + c];
                }
                predict[b] = seen == 0 ? fallback : argmax(counts, b * classes, classes);
            }
            for (int i = 0; i < m; i++) {
                if (fold[i] == f) {
                    total[y[i]]++;
                    hit[y[i]] += predict[bin[i]] == y[i] ? 1 : 0;
                }
            }
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (total[c] > 0) {
                sum += (double) hit[c] / total[c];
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    private static int argmax(long[] a, int from, int count) {
        int best = 0;
        for (int c = 1; c < count; c++) {
            if (a[from + c] > a[from + best]) {
                best = c;
            }
        }
        return best;
    }

    /** Equal-count bins of the distinct values (a value never split across bins); missing values last. */
    static int[] bins(float[] x) {
        int m = x.length;
        float[] sorted = new float[m];
        int k = 0;
        for (float v : x) {
            if (!Float.isNaN(v)) {
                sorted[k++] = v;
            }
        }
        Arrays.sort(sorted, 0, k);
        int binCount = Math.max(10, Math.min(BINS, k / 30));
        float[] upper = new float[binCount];
        int edges = 0;
        for (int b = 1; b <= binCount && k > 0; b++) {
            int at = Math.max(0, (int) ((long) b * k / binCount) - 1);
            float cut = sorted[at];
            if (edges == 0 || cut > upper[edges - 1]) {
                upper[edges++] = cut;
            }
        }
        int[] bin = new int[m];
        for (int i = 0; i < m; i++) {
            if (Float.isNaN(x[i])) {
                bin[i] = edges;
                continue;
            }
            int lo = 0;
            int hi = edges - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (x[i] <= upper[mid]) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            bin[i] = lo;
        }
        return bin;
    }
}
