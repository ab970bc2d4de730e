package dev.embedscope.scale;

import dev.embedscope.data.Dataset;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.util.Numbers;

/**
 * Chooses the scaler when the user names none, from the training split, and says why: images are
 * divided by 255; principal components (a projection's shards) are left as they are; a table whose
 * columns all hold whole numbers from 0 up to one shared maximum that most of them reach (pixel
 * intensities flattened into a CSV, counts on one scale) is divided by that maximum, because its
 * columns share one unit and standardising would multiply the noise of near-constant columns; any
 * other table is standardised.
 *
 * @param spec the scaler, as {@code --scale} would name it
 * @param reason one clause saying why, for the user
 */
public record ScalerChoice(String spec, String reason) {

    /** The fewest columns for a table to count as sharing one unit (pixels, bins of one histogram). */
    static final int FEWEST_SHARED_COLUMNS = 16;

    /** The choice for {@code train}; {@code stats} are its feature statistics (only read for tables). */
    public static ScalerChoice of(Dataset train, FeatureStats stats) {
        if (train.isImage()) {
            return new ScalerChoice("divide:255", "images: every pixel value divided by 255");
        }
        if (dev.embedscope.data.NpyShards.isProjection(train)) {
            return new ScalerChoice("none", "principal components written by project: centred on the training "
                    + "mean, each with its own variance, which standardising would make equal");
        }
        int d = stats.columns();
        float top = 0;
        int varying = 0;
        for (int j = 0; j < d; j++) {
            if (stats.count(j) == 0) {
                continue;
            }
            if (!stats.allInteger(j) || stats.min(j) < 0 || stats.infinite(j) > 0) {
                return standard();
            }
            top = Math.max(top, stats.max(j));
            varying += stats.constant(j) ? 0 : 1;
        }
        if (d < FEWEST_SHARED_COLUMNS || top <= 0 || varying == 0) {
            return standard();
        }
        int reaching = 0;
        for (int j = 0; j < d; j++) {
            if (stats.count(j) > 0 && !stats.constant(j) && stats.max(j) >= top / 2) {
                reaching++;
            }
        }
        if (2 * reaching < varying) {
            return standard();
        }
        String max = Numbers.num(top);
        return new ScalerChoice("divide:" + max, "all " + d + " columns hold whole numbers from 0 to at most " + max
                + " and most reach over half of it: one unit, like pixels, so divided by " + max
                + " (standardising would inflate near-constant columns)");
    }

    private static ScalerChoice standard() {
        return new ScalerChoice("standard", "a table: each column standardised with the training mean and SD");
    }
}
