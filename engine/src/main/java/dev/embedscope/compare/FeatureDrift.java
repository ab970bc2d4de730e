package dev.embedscope.compare;

import dev.embedscope.data.FloatMatrix;
import dev.embedscope.util.Parallel;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-feature drift between a training and a test split: the two-sample Kolmogorov-Smirnov
 * statistic D with its asymptotic p-value, the population stability index (PSI, over the training
 * split's deciles), and the mean shift in units of the training standard deviation. p-values are
 * adjusted for the number of features by Benjamini-Hochberg; a feature is flagged only when its
 * adjusted p is under {@link #ALPHA} <i>and</i> its D is at least {@link #MIN_D}, so hundreds of
 * pixel tests on large splits do not raise alarms over negligible differences.
 */
public record FeatureDrift(double[] ks, double[] pValue, double[] qValue, double[] psi, double[] meanShift) {

    public static final double ALPHA = 0.01;
    public static final double MIN_D = 0.1;
    private static final int BINS = 10;

    public int features() {
        return ks.length;
    }

    public boolean flagged(int j) {
        return qValue[j] < ALPHA && ks[j] >= MIN_D;
    }

    public int flaggedCount() {
        int c = 0;
        for (int j = 0; j < ks.length; j++) {
            c += flagged(j) ? 1 : 0;
        }
        return c;
    }

    /** Feature indices by decreasing KS statistic. */
    public int[] ranking() {
        Integer[] idx = new Integer[ks.length];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = j;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(ks[b], ks[a]) != 0 ? Double.compare(ks[b],
                ks[a]) : Integer.compare(a, b));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    public static FeatureDrift compute(INDArray train, INDArray test, Parallel parallel) {
        int n = (int) train.rows();
        int m = (int) test.rows();
        int d = (int) train.columns();
        float[] a = FloatMatrix.toArray(train);
        float[] b = FloatMatrix.toArray(test);
        double[] ks = new double[d];
        double[] p = new double[d];
        double[] psi = new double[d];
        double[] shift = new double[d];
        parallel.forBlocks(d, 8, (block, from, to) -> {
            float[] ca = new float[n];
            float[] cb = new float[m];
            for (int j = from; j < to; j++) {
                int na = column(a, n, d, j, ca);
                int nb = column(b, m, d, j, cb);
                Arrays.sort(ca, 0, na);
                Arrays.sort(cb, 0, nb);
                ks[j] = ksStatistic(ca, na, cb, nb);
                p[j] = ksPValue(ks[j], na, nb);
                psi[j] = psi(ca, na, cb, nb);
                shift[j] = meanShift(ca, na, cb, nb);
            }
        });
        return new FeatureDrift(ks, p, benjaminiHochberg(p), psi, shift);
    }

    /** Copies the finite values of column j; returns how many. */
    private static int column(float[] x, int rows, int d, int j, float[] out) {
        int k = 0;
        for (int i = 0; i < rows; i++) {
            float v = x[i * d + j];
            if (v - v == 0f) {
                out[k++] = v;
            }
        }
        return k;
    }

    /** sup |F_a − F_b| over the sorted samples, ties handled by stepping past equal values together. */
    static double ksStatistic(float[] a, int na, float[] b, int nb) {
        if (na == 0 || nb == 0) {
            return 0;
        }
        int i = 0;
        int k = 0;
        double best = 0;
        while (i < na && k < nb) {
            float v = Math.min(a[i], b[k]);
            while (i < na && a[i] == v) {
                i++;
            }
            while (k < nb && b[k] == v) {
                k++;
            }
            best = Math.max(best, Math.abs((double) i / na - (double) k / nb));
        }
        return best;
    }

    /** Asymptotic two-sample KS p-value (Kolmogorov distribution with Stephens' small-sample correction). */
    static double ksPValue(double dStat, int na, int nb) {
        if (na == 0 || nb == 0) {
            return 1;
        }
        double en = Math.sqrt((double) na * nb / (na + nb));
        double lambda = (en + 0.12 + 0.11 / en) * dStat;
        if (lambda < 0.2) {
            return 1;
        }
        double sum = 0;
        double sign = 1;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2 * k * k * lambda * lambda);
            sum += sign * term;
            sign = -sign;
            if (term < 1e-12) {
                break;
            }
        }
        return Math.max(0, Math.min(1, 2 * sum));
    }

    /**
     * PSI over bins cut at the training deciles (equal edges merged), plus one bin for values above the training
     * maximum (so a test split that moves past everything seen in training, a constant training feature included,
     * is not one shared last bin and a PSI of 0), with shares floored at 1e-4.
     */
    static double psi(float[] a, int na, float[] b, int nb) {
        if (na == 0 || nb == 0) {
            return 0;
        }
        float[] edges = new float[BINS - 1];
        int e = 0;
        for (int q = 1; q < BINS; q++) {
            float edge = a[Math.min(na - 1, (int) ((long) q * na / BINS))];
            if (e == 0 || edge > edges[e - 1]) {
                edges[e++] = edge;
            }
        }
        float max = a[na - 1];
        double total = 0;
        int ia = 0;
        int ib = 0;
        for (int bin = 0; bin <= e + 1; bin++) {
            // bin covers values < edges[bin]; bin e: the rest up to the training maximum; bin e + 1: above it
            int ca = 0;
            int cb = 0;
            if (bin < e) {
                while (ia < na && a[ia] < edges[bin]) {
                    ia++;
                    ca++;
                }
                while (ib < nb && b[ib] < edges[bin]) {
                    ib++;
                    cb++;
                }
            } else if (bin == e) {
                ca = na - ia;
                while (ib < nb && b[ib] <= max) {
                    ib++;
                    cb++;
                }
            } else {
                cb = nb - ib;
            }
            double sa = Math.max(1e-4, (double) ca / na);
            double sb = Math.max(1e-4, (double) cb / nb);
            total += (sb - sa) * Math.log(sb / sa);
        }
        return total;
    }

    /** (mean_test − mean_train) / std_train; ±infinity when a constant training feature moved, 0 when both equal. */
    static double meanShift(float[] a, int na, float[] b, int nb) {
        if (na == 0 || nb == 0) {
            return 0;
        }
        double ma = 0;
        for (int i = 0; i < na; i++) {
            ma += a[i];
        }
        ma /= na;
        double mb = 0;
        for (int i = 0; i < nb; i++) {
            mb += b[i];
        }
        mb /= nb;
        double var = 0;
        for (int i = 0; i < na; i++) {
            var += (a[i] - ma) * (a[i] - ma);
        }
        double sd = Math.sqrt(var / na);
        if (sd == 0) {
            return mb == ma ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mb - ma);
        }
        return (mb - ma) / sd;
    }

    /** Benjamini-Hochberg adjusted p-values (q-values), monotone. */
    static double[] benjaminiHochberg(double[] p) {
        int n = p.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(p[x], p[y]));
        double[] q = new double[n];
        double running = 1;
        for (int r = n - 1; r >= 0; r--) {
            int i = idx[r];
            running = Math.min(running, p[i] * n / (r + 1));
            q[i] = running;
        }
        return q;
    }
}
