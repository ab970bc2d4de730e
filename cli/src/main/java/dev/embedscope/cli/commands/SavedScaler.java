package dev.embedscope.cli.commands;

import dev.embedscope.data.ColumnType;
import dev.embedscope.data.Dataset;
import dev.embedscope.scale.ColumnMismatchException;
import dev.embedscope.scale.Normaliser;
import dev.embedscope.scale.Repair;
import dev.embedscope.scale.Scaler;
import dev.embedscope.scale.ScalerColumns;
import dev.embedscope.scale.ScalerJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a scaler saved by {@code scale fit} to rows read from a file, with every step saved with it, in the
 * order they were fitted: the table encoding, the repair of missing values, the normalisation, then the scaling;
 * what each step did goes to standard error. {@code scale apply} and {@code embed --scaler} use it.
 */
final class SavedScaler {

    private SavedScaler() {
    }

    /** The rows scaled, and the scaler that did it (its columns matched to the rows'). */
    record Applied(Dataset rows, Scaler scaler) {
    }

    /**
     * @param file  the scaler's file, for messages
     * @param data  the data argument, for messages
     * @throws IllegalArgumentException with one line when the columns do not fit the scaler
     */
    static Applied apply(ScalerJson.Saved saved, Path file, Dataset rows, String data, PrintWriter err)
            throws java.io.IOException {
        Scaler s = saved.scaler();
        Dataset d = rows;
        boolean reordered = false;
        if (s.encoding() != null && d.tabular() != null && sameColumns(d, s)
                && s.encoding().parts().stream().anyMatch(p -> p.type() == ColumnType.CATEGORY
                || p.type() == ColumnType.DATE)) {
            List<String> fitted = s.encoding().parts().stream().map(p -> p.column()).toList();
            reordered = !d.tabular().table().columns().stream().map(c -> c.name()).toList().equals(fitted);
            d = d.encodedWith(s.encoding(), data);
            for (String note : d.tabular().notes()) {
                err.println("embedscope: warning: " + note);
            }
        }
        List<String> fittedFeatures = s.repair() != null ? s.repair().featureNames()
                : s.normaliser() != null ? s.normaliser().featureNames() : null;
        if (fittedFeatures != null && d.featureNames() != null && !d.featureNames().equals(fittedFeatures)
                && new HashSet<>(d.featureNames()).equals(new HashSet<>(fittedFeatures))) {
            d = d.withColumnsOrderedAs(fittedFeatures, data, file.toString());
            reordered = true;
        }
        if (s.repair() != null && d.allFeatureNames().equals(s.repair().featureNames())) {
            Repair.Repaired r = s.repair().apply(d);
            d = r.data();
            err.println("embedscope: " + s.repair().describe());
            if (r.report().rowsDropped() > 0) {
                err.println("embedscope:   " + r.report().rowsDropped() + " of " + r.report().rowsBefore()
                        + " rows dropped");
            }
            for (String line : r.report().lines()) {
                err.println("embedscope:   " + line);
            }
        }
        Normaliser normaliser = s.normaliser();
        if (normaliser != null && d.allFeatureNames().equals(normaliser.featureNames())) {
            d = normaliser.apply(d);
            err.println("embedscope: " + normaliser.describe());
        }
        ScalerColumns.Match match;
        try {
            match = ScalerColumns.match(s, saved.recordsColumns(), d);
        } catch (ColumnMismatchException e) {
            throw new IllegalArgumentException(file + ": " + ScaleCommand.describe(e, data));
        }
        String line = switch (reordered ? ScalerColumns.How.REORDERED : match.how()) {
            case SAME -> null;
            case REORDERED -> "note: the columns come in another order than when " + file + " was fitted; matched "
                    + "by name";
            case BY_POSITION_SCALER_UNNAMED -> "warning: " + file + " does not name the columns it was fitted on;"
                    + " applied by position, so the columns must come in the order they had (fit it again to "
                    + "record them)";
            case BY_POSITION_DATA_UNNAMED -> "warning: " + data + " has no column names; " + file
                    + " applied by position, in the order of its columns";
        };
        if (line != null) {
            err.println("embedscope: " + line);
        }
        err.flush();
        Scaler scaler = match.scaler();
        return new Applied(d.withFeatures(scaler.apply(d.features())), scaler);
    }

    /** Whether the table has the columns the scaler's encoding was fitted on, in any order. */
    private static boolean sameColumns(Dataset d, Scaler scaler) {
        Set<String> fitted = new HashSet<>();
        scaler.encoding().parts().forEach(p -> fitted.add(p.column()));
        Set<String> here = new HashSet<>();
        d.tabular().table().columns().forEach(c -> here.add(c.name()));
        return fitted.equals(here);
    }
}
