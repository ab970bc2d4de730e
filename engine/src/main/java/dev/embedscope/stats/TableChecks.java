package dev.embedscope.stats;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.TableNote;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings of reading a text table: each {@link TableNote} of its columns (text in numeric columns, numbers
 * written as text, date forms, ambiguous dates, cells a given type could not read, free text left out) and the
 * category levels of a test split that its training split does not have.
 */
public final class TableChecks {

    private TableChecks() {
    }

    /** The findings; none for a dataset not read from a table. */
    public static List<Finding> run(Dataset data) {
        List<Finding> out = new ArrayList<>();
        if (data.tabular() == null) {
            return out;
        }
        for (TableNote n : data.tabular().table().notes()) {
            out.add(new Finding(Finding.Check.valueOf(n.kind().name()),
                    n.warning() ? Finding.Severity.WARNING : Finding.Severity.INFO, n.summary(), List.of(n.column()),
                    List.of(), n.advice()));
        }
        for (String note : data.tabular().notes()) {
            out.add(new Finding(Finding.Check.UNSEEN_LEVELS, Finding.Severity.WARNING, note, List.of(), List.of(),
                    "check the category is written the same way in both splits"));
        }
        return out;
    }
}
