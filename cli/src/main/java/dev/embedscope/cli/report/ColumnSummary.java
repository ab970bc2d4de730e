package dev.embedscope.cli.report;

import dev.embedscope.cli.render.Format;
import dev.embedscope.data.ColumnType;
import dev.embedscope.data.TableColumn;
import java.time.LocalDate;

/** One line on a table column's values, for inspect's column table, its JSON and the report. */
public final class ColumnSummary {

    private ColumnSummary() {
    }

    /** The most frequent levels of a category or text column; the range of a numeric one (dates as dates). */
    public static String of(TableColumn c) {
        if (c.values() != null) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float v : c.values()) {
                if (!Float.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (lo > hi) {
                return "all missing";
            }
            if (c.type() == ColumnType.DATE) {
                return LocalDate.ofEpochDay((long) Math.floor(lo)) + " .. "
                        + LocalDate.ofEpochDay((long) Math.floor(hi));
            }
            return Format.num(lo) + " .. " + Format.num(hi);
        }
        if (c.levels() == null) {
            return c.type() == ColumnType.TEXT ? "left out" : "";
        }
        Integer[] order = new Integer[c.levels().size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(c.levelCounts()[b], c.levelCounts()[a]));
        StringBuilder b = new StringBuilder(c.type() == ColumnType.TEXT ? "left out; " : "");
        for (int i = 0; i < Math.min(4, order.length); i++) {
            b.append(i == 0 ? "" : ", ").append(c.levels().get(order[i])).append(" ×")
                    .append(c.levelCounts()[order[i]]);
        }
        if (order.length > 4) {
            b.append(", …");
        }
        return b.toString();
    }
}
