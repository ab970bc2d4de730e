package dev.embedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables as they come: types, numbers written as text, dates, encodings, categories and their encoding. */
class TableReadingTest {

    @TempDir
    Path dir;

    private Dataset read(String file, byte[] bytes, CsvOptions options) throws IOException {
        Path p = dir.resolve(file);
        Files.write(p, bytes);
        return DataLoader.loadFile(p, LoadOptions.defaults().withCsv(options));
    }

    private Dataset read(String file, String text) throws IOException {
        return read(file, text.getBytes(StandardCharsets.UTF_8), CsvOptions.defaults());
    }

    private static float[] column(Dataset d, String name) {
        int j = d.featureNames().indexOf(name);
        assertTrue(j >= 0, name + " not in " + d.featureNames());
        float[] all = FloatMatrix.toArray(d.features());
        float[] out = new float[d.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all[i * d.columns() + j];
        }
        return out;
    }

    @Test
    void typesAreInferredPerColumn() throws IOException {
        Dataset d = read("t.csv", "n,i,b,yn,cat,name\n1.5,3,0,yes,red,Ann\n2,4,1,no,blue,Bob\n"
                + "3,5,1,Yes,red,Cy\n4,6,0,NO,red,Di\n");
        Table t = d.tabular().table();
        assertEquals(ColumnType.NUMBER, t.column("n").type());
        assertEquals(ColumnType.INTEGER, t.column("i").type());
        assertEquals(ColumnType.BOOLEAN, t.column("b").type());
        assertEquals(ColumnType.BOOLEAN, t.column("yn").type());
        assertEquals(ColumnType.CATEGORY, t.column("cat").type());
        assertEquals(ColumnType.TEXT, t.column("name").type());
        assertEquals(List.of("n", "i", "b", "yn", "cat=red", "cat=blue"), d.featureNames());
        assertArrayEquals(new float[] {1, 0, 1, 0}, column(d, "yn"));
        assertArrayEquals(new float[] {1, 0, 1, 1}, column(d, "cat=red"));
        assertArrayEquals(new float[] {0, 1, 0, 0}, column(d, "cat=blue"));
        assertEquals(TableNote.Kind.TEXT_LEFT_OUT, t.column("name").notes().get(0).kind());
    }

    @Test
    void typesGivenByNameOverrideInference() throws IOException {
        byte[] csv = "code,b\n1,x\n2,y\n1,x\nn.a.,y\n".getBytes(StandardCharsets.UTF_8);
        Dataset d = read("t.csv", csv, CsvOptions.defaults().withTypes(Map.of("code", ColumnType.NUMBER,
                "b", ColumnType.TEXT)));
        TableColumn code = d.tabular().table().column("code");
        assertEquals(ColumnType.NUMBER, code.type());
        assertTrue(code.given());
        float[] v = column(d, "code");
        assertEquals(1f, v[0]);
        assertTrue(Float.isNaN(v[3]));
        assertEquals(TableNote.Kind.UNREADABLE_AS_GIVEN, code.notes().get(0).kind());
        assertTrue(code.notes().get(0).summary().contains("'n.a.' (line 5)"), code.notes().get(0).summary());
        Dataset asCategory = read("u.csv", csv, CsvOptions.defaults().withTypes(Map.of("code",
                ColumnType.CATEGORY)));
        assertEquals(List.of("code=1", "code=2", "code=n.a.", "b=x", "b=y"), asCategory.featureNames());
        assertThrows(DataFormatException.class, () -> read("v.csv", csv,
                CsvOptions.defaults().withTypes(Map.of("nope", ColumnType.NUMBER))));
    }

