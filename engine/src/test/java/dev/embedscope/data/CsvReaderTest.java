package dev.embedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    Dataset read(String name, String text, String labelColumn) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return DataLoader.loadFile(p, LoadOptions.defaults().withCsv(new CsvOptions(labelColumn, List.of(), (char) 0)));
    }

    @Test
    void quotedHeaderMissingMarkersAndStringLabels() throws IOException {
        Dataset d = read("t.csv",
                "\"height, cm\",weight,\"species\"\r\n170,NA,cat\n\"180.5\",,dog\n?,72,cat\nNaN,1e3,\"bird\"\n",
                "species");
        assertEquals(List.of("height, cm", "weight"), d.featureNames());
        assertEquals(List.of("bird", "cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {1, 2, 1, 0}, d.labels());
        float[] v = FloatMatrix.toArray(d.features());
        assertArrayEquals(new float[] {170, Float.NaN, 180.5f, Float.NaN, Float.NaN, 72, Float.NaN, 1000}, v);
        assertEquals(SourceType.TEXT, d.sourceType());
    }

    @Test
    void tsvWithIntegerLabelsAndQuotedNewline() throws IOException {
        Path p = dir.resolve("t.tsv");
        Files.writeString(p, "a\tnote\tlabel\n1\t\"two\nlines\"\t3\n2\t\"x\"\t1\n4\tz\t3\n");
        Dataset d = DataLoader.loadFile(p,
                LoadOptions.defaults().withCsv(new CsvOptions("label", List.of("note"), (char) 0)));
        assertArrayEquals(new float[] {1, 2, 4}, FloatMatrix.toArray(d.features()));
        assertEquals(List.of("1", "3"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, d.labels());
        // the record after the quoted line break starts on line 4, where the text cell is reported
        Files.writeString(p, "a\tb\tnote\n1\t5\t\"two\nlines\"\nx\t6\ty\n");
        Dataset t = DataLoader.loadFile(p,
                LoadOptions.defaults().withCsv(new CsvOptions(null, List.of("note"), (char) 0)));
        assertEquals(List.of("b"), t.featureNames());
        TableNote note = t.tabular().table().column("a").notes().get(0);
        assertEquals(TableNote.Kind.NOT_NUMBERS, note.kind());
        assertTrue(note.summary().contains("'x' ×1 (first on line 4)"), note.summary());
    }

    @Test
    void infinitiesAsNumpyPandasAndRWriteThem() throws IOException {
        Dataset d = read("t.csv", "a,y\ninf,x\n-inf,y\n+inf,x\nInf,y\n-Infinity,x\nINF,y\n2.5,x\n", "y");
        float[] v = FloatMatrix.toArray(d.features());
        float p = Float.POSITIVE_INFINITY;
        float n = Float.NEGATIVE_INFINITY;
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {p, n, p, p, n, p, 2.5f}, v);
    }

    @Test
    void aTextCellInANumericColumnIsReportedWithItsLineInsteadOfStoppingTheLoad() throws IOException {
        Dataset d = read("t.csv", "a,b\n1,2\n3,abc\n5,4\n7,8\n", null);
        TableColumn b = d.tabular().table().column("b");
        assertEquals(ColumnType.TEXT, b.type());
        assertEquals(List.of("a"), d.featureNames());
        assertTrue(b.notes().get(0).summary().startsWith("'b': 1 of 4 cells are not numbers: 'abc' ×1 (first on "
                + "line 3); the column is read as text"), b.notes().get(0).summary());
        assertTrue(b.notes().get(0).advice().contains("--types 'b:number'"));
    }

    @Test
    void raggedRowNamesTheLine() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> read("t.csv", "a,b,c\n1,2,3\n4,5\n", null));
        assertTrue(e.getMessage().endsWith("t.csv: line 3: row has 2 fields, expected 3 (from the header)"),
                e.getMessage());
    }

    @Test
    void integerLabelsAreSortedNumericallyAndCsvWriterRoundTrips() throws IOException {
        Dataset d = read("t.csv", "x;y;label\n1.25;-2;10\n3;4;2\n5;6;10\n", "label");
        assertEquals(List.of("2", "10"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, d.labels());
        Path out = dir.resolve("back.csv");
        try (OutputStream o = Files.newOutputStream(out)) {
            CsvWriter.write(d, o);
        }
        Dataset back = DataLoader.loadFile(out,
                LoadOptions.defaults().withCsv(new CsvOptions("label", List.of(), (char) 0)));
        assertArrayEquals(FloatMatrix.toArray(d.features()), FloatMatrix.toArray(back.features()));
        assertArrayEquals(d.labels(), back.labels());
        assertEquals(d.featureNames(), back.featureNames());
    }

    @Test
    void missingLabelColumnAndEmptyTable() {
        assertTrue(assertThrows(DataFormatException.class, () -> read("t.csv", "a,b\n1,2\n", "class"))
                .getMessage().endsWith("t.csv: line 1: no column named 'class' for the labels (columns: a, b)"));
        assertTrue(assertThrows(DataFormatException.class, () -> read("e.csv", "a,b\n", null))
                .getMessage().endsWith("e.csv: line 2: the table has a header but no rows"));
        assertTrue(assertThrows(DataFormatException.class, () -> read("z.csv", "", null))
                .getMessage().endsWith("z.csv: byte 0: the file is empty"));
    }

    @Test
    void ignoredColumns() throws IOException {
        Path p = dir.resolve("i.csv");
        Files.writeString(p, "id,name,v\n7,\"Smith, J\",1.5\n");
        Dataset d = DataLoader.loadFile(p,
                LoadOptions.defaults().withCsv(new CsvOptions(null, List.of("id", "name"), (char) 0)));
        assertEquals(List.of("v"), d.featureNames());
        assertArrayEquals(new float[] {1.5f}, FloatMatrix.toArray(d.features()));
    }
}
