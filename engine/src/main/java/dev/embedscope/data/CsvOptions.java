package dev.embedscope.data;

import java.util.List;

/**
 * How to read a delimited text table: the label column by name (or none), columns to ignore
 * (identifiers, free text) and the delimiter (0 to guess it from the header).
 */
public record CsvOptions(String labelColumn, List<String> ignoreColumns, char delimiter) {

    public CsvOptions {
        ignoreColumns = ignoreColumns == null ? List.of() : List.copyOf(ignoreColumns);
    }

    public static CsvOptions defaults() {
        return new CsvOptions(null, List.of(), (char) 0);
    }
}