    @Test
    void numbersWrittenAsTextAreReadAndReported() throws IOException {
        Dataset d = read("t.csv", "price,share,n\n\"$1,234.50\",15%,\"12,345\"\n\"€ 99\",2.5%,1 234\n"
                + "\"1,000,000\",100%,7\n");
        assertArrayEquals(new float[] {1234.5f, 99f, 1_000_000f}, column(d, "price"));
        assertArrayEquals(new float[] {15f, 2.5f, 100f}, column(d, "share"));
        assertArrayEquals(new float[] {12345f, 1234f, 7f}, column(d, "n"));
        TableNote note = d.tabular().table().column("price").notes().get(0);
        assertEquals(TableNote.Kind.NUMBERS_AS_TEXT, note.kind());
        assertTrue(note.summary().contains("thousands separators") && note.summary().contains("currency"),
                note.summary());
        // a ';' table writes a decimal comma, with '.' or a space between thousands
        Dataset semi = read("s.csv", "a;b\n3,5;1.234,5\n-0,25;2 000\n");
        assertArrayEquals(new float[] {3.5f, -0.25f}, column(semi, "a"));
        assertArrayEquals(new float[] {1234.5f, 2000f}, column(semi, "b"));
        // ambiguous groupings are not guessed: "3,5" in a comma table is text
        Dataset amb = read("a.csv", "a,b\n\"3,5\",1\n\"4,5\",2\n");
        assertEquals(ColumnType.TEXT, amb.tabular().table().column("a").type());
    }

    @Test
    void datesInTwoFormsBecomeDaysMonthAndWeekday() throws IOException {
        Dataset d = read("t.csv", "when,x\n2021-03-04,1\n15/03/2021,2\n2021-12-31T12:00:00Z,3\n01/02/2020,4\n");
        TableColumn when = d.tabular().table().column("when");
        assertEquals(ColumnType.DATE, when.type());
        float[] days = column(d, "when (days)");
        assertEquals(LocalDate.of(2021, 3, 4).toEpochDay(), days[0]);
        assertEquals(LocalDate.of(2021, 3, 15).toEpochDay(), days[1]);
        assertEquals(LocalDate.of(2021, 12, 31).toEpochDay() + 0.5f, days[2]);
        assertEquals(LocalDate.of(2020, 2, 1).toEpochDay(), days[3]);
        assertArrayEquals(new float[] {3, 3, 12, 2}, column(d, "when (month)"));
        assertArrayEquals(new float[] {4, 1, 5, 6}, column(d, "when (weekday)"));
        assertEquals(TableNote.Kind.DATE_FORMS, when.notes().get(0).kind());
        assertTrue(when.notes().get(0).summary().contains("ISO 8601 ×2, day/month/year ×2"),
                when.notes().get(0).summary());
        assertFalse(when.notes().stream().anyMatch(n -> n.kind() == TableNote.Kind.AMBIGUOUS_DATES));
    }

    @Test
    void anAmbiguousDayMonthOrderIsReportedAndCanBeGiven() throws IOException {
        byte[] csv = "d,x\n01/02/2021,1\n03/04/2021,2\n".getBytes(StandardCharsets.UTF_8);
        Dataset d = read("t.csv", csv, CsvOptions.defaults());
        TableColumn c = d.tabular().table().column("d");
        assertEquals(LocalDate.of(2021, 2, 1).toEpochDay(), column(d, "d (days)")[0]);
        TableNote note = c.notes().stream().filter(n -> n.kind() == TableNote.Kind.AMBIGUOUS_DATES).findFirst()
                .orElseThrow();
        assertTrue(note.warning());
        assertTrue(note.advice().contains("--date-order mdy"));
        Dataset m = read("u.csv", csv, CsvOptions.defaults().withDateOrder(DateOrder.MONTH_FIRST));
        assertEquals(LocalDate.of(2021, 1, 2).toEpochDay(), column(m, "d (days)")[0]);
        // a value above 12 in the second place tells month first
        Dataset us = read("v.csv", "d,x\n01/02/2021,1\n03/14/2021,2\n".getBytes(StandardCharsets.UTF_8),
                CsvOptions.defaults());
        assertEquals(LocalDate.of(2021, 1, 2).toEpochDay(), column(us, "d (days)")[0]);
        assertTrue(us.tabular().table().column("d").notes().isEmpty());
    }

