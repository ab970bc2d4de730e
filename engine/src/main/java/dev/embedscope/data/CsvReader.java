package dev.embedscope.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a CSV or TSV table with a header row into a {@link Dataset}: numeric feature columns
 * (empty, {@code NA}, {@code NaN}, {@code ?} read as missing; {@code inf}, {@code -inf}, {@code Infinity} in
 * any case as infinities), and an optional label column
 * whose values are class names or integers. A non-numeric feature value or a ragged row is an
 * error naming the row and the column.
 */
public final class CsvReader {

    private static final Set<String> MISSING = Set.of("", "na", "nan", "?", "n/a", "null");
    /** Infinities as numpy, pandas, R and Java write them, in any case. */
    private static final Set<String> POSITIVE_INFINITY = Set.of("inf", "+inf", "infinity", "+infinity");
    private static final Set<String> NEGATIVE_INFINITY = Set.of("-inf", "-infinity");

    private CsvReader() {
    }

    public static Dataset read(ByteSource source, CsvOptions options) throws IOException {
        String name = source.name();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(source.open(),
                StandardCharsets.UTF_8), 1 << 16)) {
            reader.mark(1 << 20);
            String firstLine = reader.readLine();
            if (firstLine == null || firstLine.isBlank()) {
                throw DataFormatException.at(name, "line 1", "expected a header row naming the columns");
            }
            reader.reset();
            if (firstLine.startsWith("\uFEFF")) {
                reader.skip(1);
                firstLine = firstLine.substring(1);
            }
            char delimiter = options.delimiter() != 0 ? options.delimiter() : CsvRecords.guessDelimiter(firstLine,
                    name);
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
            boolean[] keep = new boolean[width];
            List<String> featureNames = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                keep[j] = j != labelIndex && !options.ignoreColumns().contains(header.get(j));
                if (keep[j]) {
                    featureNames.add(header.get(j).isEmpty() ? "column " + (j + 1) : header.get(j));
                }
            }
            int d = featureNames.size();
            if (d == 0) {
                throw DataFormatException.at(name, "line 1", "no feature columns left besides the label");
            }
            float[] values = new float[Math.max(1024, d * 256)];
            List<String> labelTexts = labelIndex >= 0 ? new ArrayList<>() : null;
            List<String> fields = CsvRecords.newFields();
            int rows = 0;
            while (records.next(fields)) {
                int lineNo = records.recordLine();
                if (fields.size() != width) {
                    throw DataFormatException.at(name, "line " + lineNo, "row has " + fields.size()
                            + " fields, expected "
                            + width + " (from the header)");
                }
                if ((long) (rows + 1) * d > values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, (long) values.length * 2));
                }
                int k = rows * d;
                for (int j = 0; j < width; j++) {
                    String text = fields.get(j);
                    if (j == labelIndex) {
                        if (MISSING.contains(text.toLowerCase(Locale.ROOT))) {
                            throw DataFormatException.at(name, "line " + lineNo + ", column '" + header.get(j) + "'",
                                    "the label is missing (expected a class name or number)");
                        }
                        labelTexts.add(text);
                    } else if (keep[j]) {
                        values[k++] = parse(text, name, lineNo, header.get(j));
                    }
                }
                rows++;
            }
            if (rows == 0) {
                throw DataFormatException.at(name, "line 2", "the table has a header but no rows");
            }
            Dataset table = new Dataset(stripExtension(name), FloatMatrix.of(Arrays.copyOf(values, rows * d), rows, d),
                    null, List.of(), featureNames, null, SourceType.TEXT);
            if (labelTexts == null) {
                return table;
            }
            Labels labels = Labels.fromTexts(labelTexts);
            return new Dataset(table.name(), table.features(), labels.indices(), labels.names(),
                    featureNames, null, SourceType.TEXT);
        }
    }

    private static float parse(String text, String name, int line, String column) throws DataFormatException {
        String lower = text.toLowerCase(Locale.ROOT);
        if (MISSING.contains(lower)) {
            return Float.NaN;
        }
        if (POSITIVE_INFINITY.contains(lower)) {
            return Float.POSITIVE_INFINITY;
        }
        if (NEGATIVE_INFINITY.contains(lower)) {
            return Float.NEGATIVE_INFINITY;
        }
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw DataFormatException.at(name, "line " + line + ", column '" + column + "'", "'" + text
                    + "' is not a number (expected a number or a missing marker: empty, NA, NaN, ?)",
                    new DataFormatException.Remedy(DataFormatException.Setting.LABEL_COLUMN, column));
        }
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
