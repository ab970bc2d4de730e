package dev.embedscope.scale;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.ImageShape;
import dev.embedscope.data.TableEncoder;
import dev.embedscope.stats.FeatureStats;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted per-feature affine scaler, {@code y = (x − center) / scale + offset}: standard
 * (mean, standard deviation), min-max (to a range), robust (median, interquartile range) or a
 * fixed divisor. Fitted from one split's statistics only and applied to any split; a constant
 * feature gets scale 1, so it never produces NaN or infinity. Missing values stay missing. It
 * records the columns it was fitted on (feature names, image shape; null when the data had none) so
 * that {@link ScalerColumns} can match them by name when it is applied to another file. For a table it also keeps
 * what came before scaling, fitted on the same split: the encoding of its columns into features
 * ({@link TableEncoder}), the repair of missing values ({@link Repair}) and the normalisation
 * ({@link Normaliser}), applied in that order before it; null when there was none.
 */
public record Scaler(Method method, int features, float[] center, float[] scale, float offset, String fittedOn,
                     long fittedRows, List<String> featureNames, ImageShape imageShape, TableEncoder encoding,
                     Repair repair, Normaliser normaliser) {

    /** The scaling methods. */
    public enum Method { STANDARD, MINMAX, ROBUST, DIVIDE, CHANNELS }

    public Scaler {
        if (method == null || center == null || scale == null) {
            throw new IllegalArgumentException("missing " + (method == null ? "'method'" : center == null ? "'center'"
                    : "'scale'"));
        }
        if (featureNames != null && featureNames.size() != features) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + features + " features");
        }
        featureNames = featureNames == null ? null : List.copyOf(featureNames);
        if (center.length != features || scale.length != features) {
            throw new IllegalArgumentException("scaler arrays must have " + features + " entries");
        }
        for (int j = 0; j < features; j++) {
            if (!(Float.isFinite(scale[j]) && scale[j] != 0 && Float.isFinite(center[j]))) {
                throw new IllegalArgumentException("scaler feature " + j + " has center "
                        + center[j] + " and scale " + scale[j]
                        + " (expected finite values and a non-zero scale)");
            }
        }
    }

    /**
     * Fits a scaler to the statistics of the training split and records its columns: the feature names
     * of a table, the image shape of images (so that applying it elsewhere can match them). A table's one-hot
     * and boolean features are left as they are (center 0, scale 1): 0 and 1 already say what they mean.
     */
    public static Scaler fit(ScalerSpec spec, FeatureStats stats, Dataset train) {
        if (spec.method() == Method.CHANNELS) {
            return channels(spec, train);
        }
        Scaler s = fit(spec, stats, train.name());
        if (train.tabular() != null && spec.method() != Method.DIVIDE) {
            java.util.Set<String> keep = train.tabular().encoder().unscaledFeatures();
            float[] c = s.center.clone();
            float[] sc = s.scale.clone();
            for (int j = 0; j < s.features; j++) {
                if (keep.contains(train.featureName(j))) {
                    c[j] = 0;
                    sc[j] = 1;
                }
            }
            s = new Scaler(s.method, s.features, c, sc, s.offset, s.fittedOn, s.fittedRows, null, null, null, null,
                    null);
        }
        return s.withColumns(train.featureNames(), train.imageShape());
    }

    /** The same scaler describing its columns by these names (null: unnamed) and image shape (null: none). */
    public Scaler withColumns(List<String> names, ImageShape shape) {
        return new Scaler(method, features, center, scale, offset, fittedOn, fittedRows, names, shape, encoding, repair,
                normaliser);
    }

    /** The same scaler keeping the table encoding, repair and normalisation that come before it (each may be null). */
    public Scaler withSteps(TableEncoder tableEncoding, Repair missingRepair, Normaliser normalisation) {
        return new Scaler(method, features, center, scale, offset, fittedOn, fittedRows, featureNames, imageShape,
                tableEncoding, missingRepair, normalisation);
    }

    /**
     * The same scaler with other methods for some features, fitted on the same statistics: {@code perFeature}
     * maps a feature's name to its method ({@code none} leaves it as it is); a per-feature offset (min-max to a
     * range) is folded into its center, so one scaler still maps every feature by {@code (x − c) / s + offset}.
     *
     * @throws IllegalArgumentException naming a feature the scaler has not, or a method that is not per feature
     */
    public Scaler withFeatureMethods(java.util.Map<String, String> perFeature, FeatureStats stats,
                                     List<String> names) {
        if (perFeature.isEmpty()) {
            return this;
        }
        float[] c = center.clone();
        float[] sc = scale.clone();
        for (var e : perFeature.entrySet()) {
            int j = names.indexOf(e.getKey());
            if (j < 0) {
                throw new IllegalArgumentException("--scale-column: no feature '" + e.getKey() + "' (features: "
                        + String.join(", ", names.subList(0, Math.min(10, names.size())))
                        + (names.size() > 10 ? ", …" : "") + ")");
            }
            float cj = 0;
            float sj = 1;
            float oj = 0;
            if (!e.getValue().trim().equalsIgnoreCase("none")) {
                ScalerSpec spec = ScalerSpec.parse(e.getValue());
                if (spec.method() == Method.CHANNELS) {
                    throw new IllegalArgumentException("--scale-column: per-channel statistics apply to images, not "
                            + "to one feature");
                }
                Scaler one = fit(spec, stats, fittedOn);
                cj = one.center[j];
                sj = one.scale[j];
                oj = one.offset;
            }
            c[j] = cj - (oj - offset) * sj;
            sc[j] = sj;
        }
        return new Scaler(method, features, c, sc, offset, fittedOn, fittedRows, featureNames, imageShape, encoding,
                repair, normaliser);
    }

    /** The same scaler with its columns in another order: column {@code j} takes this scaler's {@code from[j]}. */
    public Scaler permuted(int[] from) {
        float[] c = new float[features];
        float[] sc = new float[features];
        List<String> names = new java.util.ArrayList<>(features);
        for (int j = 0; j < features; j++) {
            c[j] = center[from[j]];
            sc[j] = scale[from[j]];
            names.add(featureNames.get(from[j]));
        }
        return new Scaler(method, features, c, sc, offset, fittedOn, fittedRows, names, imageShape, encoding, repair,
                normaliser);
    }

    /**
     * The scaler of given per-channel statistics: {@code y = (x / range − mean_c) / std_c} for channel
     * {@code c = j mod C} of channels-last colour images, with {@code range} 255 for 8-bit sources (IDX, image
     * folders, uint8 NPY) and 1 for others, whose values are taken to lie in [0, 1] already.
     *
     * @throws IllegalArgumentException when the data are not images with as many channels as statistics given
     */
    public static Scaler channels(ScalerSpec spec, Dataset train) {
        int channels = spec.channelMean().length;
        if (!train.isImage() || train.imageShape().channels() != channels) {
            throw new IllegalArgumentException("per-channel statistics for " + channels + " channels need images with "
                    + channels + " channels; " + train.name() + (train.isImage() ? " has images of "
                    + train.imageShape().channels() + " channel" + (train.imageShape().channels() == 1 ? "" : "s")
                    : " holds no images"));
        }
        float range = train.sourceType() == dev.embedscope.data.SourceType.UINT8 ? 255f : 1f;
        int d = train.columns();
        float[] center = new float[d];
        float[] scale = new float[d];
        for (int j = 0; j < d; j++) {
            center[j] = range * spec.channelMean()[j % channels];
            scale[j] = range * spec.channelStd()[j % channels];
        }
        return new Scaler(Method.CHANNELS, d, center, scale, 0, train.name(), train.rows(), train.featureNames(),
                train.imageShape(), null, null, null);
    }

    /** Fits a scaler to the statistics of one split (the training split), without naming its columns. */
    public static Scaler fit(ScalerSpec spec, FeatureStats stats, String splitName) {
        int d = stats.columns();
        float[] center = new float[d];
        float[] scale = new float[d];
        Arrays.fill(scale, 1f);
        float offset = 0;
        for (int j = 0; j < d; j++) {
            boolean empty = stats.count(j) == 0;
            switch (spec.method()) {
                case STANDARD -> {
                    center[j] = empty ? 0 : (float) stats.mean(j);
                    scale[j] = positiveOr1(stats.std(j));
                }
                case MINMAX -> {
                    center[j] = empty ? 0 : stats.min(j);
                    scale[j] = positiveOr1(empty ? 0 : ((double) stats.max(j) - stats.min(j)) / (spec.high()
                            - spec.low()));
                    offset = spec.low();
                }
                case ROBUST -> {
                    if (!stats.hasQuantiles()) {
                        throw new IllegalArgumentException("the robust scaler needs quantiles");
                    }
                    center[j] = empty ? 0 : stats.median(j);
                    scale[j] = positiveOr1(empty ? 0 : (double) stats.reportedQuantile(j,
                            3) - stats.reportedQuantile(j, 1));
                }
                case DIVIDE -> scale[j] = spec.divisor();
                case CHANNELS -> throw new IllegalArgumentException("per-channel statistics need the images' shape");
                default -> throw new IllegalStateException();
            }
        }
        return new Scaler(spec.method(), d, center, scale, offset, splitName, stats.rows(), null, null, null, null,
                null);
    }

    /** The fixed-divisor scaler for {@code features} columns (needs no statistics). */
    public static Scaler divide(int features, float divisor) {
        float[] center = new float[features];
        float[] scale = new float[features];
        Arrays.fill(scale, divisor);
        return new Scaler(Method.DIVIDE, features, center, scale, 0, "none", 0, null, null, null, null, null);
    }

    private static float positiveOr1(double v) {
        return v > 0 && Double.isFinite(v) && (float) v > 0 ? (float) v : 1f;
    }

    /** A scaled copy of {@code x} (N×features, float32); x itself is left as it is. */
    public INDArray apply(INDArray x) {
        if (x.columns() != features) {
            throw new IllegalArgumentException("the scaler was fitted on " + features
                    + " features, the data has " + x.columns());
        }
        INDArray out = x.dup('c');
        INDArray c = Nd4j.createFromArray(center).reshape(1, features);
        INDArray s = Nd4j.createFromArray(scale).reshape(1, features);
        out.subiRowVector(c);
        out.diviRowVector(s);
        if (offset != 0) {
            out.addi(offset);
        }
        return out;
    }

    /** Scales {@code count} rows held row-major in {@code values} in place, as {@link #apply} would. */
    public void applyInPlace(float[] values, int count) {
        for (int i = 0; i < count; i++) {
            int at = i * features;
            for (int j = 0; j < features; j++) {
                values[at + j] = (values[at + j] - center[j]) / scale[j] + offset;
            }
        }
    }

    /** The inverse transform of one value of feature {@code j}. */
    public float invert(int j, float y) {
        return (y - offset) * scale[j] + center[j];
    }
}