    private static final String ACCENTED = "name,score\nJosé,1\nZoë,2\nFrançois,3\nRenée,4\nJosé,5\nZoë,6\n"
            + "François,7\nRenée,8\nJosé,9\nZoë,10\nFrançois,11\nRenée,12\nMüller,13\nMüller,14\n";

    @Test
    void aLatin1FileIsDetectedAndItsAccentsKept() throws IOException {
        Dataset d = read("t.csv", ACCENTED.getBytes(StandardCharsets.ISO_8859_1), CsvOptions.defaults());
        Table t = d.tabular().table();
        assertTrue(t.encoding().charset().name().equals("windows-1252")
                || t.encoding().charset().name().startsWith("ISO-8859"), t.encoding().describe());
        assertEquals("detected", t.encoding().how());
        assertEquals(List.of("José", "Zoë", "François", "Renée", "Müller"), t.column("name").levels());
        assertTrue(d.featureNames().contains("name=François"));
    }

    @Test
    void utf16WithAByteOrderMarkAndUtf8WithOne() throws IOException {
        for (Charset cs : new Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                StandardCharsets.UTF_8}) {
            byte[] body = ACCENTED.getBytes(cs);
            byte[] bom = "\uFEFF".getBytes(cs);
            byte[] all = new byte[bom.length + body.length];
            System.arraycopy(bom, 0, all, 0, bom.length);
            System.arraycopy(body, 0, all, bom.length, body.length);
            Dataset d = read("t.csv", all, CsvOptions.defaults());
            Table t = d.tabular().table();
            assertEquals(cs, t.encoding().charset());
            assertEquals("byte-order mark", t.encoding().how());
            assertEquals(List.of("José", "Zoë", "François", "Renée", "Müller"), t.column("name").levels());
            assertEquals(List.of("name", "score"), t.columns().stream().map(TableColumn::name).toList());
        }
    }

    @Test
    void utf16WithoutAByteOrderMarkIsFoundByItsZeroBytes() throws IOException {
        for (Charset cs : new Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
            Dataset d = read("t.csv", ACCENTED.getBytes(cs), CsvOptions.defaults());
            assertEquals(cs, d.tabular().table().encoding().charset());
            assertEquals(List.of("José", "Zoë", "François", "Renée", "Müller"),
                    d.tabular().table().column("name").levels());
        }
    }

    @Test
    void invalidUtf8IsRefusedWithItsByteOffsetNeverReplaced() throws IOException {
        byte[] latin1 = ACCENTED.getBytes(StandardCharsets.ISO_8859_1);
        DataFormatException forced = assertThrows(DataFormatException.class, () -> read("t.csv", latin1,
                CsvOptions.defaults().withEncoding(StandardCharsets.UTF_8)));
        int offset = ACCENTED.indexOf('é');
        assertTrue(forced.getMessage().contains("t.csv: byte " + offset + ": bytes 0xE9"), forced.getMessage());
        assertEquals(new DataFormatException.Remedy(DataFormatException.Setting.ENCODING, "windows-1252"),
                forced.remedy());
        // ASCII for the whole detection sample, then a Latin-1 byte: the strict decoder still catches it
        StringBuilder big = new StringBuilder("name,score\n");
        while (big.length() < TextEncoding.SAMPLE_BYTES + 100) {
            big.append("Ann,1\n");
        }
        int at = big.length();
        big.append("José,2\n");
        DataFormatException late = assertThrows(DataFormatException.class, () -> read("u.csv",
                big.toString().getBytes(StandardCharsets.ISO_8859_1), CsvOptions.defaults()));
        assertTrue(late.getMessage().contains("u.csv: byte " + (at + 3) + ": "), late.getMessage());
        Dataset ok = read("v.csv", big.toString().getBytes(StandardCharsets.ISO_8859_1),
                CsvOptions.defaults().withEncoding(Charset.forName("windows-1252")));
        assertTrue(ok.tabular().table().column("name").levels().contains("José"));
    }

    @Test
    void theTestSplitIsEncodedWithTheTrainingSplitsLevels() throws IOException {
        StringBuilder train = new StringBuilder("c,x\n");
        for (int i = 0; i < 2000; i++) {
            train.append(i % 2 == 0 ? "a" : "b").append(',').append(i).append('\n');
        }
        train.append("rare,1\nrare,2\n");
        Dataset tr = read("train.csv", train.toString());
        TableEncoder enc = tr.tabular().encoder();
        assertEquals(List.of("c=a", "c=b", "c=(other)", "x"), tr.featureNames());
        assertEquals(List.of("rare"), enc.parts().get(0).pooled());
        assertArrayEquals(new float[] {0, 0, 1}, new float[] {column(tr, "c=a")[2000], column(tr, "c=b")[2000],
                column(tr, "c=(other)")[2000]});
        Dataset te = read("test.csv", "c,x\nb,1\nnew,2\nrare,3\n,4\n").encodedWith(enc, "test.csv");
        assertEquals(tr.featureNames(), te.featureNames());
        assertArrayEquals(new float[] {0, 0, 0, 0}, column(te, "c=a"));
        assertArrayEquals(new float[] {1, 0, 0, 0}, column(te, "c=b"));
        assertArrayEquals(new float[] {0, 1, 1, 0}, column(te, "c=(other)"));
        assertEquals(1, te.tabular().notes().size());
        assertTrue(te.tabular().notes().get(0).contains("1 cells have levels the training split does not have "
                + "('new')"), te.tabular().notes().get(0));
    }

    @Test
    void aCategoryGivenAnOrderIsOneOrdinalFeature() throws IOException {
        byte[] csv = "size,x\nM,1\nS,2\nL,3\nXL,4\nM,5\n,6\n".getBytes(StandardCharsets.UTF_8);
        Dataset d = read("t.csv", csv, CsvOptions.defaults().withOrdinals(Map.of("size", List.of("S", "M", "L"))));
        assertEquals(List.of("size", "x"), d.featureNames());
        float[] size = column(d, "size");
        assertArrayEquals(new float[] {1, 0, 2}, java.util.Arrays.copyOf(size, 3));
        assertTrue(Float.isNaN(size[3]) && Float.isNaN(size[5]));
        assertEquals(1f, size[4]);
        assertTrue(d.tabular().notes().get(0).contains("'size': 1 cells have levels not in the order given ('XL')"),
                d.tabular().notes().toString());
        // a test split takes the training split's order
        Dataset test = read("u.csv", "size,x\nL,1\nS,2\n".getBytes(StandardCharsets.UTF_8), CsvOptions.defaults())
                .encodedWith(d.tabular().encoder(), "u.csv");
        assertArrayEquals(new float[] {2, 0}, column(test, "size"));
    }

    @Test
    void futureDatesAndAGapAreReported() throws IOException {
        StringBuilder b = new StringBuilder("day,x\n");
        LocalDate start = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < 60; i++) {
            b.append(start.plusDays(i < 30 ? i : i + 90)).append(',').append(i).append('\n');
        }
        b.append("2999-12-31,1\n");
        Dataset d = read("t.csv", b.toString());
        List<TableNote> notes = d.tabular().table().column("day").notes();
        assertEquals(List.of(TableNote.Kind.FUTURE_DATES, TableNote.Kind.DATE_GAP), notes.stream()
                .map(TableNote::kind).toList());
        assertEquals("'day': 1 date(s) after today, up to 2999-12-31", notes.get(0).summary());
        // the placeholder makes the widest gap: 2020-05-28 to 2999-12-31
        assertTrue(notes.get(1).summary().startsWith("'day': no date for "), notes.get(1).summary());
        Dataset clean = read("u.csv", b.toString().replace("2999-12-31,1\n", ""));
        List<TableNote> gap = clean.tabular().table().column("day").notes();
        assertEquals(1, gap.size());
        assertEquals("'day': no date for 91 days, from 2020-01-30 to 2020-04-30 (dates are usually 1 day(s) apart)",
                gap.get(0).summary());
    }
}
