package dev.embedscope.stats;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.SpellingGroups;
import dev.embedscope.data.TableColumn;
import dev.embedscope.data.TableEncoder;
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
        for (TableColumn c : data.tabular().table().columns()) {
            List<SpellingGroups.Group> groups = SpellingGroups.of(c);
            if (groups.isEmpty()) {
                continue;
            }
            StringBuilder b = new StringBuilder();
            for (int g = 0; g < Math.min(5, groups.size()); g++) {
                SpellingGroups.Group group = groups.get(g);
                b.append(g == 0 ? "" : "; ");
                for (int i = 0; i < group.values().size(); i++) {
                    b.append(i == 0 ? "" : " = ").append('\'').append(group.values().get(i)).append("' ×")
                            .append(group.counts()[i]);
                }
                b.append(" (").append(String.join(", ", group.why())).append(')');
            }
            if (groups.size() > 5) {
                b.append("; … ").append(groups.size() - 5).append(" more groups");
            }
            out.add(new Finding(Finding.Check.INCONSISTENT_ENTRIES, Finding.Severity.WARNING, "'" + c.name() + "': "
                    + groups.size() + " group" + (groups.size() == 1 ? "" : "s") + " of values that probably mean "
                    + "one thing: " + b, List.of(c.name()), List.of(), "Review them and merge the spellings that "
                    + "mean one thing into the first, most frequent one (a mapping file written by inspect does it "
                    + "wherever the data is read)."));
        }
        for (var part : data.tabular().encoder().parts()) {
            TableColumn c = data.tabular().table().column(part.column());
            if (!part.other() || c == null || c.levels() == null) {
                continue;
            }
            java.util.Set<String> pooled = new java.util.HashSet<>(part.pooled());
            StringBuilder b = new StringBuilder();
            int shown = 0;
            long cells = 0;
            for (int l = 0; l < c.levels().size(); l++) {
                if (pooled.contains(c.levels().get(l))) {
                    cells += c.levelCounts()[l];
                    if (shown++ < 5) {
                        b.append(shown == 1 ? "" : ", ").append('\'').append(c.levels().get(l)).append("' ×")
                                .append(c.levelCounts()[l]);
                    }
                }
            }
            out.add(new Finding(Finding.Check.RARE_LEVELS, Finding.Severity.INFO, "'" + c.name() + "': "
                    + part.pooled().size() + " rare level(s) in " + cells + " cells pooled into " + c.name() + "="
                    + TableEncoder.OTHER + ": " + b + (part.pooled().size() > 5 ? ", …" : ""), List.of(c.name()),
                    List.of(), "Merge them into groups that mean something, or leave them pooled; a level seen a "
                            + "few times cannot be learnt."));
        }
        for (String note : data.tabular().notes()) {
            out.add(new Finding(Finding.Check.UNSEEN_LEVELS, Finding.Severity.WARNING, note, List.of(), List.of(),
                    "check the category is written the same way in both splits"));
        }
        return out;
    }
}
