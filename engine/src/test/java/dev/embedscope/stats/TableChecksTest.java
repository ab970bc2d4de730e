package dev.embedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.CsvOptions;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.LoadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The findings of reading a table: each kind from a table built to have it. */
class TableChecksTest {

    @TempDir
    Path dir;

    @Test
    void aMessyTableGetsOneFindingPerProblem() throws IOException {
        StringBuilder b = new StringBuilder("age,price,city,dept,note\n");
        for (int i = 0; i < 2000; i++) {
            String city = i < 3 ? "Ulm" : i % 2 == 0 ? "Paris" : "Lyon";
            String dept = i % 4 == 0 ? "IT" : i % 4 == 1 ? "I.T." : i % 4 == 2 ? "Sales" : "sales";
            b.append(i == 7 ? "unknown" : Integer.toString(20 + i % 50)).append(",\"$1,").append(100 + i % 900)
                    .append(".50\",").append(city).append(',').append(dept).append(",note ").append(i)
                    .append('\n');
        }
        Path p = dir.resolve("t.csv");
        Files.writeString(p, b.toString());
        Dataset d = DataLoader.loadFile(p, LoadOptions.defaults().withCsv(CsvOptions.defaults()));
        List<Finding> f = TableChecks.run(d);
        List<Finding.Check> checks = f.stream().map(Finding::check).toList();
        // age: one word among numbers makes it a category, whose lone word is then a rare level
        assertEquals(List.of(Finding.Check.NOT_NUMBERS, Finding.Check.NUMBERS_AS_TEXT, Finding.Check.TEXT_LEFT_OUT,
                Finding.Check.INCONSISTENT_ENTRIES, Finding.Check.RARE_LEVELS, Finding.Check.RARE_LEVELS), checks,
                f.toString());
        assertTrue(f.get(0).summary().contains("'unknown' ×1 (first on line 9)"), f.get(0).summary());
        assertTrue(f.get(2).summary().startsWith("'note' is free text"), f.get(2).summary());
        assertEquals("'dept': 2 groups of values that probably mean one thing: 'IT' ×500 = 'I.T.' ×500 (case, accents"
                + " or punctuation); 'Sales' ×500 = 'sales' ×500 (case, accents or punctuation, letter pairs)",
                f.get(3).summary());
        assertTrue(f.get(5).summary().startsWith("'city': 1 rare level(s) in 3 cells pooled into city=(other): "
                + "'Ulm' ×3"), f.get(5).summary());
    }
}
