package dev.embedscope.stats;

import java.util.List;

/**
 * One thing wrong with (or worth knowing about) a dataset: its check, a severity, a one-line
 * summary with the numbers, the features or rows concerned, and one sentence of advice.
 */
public record Finding(Check check, Severity severity, String summary, List<String> features, List<Long> rows,
                      String advice) {

    public Finding {
        features = features == null ? List.of() : List.copyOf(features);
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /** How much a finding matters. */
    public enum Severity { INFO, WARNING, ERROR }

    /** The checks {@link DataChecks} runs. */
    public enum Check {
        MISSING_VALUES, INFINITE_VALUES, ZEROS_AS_MISSING, CONSTANT_FEATURES, RANGE_DISPARITY, INTEGER_AS_FLOAT,
        CLASS_IMBALANCE, EMPTY_CLASSES, DUPLICATE_ROWS, CONFLICTING_DUPLICATES, IDENTICAL_ROWS,
        /** Table reading ({@code TableNote.Kind}): cells that are not numbers in a numeric column. */
        NOT_NUMBERS,
        /** Numbers written with separators, a currency or percent sign. */
        NUMBERS_AS_TEXT,
        /** Dates written in several forms. */
        DATE_FORMS,
        /** Dates whose day/month order the values do not tell. */
        AMBIGUOUS_DATES,
        /** Cells a given column type could not read. */
        UNREADABLE_AS_GIVEN,
        /** Free-text columns left out of the features. */
        TEXT_LEFT_OUT,
        /** Dates after today. */
        FUTURE_DATES,
        /** A long period without any date. */
        DATE_GAP,
        /** Test levels of a category that the training split does not have. */
        UNSEEN_LEVELS,
        /** A feature that alone predicts the label almost perfectly. */
        LABEL_LEAKAGE,
        /** Labels that follow the row order. */
        ROW_ORDER,
        /** Values of a text column that probably mean one thing, spelled in several ways. */
        INCONSISTENT_ENTRIES,
        /** Features with a long tail. */
        SKEWED,
        /** Rare levels of a category pooled into one. */
        RARE_LEVELS
    }
}
