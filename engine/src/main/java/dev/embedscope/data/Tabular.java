package dev.embedscope.data;

import java.util.List;

/**
 * Where a dataset's features came from when it was read from a text table: the table as read, the encoding
 * that made its features (fitted on this table, or on the training split for a test split) and what encoding
 * it reported.
 *
 * @param table   the typed columns
 * @param encoder the encoding of the features
 * @param notes   what encoding did that the user should know (levels unseen in training)
 */
public record Tabular(Table table, TableEncoder encoder, List<String> notes) {

    public Tabular {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
