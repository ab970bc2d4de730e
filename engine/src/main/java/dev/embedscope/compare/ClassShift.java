package dev.embedscope.compare;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Whether the class distribution differs between two splits: counts and shares side by side, the
 * chi-square test of homogeneity on the 2×K table (classes empty in both splits left out) with its
 * p-value and Cramér's V as the effect size, and the classes present in one split only.
 */
public record ClassShift(List<String> classes, long[] trainCounts, long[] testCounts, double chiSquare, int dof,
                         double pValue, double cramersV, List<String> onlyInTrain, List<String> onlyInTest) {

    /** p-value under which, with Cramér's V at least {@link #MIN_EFFECT}, the shift is flagged. */
    public static final double ALPHA = 0.01;
    public static final double MIN_EFFECT = 0.05;

    public static ClassShift of(List<String> classes, long[] train, long[] test) {
        long nTrain = 0;
        long nTest = 0;
        for (int c = 0; c < classes.size(); c++) {
            nTrain += c < train.length ? train[c] : 0;
            nTest += c < test.length ? test[c] : 0;
        }
        long total = nTrain + nTest;
        double chi2 = 0;
        int used = 0;
        List<String> onlyTrain = new ArrayList<>();
        List<String> onlyTest = new ArrayList<>();
        long[] a = new long[classes.size()];
        long[] b = new long[classes.size()];
        for (int c = 0; c < classes.size(); c++) {
            a[c] = c < train.length ? train[c] : 0;
            b[c] = c < test.length ? test[c] : 0;
            long col = a[c] + b[c];
            if (col == 0) {
                continue;
            }
            used++;
            if (b[c] == 0) {
                onlyTrain.add(classes.get(c));
            }
            if (a[c] == 0) {
                onlyTest.add(classes.get(c));
            }
            double ea = (double) nTrain * col / total;
            double eb = (double) nTest * col / total;
            chi2 += (a[c] - ea) * (a[c] - ea) / ea + (b[c] - eb) * (b[c] - eb) / eb;
        }
        int dof = Math.max(1, used - 1);
        double p = used < 2 || nTrain == 0 || nTest == 0 ? 1 : 1 - new ChiSquaredDistribution(null,
                dof).cumulativeProbability(chi2);
        double v = total == 0 ? 0 : Math.sqrt(chi2 / total);
        return new ClassShift(List.copyOf(classes), a, b, chi2, dof, p, v, onlyTrain, onlyTest);
    }

    public boolean flagged() {
        return (pValue < ALPHA && cramersV >= MIN_EFFECT) || !onlyInTrain.isEmpty() || !onlyInTest.isEmpty();
    }
}
