package dev.embedscope.data;

import java.util.Locale;

/** What a table column holds, as inferred from its cells or given with {@code --types}. */
public enum ColumnType {
    /** Real numbers. */
    NUMBER,
    /** Whole numbers only. */
    INTEGER,
    /** Two values: 0/1, true/false, yes/no. */
    BOOLEAN,
    /** Text with few distinct values. */
    CATEGORY,
    /** Free text or identifiers: text with many distinct values; left out of the features. */
    TEXT,
    /** Dates or date-times. */
    DATE;

    /** The lower-case name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code text} (number, integer, boolean, category, text, date), or null. */
    public static ColumnType named(String text) {
        for (ColumnType t : values()) {
            if (t.label().equals(text.toLowerCase(Locale.ROOT).trim())) {
                return t;
            }
        }
        return null;
    }

    /** Whether the column's values are read as numbers (number, integer, boolean, date). */
    public boolean numeric() {
        return this != CATEGORY && this != TEXT;
    }
}
