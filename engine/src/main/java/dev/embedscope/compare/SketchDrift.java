package dev.embedscope.compare;

import dev.embedscope.stats.ColumnSketch;
import dev.embedscope.stats.FeatureStats;
import java.util.Arrays;

/**
 * {@link FeatureDrift} from two splits' mergeable statistics instead of their rows: the KS statistic as the
 * largest CDF gap over every value where either distribution steps, PSI over bins cut at the training
 * deciles, and the mean shift from the moments. Where both columns' sketches are exact (few distinct values:
 * pixels, counts, categories) the figures are those of {@link FeatureDrift#compute}; where a sketch is KLL,
 * D is off by at most the two sketches' rank errors added, which {@link #ksError()} states per feature.
 */
public final class SketchDrift {

    private static final int BINS = 10;

    private SketchDrift() {
    }

    /** The drift and, per feature, the largest error of its KS statistic (0 where both sketches are exact). */
    public record Result(FeatureDrift drift, double[] ksError) {

        public double largestKsError() {
            return Arrays.stream(ksError).max().orElse(0);
        }
    }

    public static Result compute(FeatureStats train, FeatureStats test) {
        if (!train.hasQuantiles() || !test.hasQuantiles()) {
            throw new IllegalArgumentException("drift from statistics needs their column sketches");
        }
        int d = train.columns();
        double[] ks = new double[d];
        double[] p = new double[d];
        double[] psi = new double[d];
        double[] shift = new double[d];
        double[] error = new double[d];
        for (int j = 0; j < d; j++) {
            ColumnSketch a = train.sketch(j);
            ColumnSketch b = test.sketch(j);
            long na = train.count(j);
            long nb = test.count(j);
            ks[j] = ks(a, na, b, nb);
            p[j] = FeatureDrift.ksPValue(ks[j], (int) Math.min(Integer.MAX_VALUE, na),
                    (int) Math.min(Integer.MAX_VALUE, nb));
            psi[j] = psi(a, na, b, nb, train.max(j));
            shift[j] = meanShift(train, test, j);
            error[j] = a.rankError() + b.rankError();
        }
        return new Result(new FeatureDrift(ks, p, FeatureDrift.benjaminiHochberg(p), psi, shift), error);
    }

    static double ks(ColumnSketch a, long na, ColumnSketch b, long nb) {
        if (na == 0 || nb == 0) {
            return 0;
        }
        double best = 0;
        for (float[] steps : new float[][] {a.steps(), b.steps()}) {
            for (float v : steps) {
                best = Math.max(best, Math.abs(a.countBelow(v, true) / na - b.countBelow(v, true) / nb));
            }
        }
        return best;
    }

    static double psi(ColumnSketch a, long na, ColumnSketch b, long nb, float max) {
        if (na == 0 || nb == 0) {
            return 0;
        }
        float[] edges = new float[BINS - 1];
        int e = 0;
        for (int q = 1; q < BINS; q++) {
            float edge = a.valueAt(Math.min(na - 1, q * na / BINS));
            if (e == 0 || edge > edges[e - 1]) {
                edges[e++] = edge;
            }
        }
        double total = 0;
        double belowA = 0;
        double belowB = 0;
        for (int bin = 0; bin <= e + 1; bin++) {
            double ca;
            double cb;
            if (bin < e) {
                double nextA = a.countBelow(edges[bin], false);
                double nextB = b.countBelow(edges[bin], false);
                ca = nextA - belowA;
                cb = nextB - belowB;
                belowA = nextA;
                belowB = nextB;
            } else if (bin == e) {
                ca = na - belowA;
                cb = b.countBelow(max, true) - belowB;
                belowB += cb;
            } else {
                ca = 0;
                cb = nb - belowB;
            }
            double sa = Math.max(1e-4, ca / na);
            double sb = Math.max(1e-4, cb / nb);
            total += (sb - sa) * Math.log(sb / sa);
        }
        return total;
    }

    static double meanShift(FeatureStats train, FeatureStats test, int j) {
        if (train.count(j) == 0 || test.count(j) == 0) {
            return 0;
        }
        double ma = train.mean(j);
        double mb = test.mean(j);
        double sd = train.std(j);
        if (sd == 0) {
            return mb == ma ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mb - ma);
        }
        return (mb - ma) / sd;
    }
}
