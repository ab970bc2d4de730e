package dev.embedscope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups of spellings of one value, and the mapping that merges them when the data is read. */
class SpellingGroupsTest {

    @TempDir
    Path dir;

    /** One category spelled five ways, with other values that must stay apart. */
    private static final String FIVE_WAYS = "dept,x\nIT,1\nIT,2\nI.T.,3\nit,4\n\" IT \",5\nInformation Technology,6\n"
            + "Sales,7\nSales,8\nsales,9\nLegal,10\nLegal,11\nFinance,12\nFinance,13\nA1,14\nA2,15\nA1,16\nA2,17\n"
            + "Legal,18\nFinance,19\nSales,20\nHR,21\nHR,22\n";

    private Dataset read(String text, CsvOptions options) throws IOException {
        Path p = dir.resolve("t.csv");
        Files.writeString(p, text);
        return DataLoader.loadFile(p, LoadOptions.defaults().withCsv(options));
    }

    @Test
    void aCategorySpelledFiveWaysIsOneGroupAndOthersStayApart() throws IOException {
        Dataset d = read(FIVE_WAYS, CsvOptions.defaults());
        TableColumn dept = d.tabular().table().column("dept");
        List<SpellingGroups.Group> groups = SpellingGroups.of(dept);
        assertEquals(2, groups.size(), groups.toString());
        SpellingGroups.Group it = groups.get(0);
        assertEquals(List.of("IT", "I.T.", "it", " IT ", "Information Technology"), it.values());
        assertEquals("IT", it.canonical());
        assertEquals(List.of("case, accents or punctuation", "initials"), it.why());
        assertEquals(List.of("Sales", "sales"), groups.get(1).values());
        Map<String, Map<String, String>> mapping = SpellingGroups.mapping(groups);
        assertEquals(Map.of("I.T.", "IT", "it", "IT", " IT ", "IT", "Information Technology", "IT", "sales",
                "Sales"), mapping.get("dept"));
        // read again with the mapping: one level per meaning, and the category is encoded with it
        Dataset merged = read(FIVE_WAYS, CsvOptions.defaults().withMapping(mapping));
        TableColumn m = merged.tabular().table().column("dept");
        assertEquals(ColumnType.CATEGORY, m.type());
        assertEquals(List.of("IT", "Sales", "Legal", "Finance", "A1", "A2", "HR"), m.levels());
        assertEquals(6, m.levelCounts()[0]);
        assertTrue(SpellingGroups.of(m).isEmpty());
    }

    @Test
    void keysAndDistancesByHand() {
        assertEquals("it", SpellingGroups.fingerprint(" I.T. "));
        assertEquals("koln", SpellingGroups.fingerprint("Köln"));
        assertEquals("new york", SpellingGroups.fingerprint("York, New"));
        assertEquals("hr", SpellingGroups.initials("Human  Resources"));
        assertEquals("mit", SpellingGroups.initials("Massachusetts Institute of Technology"));
        assertEquals(null, SpellingGroups.initials("I.T."));
        assertEquals(1, SpellingGroups.levenshtein("marketing", "markting", 2));
        assertEquals(3, SpellingGroups.levenshtein("kitten", "sitting", 5));
        assertEquals(SpellingGroups.letterPairs("Sa les"), SpellingGroups.letterPairs("sales"));
    }
}
