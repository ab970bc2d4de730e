package dev.embedscope.data;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * How to read a delimited text table: the label column by name (or none), whether a table without
 * that column is read unlabelled instead of refused, columns to ignore (identifiers, free text), the
 * delimiter (0 to guess it from the header), column types given by the user (the others are inferred), the
 * character encoding (null to detect it), the day/month order of dates (null to decide from the values) and
 * a mapping of values to merge, per column (value → the value it stands for; {@link SpellingGroups#mapping}) and
 * the order of the levels of ordinal categories, per column.
 */
public record CsvOptions(String labelColumn, boolean labelOptional, List<String> ignoreColumns, char delimiter,
                         Map<String, ColumnType> types, Charset encoding, DateOrder dateOrder,
                         Map<String, Map<String, String>> mapping, Map<String, List<String>> ordinals) {

    public CsvOptions {
        ignoreColumns = ignoreColumns == null ? List.of() : List.copyOf(ignoreColumns);
        types = types == null ? Map.of() : Map.copyOf(types);
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        ordinals = ordinals == null ? Map.of() : Map.copyOf(ordinals);
    }

    public CsvOptions(String labelColumn, List<String> ignoreColumns, char delimiter) {
        this(labelColumn, false, ignoreColumns, delimiter, null, null, null, null, null);
    }

    public static CsvOptions defaults() {
        return new CsvOptions(null, List.of(), (char) 0);
    }

    /** The same options, reading a table without the label column as unlabelled. */
    public CsvOptions withLabelOptional() {
        return new CsvOptions(labelColumn, true, ignoreColumns, delimiter, types, encoding, dateOrder,
                mapping, ordinals);
    }

    /** The same options with column types given by name. */
    public CsvOptions withTypes(Map<String, ColumnType> given) {
        return new CsvOptions(labelColumn, labelOptional, ignoreColumns, delimiter, given, encoding, dateOrder,
                mapping, ordinals);
    }

    /** The same options with the character encoding forced (null to detect it). */
    public CsvOptions withEncoding(Charset charset) {
        return new CsvOptions(labelColumn, labelOptional, ignoreColumns, delimiter, types, charset, dateOrder,
                mapping, ordinals);
    }

    /** The same options with the day/month order of dates given (null to decide from the values). */
    public CsvOptions withDateOrder(DateOrder order) {
        return new CsvOptions(labelColumn, labelOptional, ignoreColumns, delimiter, types, encoding, order,
                mapping, ordinals);
    }

    /** The same options with values merged per column before types are decided (column → value → value). */
    public CsvOptions withMapping(Map<String, Map<String, String>> merges) {
        return new CsvOptions(labelColumn, labelOptional, ignoreColumns, delimiter, types, encoding, dateOrder,
                merges, ordinals);
    }

    /** The same options with ordinal categories: column → its levels from lowest to highest. */
    public CsvOptions withOrdinals(Map<String, List<String>> orders) {
        return new CsvOptions(labelColumn, labelOptional, ignoreColumns, delimiter, types, encoding, dateOrder, mapping,
                orders);
    }
}
