package dev.embedscope.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the cells of one table column in a single pass (numbers as floats, other texts as codes into a
 * dictionary of at most {@link #LEVELS_KEPT} distinct values) and, at the end, decides the column's type and
 * turns it into a {@link TableColumn}: number, integer or boolean when every cell reads as one; date when every
 * cell is a date; otherwise category (at most {@link #CATEGORY_MAX} distinct values, each used twice on average)
 * or free text.
 */
final class ColumnBuilder {

    /** Distinct texts kept per column; a column with more is free text without codes. */
    static final int LEVELS_KEPT = 100_000;
    /** The most distinct values an inferred category has. */
    static final int CATEGORY_MAX = 1000;
    private static final int EXAMPLES = 5;

    private final String name;
    private float[] numbers = new float[1024];
    private float[] isoValues;
    private int[] codes;
    private Map<String, Integer> dict;
    private List<String> levels;
    private long[] counts;
    private int[] firstLine;
    private boolean dropped;
    private int rows;
    private long numeric;
    private long missing;
    private long textCells;
    private long isoDates;
    private int forms;
    private final int[] exampleLines = new int[EXAMPLES];
    private final String[] exampleTexts = new String[EXAMPLES];
    private int examples;

    ColumnBuilder(String name) {
        this.name = name;
    }

    void add(String text, int line, CellParser parser) {
        if (rows == numbers.length) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, numbers.length * 2L);
            numbers = Arrays.copyOf(numbers, cap);
            if (codes != null) {
                codes = grow(codes, cap);
            }
            if (isoValues != null) {
                isoValues = Arrays.copyOf(isoValues, cap);
                Arrays.fill(isoValues, rows, cap, Float.NaN);
            }
        }
        switch (parser.parse(text)) {
            case MISSING -> {
                numbers[rows] = Float.NaN;
                missing++;
            }
            case NUMBER -> {
                numbers[rows] = parser.value;
                numeric++;
                forms |= parser.forms;
            }
            case ISO_DATE -> {
                numbers[rows] = Float.NaN;
                if (isoValues == null) {
                    isoValues = new float[numbers.length];
                    Arrays.fill(isoValues, Float.NaN);
                }
                isoValues[rows] = parser.value;
                isoDates++;
                addLevel(text, line);
            }
            case TEXT -> {
                numbers[rows] = Float.NaN;
                textCells++;
                addLevel(text, line);
                if (examples < EXAMPLES) {
                    exampleLines[examples] = line;
                    exampleTexts[examples++] = text;
                }
            }
        }
        rows++;
    }

    private static int[] grow(int[] a, int cap) {
        int old = a.length;
        int[] b = Arrays.copyOf(a, cap);
        Arrays.fill(b, old, cap, -1);
        return b;
    }

    private void addLevel(String text, int line) {
        if (dropped) {
            return;
        }
        if (dict == null) {
            dict = new HashMap<>();
            levels = new ArrayList<>();
            counts = new long[16];
            firstLine = new int[16];
            codes = new int[numbers.length];
            Arrays.fill(codes, -1);
        }
        Integer k = dict.get(text);
        if (k == null) {
            if (levels.size() == LEVELS_KEPT) {
                dropped = true;
                dict = null;
                levels = null;
                codes = null;
                counts = null;
                firstLine = null;
                return;
            }
            k = levels.size();
            dict.put(text, k);
            levels.add(text);
            if (k == counts.length) {
                counts = Arrays.copyOf(counts, k * 2);
                firstLine = Arrays.copyOf(firstLine, k * 2);
            }
            firstLine[k] = line;
        }
        codes[rows] = k;
        counts[k]++;
    }

    /**
     * The column with its type decided (or {@code given}), and the notes on what reading found.
     *
     * @param given the type given by the user, or null to infer it
     * @param order the day/month order given by the user, or null to decide from the values
     */
    TableColumn build(ColumnType given, DateOrder order) throws DataFormatException {
        List<TableNote> notes = new ArrayList<>();
        long textual = textCells + isoDates;
        long nonMissing = rows - missing;
        DateForms.Result dates = null;
        ColumnType type = given;
        if (type == null) {
            if (textual == 0) {
                type = numericType();
            } else if (numeric == 0 && textCells == 0) {
                type = ColumnType.DATE;
            } else if (!dropped && numeric == 0 && booleanLevels()) {
                type = ColumnType.BOOLEAN;
            } else {
                if (!dropped && numeric == 0) {
                    dates = DateForms.read(levels, Arrays.copyOf(counts, levels.size()), order);
                }
                if (dates != null && !dates.conflict() && dates.parsed() == levels.size()) {
                    type = ColumnType.DATE;
                } else {
                    long distinct = dropped ? -1 : levels.size() + distinctNumbers();
                    type = distinct >= 0 && distinct <= CATEGORY_MAX && 2 * distinct <= nonMissing
                            ? ColumnType.CATEGORY : ColumnType.TEXT;
                    if (numeric > 0 && numeric >= textual) {
                        notes.add(notNumbers(type));
                    }
                }
            }
        }
        return switch (type) {
            case NUMBER, INTEGER -> numbersColumn(type, given != null, notes);
            case BOOLEAN -> booleanColumn(given != null, notes);
            case DATE -> dateColumn(given != null, dates, order, notes);
            case CATEGORY, TEXT -> levelsColumn(type, given != null, notes);
        };
    }

    private ColumnType numericType() {
        boolean integral = true;
        boolean zeroOne = true;
        boolean zero = false;
        boolean one = false;
        for (int i = 0; i < rows; i++) {
            float v = numbers[i];
            if (Float.isNaN(v)) {
                continue;
            }
            integral &= v == Math.rint(v) && !Float.isInfinite(v);
            zero |= v == 0;
            one |= v == 1;
            zeroOne &= v == 0 || v == 1;
        }
        if (numeric == 0) {
            return ColumnType.NUMBER;
        }
        return zeroOne && zero && one ? ColumnType.BOOLEAN : integral ? ColumnType.INTEGER : ColumnType.NUMBER;
    }

    private long distinctNumbers() {
        if (numeric == 0) {
            return 0;
        }
        float[] v = new float[(int) numeric];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            if (!Float.isNaN(numbers[i])) {
                v[k++] = numbers[i];
            }
        }
        Arrays.sort(v);
        long d = 1;
        for (int i = 1; i < v.length; i++) {
            d += v[i] != v[i - 1] ? 1 : 0;
        }
        return d;
    }

    private static int booleanValue(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "t" -> 1;
            case "false", "no", "n", "f" -> 0;
            default -> -1;
        };
    }

    private boolean booleanLevels() {
        for (String l : levels) {
            if (booleanValue(l) < 0) {
                return false;
            }
        }
        return true;
    }

    private TableNote notNumbers(ColumnType type) {
        StringBuilder shown = new StringBuilder();
        if (!dropped) {
            Integer[] order = new Integer[levels.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(counts[b], counts[a]));
            for (int i = 0; i < Math.min(EXAMPLES, order.length); i++) {
                int l = order[i];
                shown.append(i == 0 ? "" : ", ").append('\'').append(levels.get(l)).append("' ×").append(counts[l])
                        .append(" (first on line ").append(firstLine[l]).append(')');
            }
            if (order.length > EXAMPLES) {
                shown.append(", … ").append(order.length - EXAMPLES).append(" more");
            }
        } else {
            for (int i = 0; i < examples; i++) {
                shown.append(i == 0 ? "" : ", ").append('\'').append(exampleTexts[i]).append("' (line ")
                        .append(exampleLines[i]).append(')');
            }
        }
        long bad = textCells + isoDates;
        return new TableNote(name, TableNote.Kind.NOT_NUMBERS, true, "'" + name + "': " + bad + " of "
                + (rows - missing) + " cells are not numbers: " + shown + "; the column is read as "
                + type.label(), "if they mean 'missing', pass --types '" + name
                + ":number' to read them as missing values; else correct them in the file");
    }

    private TableColumn numbersColumn(ColumnType type, boolean given, List<TableNote> notes) {
        float[] v = Arrays.copyOf(numbers, rows);
        long miss = missing + textCells + isoDates;
        if (given && textCells + isoDates > 0) {
            notes.add(unreadable(type, textCells + isoDates));
        }
        addForms(notes);
        return new TableColumn(name, type, given, v, null, null, null, miss, -1, notes);
    }

    private void addForms(List<TableNote> notes) {
        if (forms == 0) {
            return;
        }
        List<String> how = new ArrayList<>();
        if ((forms & CellParser.THOUSANDS) != 0) {
            how.add("thousands separators");
        }
        if ((forms & CellParser.DECIMAL_COMMA) != 0) {
            how.add("a decimal comma");
        }
        if ((forms & CellParser.CURRENCY) != 0) {
            how.add("a currency sign");
        }
        if ((forms & CellParser.PERCENT) != 0) {
            how.add("a percent sign (12% read as 12)");
        }
        notes.add(new TableNote(name, TableNote.Kind.NUMBERS_AS_TEXT, false, "'" + name
                + "': numbers written as text, with " + String.join(", ", how) + "; read as numbers",
                "write plain numbers when the file is made, so that other tools read them too"));
    }

    private TableNote unreadable(ColumnType type, long bad) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < examples; i++) {
            shown.append(i == 0 ? ": " : ", ").append('\'').append(exampleTexts[i]).append("' (line ")
                    .append(exampleLines[i]).append(')');
        }
        return new TableNote(name, TableNote.Kind.UNREADABLE_AS_GIVEN, true, "'" + name + "': " + bad
                + " cells cannot be read as " + type.label() + shown + "; taken as missing",
                "check that these cells mean 'missing'");
    }

    private TableColumn booleanColumn(boolean given, List<TableNote> notes) {
        float[] v = new float[rows];
        long read = 0;
        for (int i = 0; i < rows; i++) {
            float x = numbers[i];
            if (!Float.isNaN(x)) {
                v[i] = x == 0 || x == 1 ? x : Float.NaN;
            } else if (codes != null && codes[i] >= 0) {
                int b = booleanValue(levels.get(codes[i]));
                v[i] = b < 0 ? Float.NaN : b;
            } else {
                v[i] = Float.NaN;
            }
            read += Float.isNaN(v[i]) ? 0 : 1;
        }
        long bad = rows - missing - read;
        if (bad > 0) {
            notes.add(unreadable(ColumnType.BOOLEAN, bad));
        }
        return new TableColumn(name, ColumnType.BOOLEAN, given, v, null, null, null, rows - read, -1, notes);
    }

    private TableColumn dateColumn(boolean given, DateForms.Result known, DateOrder order,
                                   List<TableNote> notes) {
        float[] v = new float[rows];
        Arrays.fill(v, Float.NaN);
        DateForms.Result dates = known;
        if (dates == null && !dropped && levels != null) {
            dates = DateForms.read(levels, Arrays.copyOf(counts, levels.size()), order);
        }
        long read = 0;
        for (int i = 0; i < rows; i++) {
            if (isoValues != null && !Float.isNaN(isoValues[i])) {
                v[i] = isoValues[i];
            } else if (dates != null && codes[i] >= 0) {
                v[i] = (float) dates.days()[codes[i]];
            }
            read += Float.isNaN(v[i]) ? 0 : 1;
        }
        long bad = rows - missing - read;
        if (bad > 0) {
            notes.add(unreadable(ColumnType.DATE, bad));
        }
        if (dates != null && dates.forms().size() > 1) {
            List<String> f = new ArrayList<>();
            dates.forms().forEach((form, n) -> f.add(form + " ×" + n));
            notes.add(new TableNote(name, TableNote.Kind.DATE_FORMS, false, "'" + name + "': dates written in "
                    + dates.forms().size() + " forms (" + String.join(", ", f) + "); all read",
                    "write one form (ISO 8601, yyyy-MM-dd) when the file is made"));
        }
        if (dates != null && dates.ambiguous()) {
            notes.add(new TableNote(name, TableNote.Kind.AMBIGUOUS_DATES, true, "'" + name
                    + "': no date tells whether day or month comes first (every part is 12 or less); read as "
                    + (dates.order() == DateOrder.DAY_FIRST ? "day/month/year" : "month/day/year"),
                    dates.order() == DateOrder.DAY_FIRST
                            ? "pass --date-order mdy if the file writes the month first"
                            : "pass --date-order dmy if the file writes the day first"));
        }
        dateRange(v, notes);
        return new TableColumn(name, ColumnType.DATE, given, v, null, null, null, rows - read, -1, notes);
    }

    /** Dates after today (a typing error, or a placeholder such as 2999-12-31), and the longest gap. */
    private void dateRange(float[] days, List<TableNote> notes) {
        long today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toEpochDay();
        long future = 0;
        float latest = Float.NEGATIVE_INFINITY;
        int n = 0;
        float[] sorted = new float[days.length];
        for (float d : days) {
            if (!Float.isNaN(d)) {
                sorted[n++] = (float) Math.floor(d);
                if (d >= today + 1) {
                    future++;
                    latest = Math.max(latest, d);
                }
            }
        }
        if (future > 0) {
            notes.add(new TableNote(name, TableNote.Kind.FUTURE_DATES, true, "'" + name + "': " + future + " date(s) "
                    + "after today, up to " + java.time.LocalDate.ofEpochDay((long) Math.floor(latest)),
                    "check them: a typing error, or a placeholder for 'unknown' that should be missing"));
        }
        Arrays.sort(sorted, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        if (distinct < 10) {
            return;
        }
        float[] steps = new float[distinct - 1];
        int widest = 0;
        for (int i = 1; i < distinct; i++) {
            steps[i - 1] = sorted[i] - sorted[i - 1];
            if (steps[i - 1] > steps[widest]) {
                widest = i - 1;
            }
        }
        float gap = steps[widest];
        float[] copy = steps.clone();
        Arrays.sort(copy);
        float typical = copy[copy.length / 2];
        if (gap >= 7 && gap > 10 * typical) {
            notes.add(new TableNote(name, TableNote.Kind.DATE_GAP, false, "'" + name + "': no date for "
                    + (long) gap + " days, from " + java.time.LocalDate.ofEpochDay((long) sorted[widest]) + " to "
                    + java.time.LocalDate.ofEpochDay((long) sorted[widest + 1]) + " (dates are usually "
                    + (long) Math.max(1, typical) + " day(s) apart)", "check whether rows of that period are "
                    + "missing from the file; a model will not have seen it"));
        }
    }

    private TableColumn levelsColumn(ColumnType type, boolean given, List<TableNote> notes)
            throws DataFormatException {
        if (dropped) {
            if (type == ColumnType.CATEGORY) {
                throw new DataFormatException("'" + name + "' has more than " + LEVELS_KEPT
                        + " distinct values, too many for a category (expected text or an identifier)");
            }
            notes.add(textLeftOut(-1));
            return new TableColumn(name, type, given, null, null, null, null, missing, -1, notes);
        }
        Map<String, Integer> index = dict == null ? new HashMap<>() : dict;
        List<String> names = levels == null ? new ArrayList<>() : levels;
        long[] c = counts == null ? new long[16] : counts;
        int[] k = codes == null ? new int[rows] : Arrays.copyOf(codes, rows);
        if (codes == null) {
            Arrays.fill(k, -1);
        }
        long miss = 0;
        for (int i = 0; i < rows; i++) {
            if (k[i] >= 0) {
                continue;
            }
            float x = numbers[i];
            if (Float.isNaN(x)) {
                miss++;
                continue;
            }
            String text = x == Math.rint(x) && Math.abs(x) < 1e9 ? Long.toString((long) x) : Float.toString(x);
            Integer code = index.get(text);
            if (code == null) {
                code = names.size();
                index.put(text, code);
                names.add(text);
                if (code == c.length) {
                    c = Arrays.copyOf(c, code * 2);
                }
            }
            k[i] = code;
            c[code]++;
        }
        if (type == ColumnType.TEXT) {
            notes.add(textLeftOut(names.size()));
        }
        // levels in the order of their first cell
        int[] renumber = new int[names.size()];
        Arrays.fill(renumber, -1);
        List<String> ordered = new ArrayList<>(names.size());
        for (int i = 0; i < rows; i++) {
            int code = k[i];
            if (code >= 0) {
                if (renumber[code] < 0) {
                    renumber[code] = ordered.size();
                    ordered.add(names.get(code));
                }
                k[i] = renumber[code];
            }
        }
        long[] orderedCounts = new long[ordered.size()];
        for (int l = 0; l < renumber.length; l++) {
            if (renumber[l] >= 0) {
                orderedCounts[renumber[l]] = c[l];
            }
        }
        return new TableColumn(name, type, given, null, k, ordered, orderedCounts, miss, ordered.size(), notes);
    }

    private TableNote textLeftOut(long distinct) {
        return new TableNote(name, TableNote.Kind.TEXT_LEFT_OUT, false, "'" + name + "' is free text ("
                + (distinct < 0 ? "more than " + LEVELS_KEPT : Long.toString(distinct)) + " distinct values in "
                + (rows - missing) + " cells): left out of the features",
                "pass --types '" + name + ":category' to encode it, or --ignore-columns '" + name
                        + "' to say it is meant to be left out");
    }
}
