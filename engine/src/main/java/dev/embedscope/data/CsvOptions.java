package dev.embedscope.data;

import java.util.List;

/**
 * How to read a delimited text table: the label column by name (or none), whether a table without
 * that column is read unlabelled instead of refused, columns to ignore (identifiers, free text) and
 * the delimiter (0 to guess it from the header).
 */
public record CsvOptions(String labelColumn, boolean labelOptional, List<String> ignoreColumns, char delimiter) {

    public CsvOptions {
        ignoreColumns = ignoreColumns == null ? List.of() : List.copyOf(ignoreColumns);
    }

    public CsvOptions(String labelColumn, List<String> ignoreColumns, char delimiter) {
        this(labelColumn, false, ignoreColumns, delimiter);
    }

    public static CsvOptions defaults() {
        return new CsvOptions(null, List.of(), (char) 0);
    }

    /** The same options, reading a table without the label column as unlabelled. */
    public CsvOptions withLabelOptional() {
        return new CsvOptions(labelColumn, true, ignoreColumns, delimiter);
    }
}
