package dev.embedscope.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Table} into numeric features, fitted on one table (the training split) and applied to any
 * table with the same columns: numbers, integers and booleans pass through; a category becomes one-hot columns
 * {@code name=level} for its {@link #MAX_LEVELS} most frequent levels that are not rare (fewer than
 * {@link #RARE_CELLS} cells and under 1 % of them), the others pooled into {@code name=(other)}; a missing
 * category is all zeros; a level the fitted table never had goes to {@code (other)} when there is one, else
 * all zeros, and is counted; a category given an order is one feature, the position of its level (ordinal);
 * a date becomes {@code name (days)} since 1970-01-01, {@code name (month)} 1–12 and
 * {@code name (weekday)} 1–7 (Monday 1); free text is left out.
 *
 * @param parts one entry per column of the fitted table, in its order
 */
public record TableEncoder(List<Part> parts) {

    /** The most one-hot columns a category gets besides {@code (other)}. */
    public static final int MAX_LEVELS = 50;
    /** A level with fewer cells than this, and under 1 % of the column's cells, is rare. */
    public static final int RARE_CELLS = 10;
    /** The name of the pooled level. */
    public static final String OTHER = "(other)";

    /**
     * How one column is encoded.
     *
     * @param column the column's name
     * @param type   its type
     * @param levels  the one-hot levels of a category, or the order of an ordinal one (null for other types)
     * @param pooled  the levels of the fitted table pooled into {@code (other)} (null for other types)
     * @param ordinal whether the category is one feature, the index of its level in {@code levels}
     */
    public record Part(String column, ColumnType type, List<String> levels, List<String> pooled, boolean ordinal) {

        /** Whether a category has a pooled {@code (other)} column. */
        public boolean other() {
            return pooled != null && !pooled.isEmpty();
        }
    }

    /**
     * The features of a table.
     *
     * @param values  row-major, {@code rows × names.size()}
     * @param names   one per feature
     * @param notes   what encoding did that the user should know (unseen levels, columns left out)
     */
    public record Encoded(float[] values, int rows, List<String> names, List<String> notes) {
    }

    public TableEncoder {
        parts = List.copyOf(parts);
    }

    /** The encoding fitted on {@code table}, every category one-hot. */
    public static TableEncoder fit(Table table) {
        return fit(table, Map.of());
    }

    /**
     * The encoding fitted on {@code table}; the categories named in {@code orders} are ordinal: one feature, the
     * 0-based position of the level in the order given (a level not in it is missing, and counted).
     */
    public static TableEncoder fit(Table table, Map<String, List<String>> orders) {
        List<Part> parts = new ArrayList<>();
        for (TableColumn c : table.columns()) {
            if (c.type() == ColumnType.CATEGORY && orders.containsKey(c.name())) {
                parts.add(new Part(c.name(), c.type(), List.copyOf(orders.get(c.name())), null, true));
                continue;
            }
            if (c.type() != ColumnType.CATEGORY) {
                parts.add(new Part(c.name(), c.type(), null, null, false));
                continue;
            }
            long cells = 0;
            for (long n : c.levelCounts()) {
                cells += n;
            }
            Integer[] order = new Integer[c.levels().size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> c.levelCounts()[b] != c.levelCounts()[a]
                    ? Long.compare(c.levelCounts()[b], c.levelCounts()[a]) : Integer.compare(a, b));
            List<String> kept = new ArrayList<>();
            List<String> pooled = new ArrayList<>();
            for (int i : order) {
                long n = c.levelCounts()[i];
                if (n == 0) {
                    continue;
                }
                boolean rare = n < RARE_CELLS && n * 100 < cells;
                if (rare || kept.size() == MAX_LEVELS) {
                    pooled.add(c.levels().get(i));
                } else {
                    kept.add(c.levels().get(i));
                }
            }
            parts.add(new Part(c.name(), c.type(), kept, pooled, false));
        }
        return new TableEncoder(parts);
    }

    /** The names of the features it makes. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (Part p : parts) {
            switch (p.type()) {
                case NUMBER, INTEGER, BOOLEAN -> names.add(p.column());
                case DATE -> {
                    names.add(p.column() + " (days)");
                    names.add(p.column() + " (month)");
                    names.add(p.column() + " (weekday)");
                }
                case CATEGORY -> {
                    if (p.ordinal()) {
                        names.add(p.column());
                        continue;
                    }
                    for (String l : p.levels()) {
                        names.add(p.column() + "=" + l);
                    }
                    if (p.other()) {
                        names.add(p.column() + "=" + OTHER);
                    }
                }
                case TEXT -> {
                }
            }
        }
        return names;
    }

    /** The features that scaling leaves as they are: one-hot levels and booleans, which are 0 or 1. */
    public java.util.Set<String> unscaledFeatures() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Part p : parts) {
            if (p.type() == ColumnType.BOOLEAN) {
                out.add(p.column());
            } else if (p.type() == ColumnType.CATEGORY && !p.ordinal()) {
                for (String l : p.levels()) {
                    out.add(p.column() + "=" + l);
                }
                if (p.other()) {
                    out.add(p.column() + "=" + OTHER);
                }
            }
        }
        return out;
    }

    /** The columns of the fitted table that are left out (free text). */
    public List<String> leftOut() {
        return parts.stream().filter(p -> p.type() == ColumnType.TEXT).map(Part::column).toList();
    }

    /**
     * Encodes {@code table}, whose columns are matched by name with the fitted ones.
     *
     * @throws DataFormatException naming {@code tableName} when a fitted column is missing or has another type
     */
    public Encoded apply(Table table, String tableName) throws DataFormatException {
        List<String> names = featureNames();
        int d = names.size();
        int n = table.rows();
        if ((long) n * d > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(tableName + ": " + n + " rows × " + d + " encoded features are more than "
                    + "one array holds (expected fewer rows or fewer category levels)");
        }
        float[] out = new float[n * d];
        List<String> notes = new ArrayList<>();
        int col = 0;
        for (Part p : parts) {
            TableColumn c = table.column(p.column());
            if (c == null) {
                throw new DataFormatException(tableName + ": no column '" + p.column()
                        + "' (expected the columns of the training split: " + String.join(", ",
                        parts.stream().map(Part::column).toList()) + ")");
            }
            if (p.type() == ColumnType.TEXT) {
                continue;
            }
            boolean bothNumbers = p.type().numeric() && c.type().numeric() && p.type() != ColumnType.DATE
                    && c.type() != ColumnType.DATE;
            boolean bothLevels = p.type() == ColumnType.CATEGORY && !c.type().numeric() && c.codes() != null;
            if (c.type() != p.type() && !bothNumbers && !bothLevels) {
                throw new DataFormatException(tableName + ": column '" + p.column() + "' reads as " + c.type().label()
                        + ", the encoding was fitted on " + p.type().label()
                        + " (expected the same type; pass --types '"
                        + p.column() + ":" + p.type().label() + "')");
            }
            switch (p.type()) {
                case NUMBER, INTEGER, BOOLEAN -> {
                    float[] v = c.values();
                    for (int i = 0; i < n; i++) {
                        out[i * d + col] = v[i];
                    }
                    col++;
                }
                case DATE -> {
                    dates(c.values(), out, d, col);
                    col += 3;
                }
                case CATEGORY -> {
                    col = p.ordinal() ? ordinal(p, c, new Target(out, d, col), notes, tableName)
                            : oneHot(p, c, new Target(out, d, col), notes, tableName);
                }
                case TEXT -> {
                }
            }
        }
        return new Encoded(out, n, names, notes);
    }

    private record Target(float[] out, int stride, int column) {
    }

    private static void dates(float[] days, float[] out, int d, int col) {
        for (int i = 0; i < days.length; i++) {
            float v = days[i];
            int k = i * d + col;
            if (Float.isNaN(v)) {
                out[k] = Float.NaN;
                out[k + 1] = Float.NaN;
                out[k + 2] = Float.NaN;
                continue;
            }
            LocalDate date = LocalDate.ofEpochDay((long) Math.floor(v));
            out[k] = v;
            out[k + 1] = date.getMonthValue();
            out[k + 2] = date.getDayOfWeek().getValue();
        }
    }

    private static int ordinal(Part p, TableColumn c, Target t, List<String> notes, String tableName) {
        Map<String, Integer> rank = new HashMap<>();
        for (int l = 0; l < p.levels().size(); l++) {
            rank.put(p.levels().get(l), l);
        }
        float[] value = new float[c.levels().size()];
        List<String> outside = new ArrayList<>();
        long outsideCells = 0;
        for (int l = 0; l < value.length; l++) {
            Integer r = rank.get(c.levels().get(l));
            value[l] = r == null ? Float.NaN : r;
            if (r == null && c.levelCounts()[l] > 0) {
                outsideCells += c.levelCounts()[l];
                if (outside.size() < 3) {
                    outside.add("'" + c.levels().get(l) + "'");
                }
            }
        }
        int[] codes = c.codes();
        for (int i = 0; i < codes.length; i++) {
            t.out()[i * t.stride() + t.column()] = codes[i] < 0 ? Float.NaN : value[codes[i]];
        }
        if (outsideCells > 0) {
            notes.add(tableName + ": '" + p.column() + "': " + outsideCells + " cells have levels not in the order "
                    + "given (" + String.join(", ", outside) + (outsideCells > outside.size() ? ", …" : "")
                    + "): read as missing");
        }
        return t.column() + 1;
    }

    private static int oneHot(Part p, TableColumn c, Target t, List<String> notes, String tableName) {
        Map<String, Integer> where = new HashMap<>();
        for (int l = 0; l < p.levels().size(); l++) {
            where.put(p.levels().get(l), l);
        }
        int otherAt = p.other() ? p.levels().size() : -1;
        java.util.Set<String> pooled = p.other() ? new java.util.HashSet<>(p.pooled()) : java.util.Set.of();
        int[] slot = new int[c.levels().size()];
        List<String> unseen = new ArrayList<>();
        for (int l = 0; l < slot.length; l++) {
            Integer s = where.get(c.levels().get(l));
            slot[l] = s != null ? s : otherAt;
        }
        long unseenCells = 0;
        int[] codes = c.codes();
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            if (code < 0) {
                continue;
            }
            int s = slot[code];
            if (s >= 0) {
                t.out()[i * t.stride() + t.column() + s] = 1f;
            }
        }
        for (int l = 0; l < slot.length; l++) {
            if (c.levelCounts()[l] > 0 && !where.containsKey(c.levels().get(l))
                    && !pooled.contains(c.levels().get(l))) {
                unseenCells += c.levelCounts()[l];
                if (unseen.size() < 3) {
                    unseen.add("'" + c.levels().get(l) + "'");
                }
            }
        }
        if (unseenCells > 0) {
            notes.add(tableName + ": '" + p.column() + "': " + unseenCells + " cells have levels the training split "
                    + "does not have (" + String.join(", ", unseen) + (unseenCells > unseen.size() ? ", …" : "")
                    + "): encoded as " + (p.other() ? OTHER : "all zeros"));
        }
        return t.column() + p.levels().size() + (p.other() ? 1 : 0);
    }
}
