package dev.embedscope.compare;

import dev.embedscope.knn.KnnGraph;
import java.util.SplittableRandom;

/**
 * A k-nearest-neighbour two-sample test (Schilling 1986; Friedman and Rafsky 1983) on the pooled
 * points of two splits: for each point, how many of its k nearest neighbours come from the other
 * split, against what random split labels would give. The mixing score is observed over expected
 * cross-split neighbours (1: the splits are mixed as if drawn from one distribution; towards 0:
 * they separate); the p-value comes from permuting the split labels over the fixed kNN graph. The
 * same is reported per class, so a shift names the classes that moved.
 *
 * @param score overall mixing score
 * @param pValue permutation p-value of a score this low
 * @param classScores per class (NaN where a class has no points in one of the splits)
 * @param classPValues per class
 */
public record MixingTest(int k, int permutations, int points, double score, double pValue, double[] classScores,
                         double[] classPValues) {

    public static final double ALPHA = 0.01;
    /** Scores from this value up are mixing well enough not to be called a shift, whatever the p-value. */
    public static final double MIN_EFFECT = 0.9;

    public boolean flagged() {
        return pValue < ALPHA && score < MIN_EFFECT;
    }

    public boolean classFlagged(int c) {
        return !Double.isNaN(classScores[c]) && classPValues[c] < ALPHA && classScores[c] < MIN_EFFECT;
    }

    /**
     * @param graph kNN graph over the pooled points (self excluded)
     * @param split 0 = train, 1 = test, per pooled point
     * @param labels class per pooled point, or null
     */
    public static MixingTest run(KnnGraph graph, int[] split, int[] labels, int classes, int permutations, long seed) {
        int n = graph.n();
        int k = graph.k();
        int[] perm = split.clone();
        double[] observed = scores(graph, split, labels, classes);
        int[] below = new int[classes + 1];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < permutations; r++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double[] s = scores(graph, perm, labels, classes);
            for (int c = 0; c <= classes; c++) {
                if (s[c] <= observed[c]) {
                    below[c]++;
                }
            }
        }
        double[] classScores = new double[classes];
        double[] classP = new double[classes];
        for (int c = 0; c < classes; c++) {
            classScores[c] = observed[c + 1];
            classP[c] = Double.isNaN(observed[c + 1]) ? Double.NaN : (1.0 + below[c + 1]) / (permutations + 1.0);
        }
        return new MixingTest(k, permutations, n, observed[0],
                (1.0 + below[0]) / (permutations + 1.0), classScores, classP);
    }

    /** [overall, class 0, class 1, …]: observed cross-split neighbours / expected under random labels. */
    static double[] scores(KnnGraph g, int[] split, int[] labels, int classes) {
        int n = g.n();
        int k = g.k();
        long test = 0;
        for (int s : split) {
            test += s;
        }
        long train = n - test;
        double[] observed = new double[classes + 1];
        double[] expected = new double[classes + 1];
        long[] perClassTrain = new long[classes];
        long[] perClassTest = new long[classes];
        for (int i = 0; i < n; i++) {
            int cross = 0;
            for (int r = 0; r < k; r++) {
                cross += split[g.neighbour(i, r)] != split[i] ? 1 : 0;
            }
            double exp = k * (double) (split[i] == 0 ? test : train) / (n - 1);
            observed[0] += cross;
            expected[0] += exp;
            if (labels != null) {
                int c = labels[i];
                observed[c + 1] += cross;
                expected[c + 1] += exp;
                if (split[i] == 0) {
                    perClassTrain[c]++;
                } else {
                    perClassTest[c]++;
                }
            }
        }
        double[] out = new double[classes + 1];
        out[0] = expected[0] > 0 ? observed[0] / expected[0] : Double.NaN;
        for (int c = 0; c < classes; c++) {
            boolean both = perClassTrain[c] > 0 && perClassTest[c] > 0;
            out[c + 1] = both && expected[c + 1] > 0 ? observed[c + 1] / expected[c + 1] : Double.NaN;
        }
        return out;
    }
}
