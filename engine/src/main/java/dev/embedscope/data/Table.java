package dev.embedscope.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table as read, before it becomes features: its typed columns (labels and ignored columns excluded),
 * the character encoding it was read with and its delimiter. {@link TableEncoder} turns it into numbers.
 *
 * @param rows      data rows
 * @param columns   the feature columns in file order
 * @param encoding  how the bytes were decoded
 * @param delimiter the field delimiter
 */
public record Table(int rows, List<TableColumn> columns, TextEncoding encoding, char delimiter) {

    public Table {
        columns = List.copyOf(columns);
    }

    /** The column named {@code name}, or null. */
    public TableColumn column(String name) {
        for (TableColumn c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Everything reading found, column by column. */
    public List<TableNote> notes() {
        List<TableNote> all = new ArrayList<>();
        for (TableColumn c : columns) {
            all.addAll(c.notes());
        }
        return all;
    }

    /** The same table restricted to the given rows, in that order. */
    public Table subset(int[] rowIndices) {
        List<TableColumn> out = new ArrayList<>(columns.size());
        for (TableColumn c : columns) {
            out.add(c.subset(rowIndices));
        }
        return new Table(rowIndices.length, out, encoding, delimiter);
    }
}
