package dev.embedscope.scale;

import java.util.List;

/**
 * A saved scaler does not fit the data it is applied to: another feature count, another image shape, or
 * columns of other names. Carries the scaler's columns the data lacks and the data's columns the scaler
 * lacks, so that the command line can name them.
 */
public final class ColumnMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> missingFromData;
    private final transient List<String> unknownToScaler;

    public ColumnMismatchException(String message, List<String> missingFromData, List<String> unknownToScaler) {
        super(message);
        this.missingFromData = List.copyOf(missingFromData);
        this.unknownToScaler = List.copyOf(unknownToScaler);
    }

    /** Columns the scaler was fitted on that the data does not have. */
    public List<String> missingFromData() {
        return missingFromData;
    }

    /** Columns of the data the scaler was not fitted on. */
    public List<String> unknownToScaler() {
        return unknownToScaler;
    }
}
