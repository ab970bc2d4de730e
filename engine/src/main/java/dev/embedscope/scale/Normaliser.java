package dev.embedscope.scale;

import dev.embedscope.data.ColumnType;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.TableColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Erf;

/**
 * Makes features follow a normal distribution, fitted per feature on the training split: the Yeo-Johnson power
 * transform (Yeo and Johnson, Biometrika 2000), its λ chosen by maximum likelihood as scikit-learn's
 * {@code PowerTransformer} does, or the quantile transform to a standard normal (the empirical CDF through
 * {@value #QUANTILES} reference quantiles, then the normal quantile function), as scikit-learn's
 * {@code QuantileTransformer(output_distribution="normal")}. Scaling (which changes a range) comes after it.
 * One-hot and boolean features of a table are never normalised.
 *
 * @param featureNames the features it was fitted on
 * @param kinds        per feature, the transform
 * @param lambdas      per feature, Yeo-Johnson's λ (0 for other kinds)
 * @param references   per feature, {@value #QUANTILES} reference quantiles, row-major (empty for other kinds)
 * @param fittedOn     the split it was fitted on
 */
public record Normaliser(List<String> featureNames, List<Kind> kinds, float[] lambdas, float[] references,
                         String fittedOn) {

    /** Reference quantiles of the quantile transform (fewer when the training split has fewer values). */
    public static final int QUANTILES = 1000;
    /** The quantile transform's CDF is kept within [ε, 1 − ε], as scikit-learn's is. */
    static final double CLIP = 1e-7;

    /** A feature's transform. */
    public enum Kind {
        NONE, YEO_JOHNSON, QUANTILE;

        /** The kind named on the command line (yeo-johnson, quantile, none), or null. */
        public static Kind named(String text) {
            for (Kind k : values()) {
                if (k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(text)) {
                    return k;
                }
            }
            return null;
        }
    }

    public Normaliser {
        featureNames = List.copyOf(featureNames);
        kinds = List.copyOf(kinds);
    }

    /**
     * Fits the transforms on the training split.
     *
     * @param all       the transform of every feature not named in {@code perFeature} (null: none)
     * @param perFeature transforms by feature name (a table's column name names its features)
     */
    public static Normaliser fit(Dataset train, Kind all, Map<String, Kind> perFeature) {
        List<String> names = train.allFeatureNames();
        for (String named : perFeature.keySet()) {
            if (!names.contains(named)) {
                throw new IllegalArgumentException("--normalise: " + train.name() + " has no feature '" + named + "'");
            }
        }
        int d = names.size();
        int n = train.rows();
        float[] values = FloatMatrix.toArray(train.features());
        List<Kind> kinds = new ArrayList<>(d);
        float[] lambdas = new float[d];
        boolean anyQuantile = false;
        for (int j = 0; j < d; j++) {
            Kind k = perFeature.getOrDefault(names.get(j), all == null ? Kind.NONE : all);
            if (!perFeature.containsKey(names.get(j)) && !continuous(train, names.get(j))) {
                k = Kind.NONE;
            }
            kinds.add(k);
            anyQuantile |= k == Kind.QUANTILE;
        }
        float[] refs = anyQuantile ? new float[d * QUANTILES] : new float[0];
        double[] column = new double[n];
        for (int j = 0; j < d; j++) {
            if (kinds.get(j) == Kind.NONE) {
                continue;
            }
            int m = 0;
            for (int i = 0; i < n; i++) {
                float v = values[i * d + j];
                if (Float.isFinite(v)) {
                    column[m++] = v;
                }
            }
            if (kinds.get(j) == Kind.YEO_JOHNSON) {
                lambdas[j] = m == 0 ? 1f : (float) fitLambda(column, m);
            } else {
                references(column, m, refs, j * QUANTILES);
            }
        }
        return new Normaliser(names, kinds, lambdas, refs, train.name());
    }

    /** Whether a feature may be normalised: numbers and integers of a table, any feature of other data. */
    private static boolean continuous(Dataset d, String feature) {
        if (d.tabular() == null) {
            return true;
        }
        TableColumn c = d.tabular().table().column(feature);
        return c != null && (c.type() == ColumnType.NUMBER || c.type() == ColumnType.INTEGER);
    }

    /** Yeo-Johnson's transform of one value. */
    public static double yeoJohnson(double x, double lambda) {
        if (x >= 0) {
            return Math.abs(lambda) < 1e-12 ? Math.log1p(x) : (Math.pow(x + 1, lambda) - 1) / lambda;
        }
        return Math.abs(lambda - 2) < 1e-12 ? -Math.log1p(-x) : -(Math.pow(1 - x, 2 - lambda) - 1) / (2 - lambda);
    }

    /** The log-likelihood of λ for the first {@code m} values, as scikit-learn writes it. */
    static double logLikelihood(double[] x, int m, double lambda) {
        double mean = 0;
        for (int i = 0; i < m; i++) {
            mean += yeoJohnson(x[i], lambda);
        }
        mean /= m;
        double var = 0;
        double jacobian = 0;
        for (int i = 0; i < m; i++) {
            double t = yeoJohnson(x[i], lambda) - mean;
            var += t * t;
            jacobian += Math.signum(x[i]) * Math.log1p(Math.abs(x[i]));
        }
        var /= m;
        return -0.5 * m * Math.log(var) + (lambda - 1) * jacobian;
    }

    /** λ maximising the log-likelihood on [−5, 5], by golden-section search to 1e-6. */
    static double fitLambda(double[] x, int m) {
        double lo = -5;
        double hi = 5;
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = logLikelihood(x, m, a);
        double fb = logLikelihood(x, m, b);
        while (hi - lo > 1e-6) {
            if (fa > fb || Double.isNaN(fb)) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = logLikelihood(x, m, a);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = logLikelihood(x, m, b);
            }
        }
        return (lo + hi) / 2;
    }

    /** {@value #QUANTILES} quantiles at ranks 0, 1/(Q−1), …, 1 with linear interpolation (numpy's default). */
    private static void references(double[] column, int m, float[] refs, int at) {
        if (m == 0) {
            return;
        }
        Arrays.sort(column, 0, m);
        for (int q = 0; q < QUANTILES; q++) {
            double pos = (double) q / (QUANTILES - 1) * (m - 1);
            int i = (int) Math.floor(pos);
            double f = pos - i;
            refs[at + q] = (float) (i + 1 < m ? column[i] + f * (column[i + 1] - column[i]) : column[i]);
        }
    }

    /** The quantile transform of one value of feature {@code j}: its empirical CDF, then Φ⁻¹. */
    double quantile(int j, float x) {
        int at = j * QUANTILES;
        int last = QUANTILES - 1;
        double u;
        if (x <= references[at]) {
            u = 0;
        } else if (x >= references[at + last]) {
            u = 1;
        } else {
            int lo = lowerBound(at, x);
            int hi = upperBound(at, x) - 1;
            if (lo <= hi) {
                u = 0.5 * (lo + hi) / last;
            } else {
                double r0 = references[at + hi];
                double r1 = references[at + lo];
                u = (hi + (x - r0) / (r1 - r0)) / last;
            }
        }
        u = Math.min(1 - CLIP, Math.max(CLIP, u));
        return Math.sqrt(2) * Erf.erfInv(2 * u - 1);
    }

    private int lowerBound(int at, float x) {
        int lo = 0;
        int hi = QUANTILES;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (references[at + mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int upperBound(int at, float x) {
        int lo = 0;
        int hi = QUANTILES;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (references[at + mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether any feature is transformed. */
    public boolean active() {
        return kinds.stream().anyMatch(k -> k != Kind.NONE);
    }

    /** The split with its features normalised (missing values stay missing); features must be the fitted ones. */
    public Dataset apply(Dataset d) {
        if (!d.allFeatureNames().equals(featureNames)) {
            throw new IllegalArgumentException(d.name() + ": features differ from those the normalisation was "
                    + "fitted on (" + fittedOn + ")");
        }
        int n = d.rows();
        int cols = d.columns();
        float[] v = FloatMatrix.toArray(d.features());
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) {
                int k = i * cols + j;
                if (Float.isNaN(v[k])) {
                    continue;
                }
                switch (kinds.get(j)) {
                    case YEO_JOHNSON -> v[k] = (float) yeoJohnson(v[k], lambdas[j]);
                    case QUANTILE -> v[k] = (float) quantile(j, v[k]);
                    case NONE -> {
                    }
                }
            }
        }
        Dataset out = d.withFeatures(FloatMatrix.of(v, n, cols)).named(d.name());
        return new Dataset(out.name(), out.features(), out.labels(), out.classNames(), out.featureNames(),
                out.imageShape(), d.sourceType(), out.nativeImages(), out.tabular());
    }

    /** One line: which features get which transform. */
    public String describe() {
        List<String> yj = new ArrayList<>();
        List<String> q = new ArrayList<>();
        for (int j = 0; j < featureNames.size(); j++) {
            if (kinds.get(j) == Kind.YEO_JOHNSON) {
                yj.add(featureNames.get(j) + " (λ " + dev.embedscope.util.Numbers.num(lambdas[j]) + ")");
            } else if (kinds.get(j) == Kind.QUANTILE) {
                q.add(featureNames.get(j));
            }
        }
        List<String> parts = new ArrayList<>();
        if (!yj.isEmpty()) {
            parts.add("Yeo-Johnson on " + shortList(yj));
        }
        if (!q.isEmpty()) {
            parts.add("quantiles to normal on " + shortList(q));
        }
        return "normalised (fitted on " + fittedOn + "): " + String.join("; ", parts);
    }

    private static String shortList(List<String> items) {
        return items.size() <= 6 ? String.join(", ", items)
                : String.join(", ", items.subList(0, 6)) + " and " + (items.size() - 6) + " more";
    }
}
