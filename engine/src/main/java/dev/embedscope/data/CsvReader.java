package dev.embedscope.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a CSV or TSV table with a header row into a {@link Dataset}, streaming it once: the character encoding
 * detected ({@link TextEncoding}) or given and decoded strictly, each feature column's cells collected and its
 * type inferred or given ({@link ColumnBuilder}: numbers, also written as text; booleans; dates; categories;
 * free text), the table encoded into features ({@link TableEncoder}), and an optional label column whose values
 * are class names or integers. Missing markers: empty, {@code NA}, {@code NaN}, {@code ?}, {@code n/a},
 * {@code null}, {@code #N/A}, {@code -}; {@code inf}, {@code -inf}, {@code Infinity} in any case are
 * infinities. A ragged row or a missing label is an error naming the line.
 */
public final class CsvReader {

    private CsvReader() {
    }

    public static Dataset read(ByteSource source, CsvOptions options) throws IOException {
        String name = source.name();
        byte[] head;
        try (InputStream in = source.open()) {
            head = in.readNBytes(TextEncoding.SAMPLE_BYTES);
        }
        TextEncoding encoding = options.encoding() != null ? TextEncoding.forced(options.encoding(), head)
                : TextEncoding.detect(head, head.length);
        String sample = new String(head, encoding.bomBytes(), head.length - encoding.bomBytes(), encoding.charset());
        int eol = sample.indexOf('\n');
        String firstLine = eol < 0 ? sample : sample.substring(0, eol);
        if (firstLine.isBlank()) {
            throw DataFormatException.at(name, "line 1", "expected a header row naming the columns");
        }
        char delimiter = options.delimiter() != 0 ? options.delimiter() : CsvRecords.guessDelimiter(firstLine, name);
        try (Reader reader = new StrictTextReader(source.open(), encoding, name)) {
            CsvRecords records = new CsvRecords(reader, delimiter, name);
            List<String> header = new ArrayList<>();
            records.next(header);
            int width = header.size();
            int labelIndex = -1;
            if (options.labelColumn() != null) {
                labelIndex = header.indexOf(options.labelColumn());
                if (labelIndex < 0 && !options.labelOptional()) {
                    throw DataFormatException.at(name, "line 1", "no column named '" + options.labelColumn()
                            + "' for the labels (columns: " + String.join(", ", header) + ")");
                }
            }
            for (String ignored : options.ignoreColumns()) {
                if (!header.contains(ignored) && !options.labelOptional()) {
                    throw DataFormatException.at(name, "line 1", "no column named '" + ignored + "' to ignore");
                }
            }
            for (String typed : options.types().keySet()) {
                if (!header.contains(typed) && !options.labelOptional()) {
                    throw DataFormatException.at(name, "line 1", "no column named '" + typed + "' to give a type"
                            + " (columns: " + String.join(", ", header) + ")");
                }
            }
            for (String mapped : options.mapping().keySet()) {
                if (!header.contains(mapped) && !options.labelOptional()) {
                    throw DataFormatException.at(name, "line 1", "no column named '" + mapped + "' in the mapping"
                            + " (columns: " + String.join(", ", header) + ")");
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, String>[] merges = new Map[width];
            for (int j = 0; j < width; j++) {
                merges[j] = options.mapping().get(header.get(j));
            }
            ColumnBuilder[] builders = new ColumnBuilder[width];
            int kept = 0;
            for (int j = 0; j < width; j++) {
                if (j != labelIndex && !options.ignoreColumns().contains(header.get(j))) {
                    builders[j] = new ColumnBuilder(columnName(header, j));
                    kept++;
                }
            }
            if (kept == 0) {
                throw DataFormatException.at(name, "line 1", "no feature columns left besides the label");
            }
            CellParser parser = new CellParser(delimiter == ';');
            List<String> labelTexts = labelIndex >= 0 ? new ArrayList<>() : null;
            List<String> fields = CsvRecords.newFields();
            int rows = 0;
            while (records.next(fields)) {
                int lineNo = records.recordLine();
                if (fields.size() != width) {
                    throw DataFormatException.at(name, "line " + lineNo, "row has " + fields.size()
                            + " fields, expected " + width + " (from the header)");
                }
                for (int j = 0; j < width; j++) {
                    String text = fields.get(j);
                    if (j == labelIndex) {
                        if (CellParser.MISSING.contains(text.toLowerCase(Locale.ROOT))) {
                            throw DataFormatException.at(name, "line " + lineNo + ", column '" + header.get(j) + "'",
                                    "the label is missing (expected a class name or number)");
                        }
                        labelTexts.add(text);
                    } else if (builders[j] != null) {
                        builders[j].add(merges[j] == null ? text : merges[j].getOrDefault(text, text), lineNo, parser);
                    }
                }
                rows++;
            }
            if (rows == 0) {
                throw DataFormatException.at(name, "line 2", "the table has a header but no rows");
            }
            List<TableColumn> columns = new ArrayList<>(kept);
            for (int j = 0; j < width; j++) {
                if (builders[j] != null) {
                    try {
                        ColumnType given = options.types().get(header.get(j));
                        if (given == null && options.ordinals().containsKey(header.get(j))) {
                            given = ColumnType.CATEGORY;
                        }
                        columns.add(builders[j].build(given, options.dateOrder()));
                    } catch (DataFormatException e) {
                        throw new DataFormatException(name + ": " + e.getMessage());
                    }
                }
            }
            Table table = new Table(rows, columns, encoding, delimiter);
            for (String ordinal : options.ordinals().keySet()) {
                TableColumn c = table.column(ordinal);
                if (c == null && !options.labelOptional()) {
                    throw DataFormatException.at(name, "line 1", "no column named '" + ordinal + "' to give an order"
                            + " (columns: " + String.join(", ", header) + ")");
                }
                if (c != null && c.type() != ColumnType.CATEGORY) {
                    throw DataFormatException.at(name, "line 1", "'" + ordinal + "' is given as " + c.type().label()
                            + " and cannot take an order of levels (expected a category)");
                }
            }
            TableEncoder encoder = TableEncoder.fit(table, options.ordinals());
            TableEncoder.Encoded encoded = encoder.apply(table, name);
            if (encoded.names().isEmpty()) {
                throw DataFormatException.at(name, "line 1", "every feature column is free text ("
                        + String.join(", ", encoder.leftOut()) + "), nothing to use as features (expected numbers,"
                        + " categories or dates; give a column's type with --types NAME:category)");
            }
            int d = encoded.names().size();
            Labels labels = labelTexts == null ? null : Labels.fromTexts(labelTexts);
            return new Dataset(stripExtension(name), FloatMatrix.of(encoded.values(), rows, d),
                    labels == null ? null : labels.indices(), labels == null ? List.of() : labels.names(),
                    encoded.names(), null, SourceType.TEXT, null, new Tabular(table, encoder, encoded.notes()));
        }
    }

    private static String columnName(List<String> header, int j) {
        return header.get(j).isEmpty() ? "column " + (j + 1) : header.get(j);
    }

    static String stripExtension(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        for (String ext : new String[] {".gz", ".csv", ".tsv", ".tab", ".txt", ".npy", ".idx"}) {
            if (base.endsWith(ext)) {
                base = base.substring(0, base.length() - ext.length());
            }
        }
        return base;
    }

    /** Class indices and names from label texts: integers sorted numerically, else names sorted. */
    record Labels(int[] indices, List<String> names) {
        static Labels fromTexts(List<String> texts) {
            boolean allIntegers = true;
            for (String t : texts) {
                if (!t.matches("[+-]?\\d+")) {
                    allIntegers = false;
                    break;
                }
            }
            List<String> names;
            if (allIntegers) {
                TreeSet<Long> distinct = new TreeSet<>();
                for (String t : texts) {
                    distinct.add(Long.parseLong(t));
                }
                names = new ArrayList<>();
                for (long v : distinct) {
                    names.add(Long.toString(v));
                }
            } else {
                names = new ArrayList<>(new TreeSet<>(texts));
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                index.put(names.get(i), i);
            }
            int[] out = new int[texts.size()];
            for (int i = 0; i < out.length; i++) {
                String t = texts.get(i);
                out[i] = allIntegers ? index.get(Long.toString(Long.parseLong(t))) : index.get(t);
            }
            return new Labels(out, names);
        }
    }
}
