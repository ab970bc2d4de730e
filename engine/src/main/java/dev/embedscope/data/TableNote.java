package dev.embedscope.data;

/**
 * Something found while reading a table column that the user should know: cells that are not numbers in a
 * numeric column, numbers written as text, dates in several forms or in an ambiguous day/month order, cells a
 * forced type could not read. {@code stats.TableChecks} turns each into a finding.
 *
 * @param column  the column's name
 * @param kind    what was found
 * @param warning true when the result may be wrong unless the user acts
 * @param summary one line with the numbers
 * @param advice  one sentence: what to do
 */
public record TableNote(String column, Kind kind, boolean warning, String summary, String advice) {

    /** The kinds of reading notes. */
    public enum Kind {
        /** Cells that are not numbers in a column that otherwise holds numbers. */
        NOT_NUMBERS,
        /** Numbers written with thousands separators, a decimal comma, a currency sign or a percent sign. */
        NUMBERS_AS_TEXT,
        /** Dates written in more than one form. */
        DATE_FORMS,
        /** Day/month/year dates whose order cannot be told from the values. */
        AMBIGUOUS_DATES,
        /** Cells the type given with {@code --types} could not read, taken as missing. */
        UNREADABLE_AS_GIVEN,
        /** A free-text column left out of the features. */
        TEXT_LEFT_OUT,
        /** Dates after today. */
        FUTURE_DATES,
        /** A long period without any date. */
        DATE_GAP
    }
}
