package dev.embedscope.scale;

import dev.embedscope.data.Dataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a saved scaler's columns to a dataset's before it is applied: by name when both have names
 * (reordering the scaler when the table's columns come in another order), by position otherwise, and
 * refuses when names or image shapes differ ({@link ColumnMismatchException}). Says which it did.
 */
public final class ScalerColumns {

    /** How the columns were matched. */
    public enum How {
        /** Same names in the same order, images of the same shape, or every column scaled alike. */
        SAME,
        /** Same names in another order: the scaler was reordered to the data's. */
        REORDERED,
        /** The scaler file names no columns (saved before scalers did, or fitted on unnamed data): by position. */
        BY_POSITION_SCALER_UNNAMED,
        /** The scaler names its columns, the data has none (NPY, IDX): applied by position. */
        BY_POSITION_DATA_UNNAMED
    }

    /** The scaler to apply, in the data's column order, and how it was matched. */
    public record Match(Scaler scaler, How how) {
    }

    private ScalerColumns() {
    }

    /**
     * @param recordsColumns false for a scaler file saved before scalers recorded their columns
     */
    public static Match match(Scaler scaler, boolean recordsColumns, Dataset data) {
        if (data.columns() != scaler.features()) {
            throw new ColumnMismatchException("the scaler was fitted on " + scaler.features()
                    + " features, the data has " + data.columns(), List.of(), List.of());
        }
        if (scaler.imageShape() != null && data.imageShape() != null
                && !scaler.imageShape().equals(data.imageShape())) {
            throw new ColumnMismatchException("the scaler was fitted on images of " + scaler.imageShape()
                    + ", the data has images of " + data.imageShape(), List.of(), List.of());
        }
        if (uniform(scaler)) {
            return new Match(scaler, How.SAME);
        }
        List<String> fitted = scaler.featureNames();
        List<String> names = data.featureNames();
        if (!recordsColumns || fitted == null && names != null) {
            return new Match(scaler, How.BY_POSITION_SCALER_UNNAMED);
        }
        if (fitted == null) {
            return new Match(scaler, How.SAME);
        }
        if (names == null) {
            return new Match(scaler, How.BY_POSITION_DATA_UNNAMED);
        }
        if (fitted.equals(names)) {
            return new Match(scaler, How.SAME);
        }
        Map<String, Integer> where = new HashMap<>();
        for (int j = 0; j < fitted.size(); j++) {
            where.putIfAbsent(fitted.get(j), j);
        }
        Set<String> missing = new LinkedHashSet<>(fitted);
        List<String> extra = new ArrayList<>();
        int[] from = new int[names.size()];
        for (int j = 0; j < names.size(); j++) {
            Integer k = where.get(names.get(j));
            if (k == null) {
                extra.add(names.get(j));
            } else {
                from[j] = k;
            }
            missing.remove(names.get(j));
        }
        boolean duplicates = new LinkedHashSet<>(fitted).size() != fitted.size()
                || new LinkedHashSet<>(names).size() != names.size();
        if (!extra.isEmpty() || !missing.isEmpty() || duplicates) {
            throw new ColumnMismatchException("the columns differ from those the scaler was fitted on",
                    List.copyOf(missing), extra);
        }
        return new Match(scaler.permuted(from), How.REORDERED);
    }

    /** True when every column is scaled alike, so that the column order cannot matter. */
    private static boolean uniform(Scaler scaler) {
        for (int j = 1; j < scaler.features(); j++) {
            if (scaler.center()[j] != scaler.center()[0] || scaler.scale()[j] != scaler.scale()[0]) {
                return false;
            }
        }
        return true;
    }
}
