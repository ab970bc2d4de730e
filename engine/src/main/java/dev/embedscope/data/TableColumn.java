package dev.embedscope.data;

import java.util.List;

/**
 * One column of a table as read: its type, and its cells either as numbers ({@code values}, one per row, NaN
 * where missing; dates as days since 1970-01-01) or as levels ({@code codes} into {@code levels}, -1 where
 * missing), with the count of each level. Category columns have codes; free-text columns have them too unless
 * they hold more distinct values than are kept ({@link ColumnBuilder#LEVELS_KEPT}), when {@code codes} and
 * {@code levels} are null and {@code distinct} is -1.
 *
 * @param name        the header
 * @param type        what it holds
 * @param given       whether the type was given with {@code --types} (else inferred)
 * @param values      numbers per row for number, integer, boolean and date columns; null otherwise
 * @param codes       level per row for category and text columns; null otherwise
 * @param levels      the distinct texts, in order of first appearance
 * @param levelCounts cells per level
 * @param missing     missing cells
 * @param distinct    distinct non-missing values (-1: more than are counted)
 * @param notes       what reading found
 */
public record TableColumn(String name, ColumnType type, boolean given, float[] values, int[] codes,
                          List<String> levels, long[] levelCounts, long missing, long distinct,
                          List<TableNote> notes) {

    public TableColumn {
        notes = notes == null ? List.of() : List.copyOf(notes);
        levels = levels == null ? null : List.copyOf(levels);
    }

    /** The same column restricted to the given rows (level counts recounted; a text column without codes as is). */
    public TableColumn subset(int[] rows) {
        if (values != null) {
            float[] v = new float[rows.length];
            long miss = 0;
            for (int i = 0; i < rows.length; i++) {
                v[i] = values[rows[i]];
                miss += Float.isNaN(v[i]) ? 1 : 0;
            }
            return new TableColumn(name, type, given, v, null, null, null, miss, distinct, notes);
        }
        if (codes == null) {
            return this;
        }
        int[] c = new int[rows.length];
        long[] counts = new long[levels.size()];
        long miss = 0;
        for (int i = 0; i < rows.length; i++) {
            c[i] = codes[rows[i]];
            if (c[i] < 0) {
                miss++;
            } else {
                counts[c[i]]++;
            }
        }
        long d = 0;
        for (long k : counts) {
            d += k > 0 ? 1 : 0;
        }
        return new TableColumn(name, type, given, null, c, levels, counts, miss, d, notes);
    }
}
