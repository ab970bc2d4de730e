package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input as users give it, each case with the one line it must get: exit code 1, one line on
 * standard error starting {@code embedscope:}, no stack trace, nothing on standard output, no new
 * file (no partial output) and every file that was there unchanged (a refused output included).
 */
class BadInputCorpusTest {

    @TempDir
    static Path shared;

    /** One bad command line: files to create, arguments ({@code @} stands for the case's folder), the expected line. */
    record Case(String name, Map<String, byte[]> files, List<String> args, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final class Cases {
        private final List<Case> all = new ArrayList<>();
        private Map<String, byte[]> files = new TreeMap<>();

        Cases file(String name, byte[] content) {
            files.put(name, content);
            return this;
        }

        Cases file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        /** A case; in {@code expected}, {@code @} stands for the case's folder. */
        Cases add(String name, String expected, String... args) {
            all.add(new Case(name, files, List.of(args), expected));
            files = new TreeMap<>();
            return this;
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/dev/embedscope/data/sample/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An NPY file of float32 zeros with the given shape (format 1.0, little-endian, C order). */
    static byte[] npy(int... shape) {
        StringBuilder dims = new StringBuilder();
        long count = 1;
        for (int s : shape) {
            dims.append(s).append(", ");
            count *= s;
        }
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + (int) count * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static String table(int rows, boolean identical) {
        StringBuilder b = new StringBuilder("a,b,c\n");
        for (int i = 0; i < rows; i++) {
            b.append(identical ? "1,2,3" : i + "," + (i * 7 % 11) + "," + (i * i % 13)).append('\n');
        }
        return b.toString();
    }

    static Stream<Case> cases() {
        byte[] gz = resource("train-images-idx3-ubyte.gz");
        byte[] corrupt = gz.clone();
        for (int i = 100; i < 200; i++) {
            corrupt[i] ^= 0x55;
        }
        byte[] truncated = java.util.Arrays.copyOf(gz, 3000);
        String scaler = "{\"method\":\"STANDARD\",\"features\":3,\"center\":[0,0,0],\"scale\":[1,2,3],\"offset\":0,"
                + "\"fittedOn\":\"t\",\"fittedRows\":9,\"featureNames\":[\"a\",\"b\",\"c\"],\"imageShape\":null}";
        Cases c = new Cases();
        c.file("train-labels-idx1-ubyte.gz", resource("train-labels-idx1-ubyte.gz"))
                .add("IDX labels file as data", "@/train-labels-idx1-ubyte.gz: byte 0: this is an IDX labels file; "
                        + "point at the images file (its labels are found by name) or pass it with --labels",
                        "inspect", "@/train-labels-idx1-ubyte.gz");
        String ascii = "name,x\n" + "Ann,1\n".repeat(11_000);
        c.file("l.csv", (ascii + "Jos\u00e9,2\n").getBytes(StandardCharsets.ISO_8859_1)).add("Latin-1 after 64 KB "
                + "of ASCII", "@/l.csv: byte " + (ascii.length() + 3) + ": bytes 0xE9 are not valid UTF-8 (the file "
                + "may be Latin-1 or Windows-1252); expected text in one encoding; pass --encoding windows-1252 if "
                + "that is the file's encoding", "inspect", "@/l.csv");
        c.file("t.csv", "a,b\n1,2\n3,4\n").add("an unknown encoding", "--encoding: 'klingon' is not an encoding "
                + "Java knows (e.g. UTF-8, windows-1252, ISO-8859-1, UTF-16LE)", "inspect", "@/t.csv", "--encoding",
                "klingon");
        c.file("t.csv", "a,b\n1,2\n3,4\n").add("an unknown type", "--types: 'b:numeric' names no type (expected "
                + "NAME:TYPE with TYPE one of number, integer, boolean, category, text, date)", "inspect", "@/t.csv",
                "--types", "b:numeric");
        c.file("r.csv", "a,b\n1,2\n3\n").add("ragged row", "@/r.csv: line 3: row has 1 fields, expected 2 (from the "
                + "header)", "inspect", "@/r.csv");
        c.add("missing file", "@/nope.csv: no such file or folder", "inspect", "@/nope.csv");
        c.file("t.csv", table(50, false)).add("50 rows, perplexity 30", "50 points are too few for perplexity 30 (it "
                + "needs more than 3 × perplexity = 90 points); use --perplexity 16 or less", "embed", "@/t.csv",
                "--out", "@/e.npy");
        c.file("t.csv", table(2, false)).add("2 rows", "2 points are too few to embed (t-SNE needs at least 4, for "
                + "perplexity 1); add rows, or look at them with inspect", "embed", "@/t.csv", "--out", "@/e.npy");
        c.file("t.csv", table(2, false)).add("2 rows, perplexity 1", "2 points are too few to embed (t-SNE needs at "
                + "least 4, for perplexity 1); add rows, or look at them with inspect", "embed", "@/t.csv",
                "--perplexity", "1", "--out", "@/e.npy");
        c.add("perplexity 1e9", "2500 points are too few for perplexity 1.000e+09 (it needs more than 3 × perplexity "
                + "= 3.000e+09 points); use --perplexity 832 or less", "embed", "sample", "--perplexity", "1e9",
                "--out", "@/e.npy");
        c.file("t.csv", table(40, true)).add("all rows identical", "all 40 rows to embed are identical: there is "
                + "nothing to embed", "embed", "@/t.csv", "--perplexity", "5", "--out", "@/e.npy");
        c.file("x-images-idx3-ubyte.gz", corrupt).add("corrupt gzip body", "@/x-images-idx3-ubyte.gz: decompressed "
                + "byte 0: the gzip data is corrupt (invalid literal/lengths set); the file is damaged, fetch or copy "
                + "it again", "inspect", "@/x-images-idx3-ubyte.gz");
        c.file("x-images-idx3-ubyte.gz", truncated).add("truncated gzip", "@/x-images-idx3-ubyte.gz: decompressed byte "
                + "5196: the gzip data ends early (a truncated copy?); fetch or copy the file again", "inspect",
                "@/x-images-idx3-ubyte.gz");
        c.file("u32.csv", "\ufeffa,b\n1,2\n".getBytes(Charset.forName("UTF-32LE"))).add("UTF-32 text",
                "@/u32.csv: byte 0: UTF-32 text (byte-order mark ff fe 00 00); save it as UTF-8", "inspect",
                "@/u32.csv");
        c.file("w.bin", new byte[] {0, 0, 0x0d, 3, 0, 0, 0, 1}).add("IDX of floats", "@/w.bin: byte 0: IDX magic "
                + "0x00000d03: 32-bit floats with 3 dimensions; embedscope reads unsigned-byte IDX (images 0x00000803, "
                + "labels 0x00000801): save the array as NPY", "inspect", "@/w.bin");
        c.file("w.bin", new byte[] {1, 2, 3, 0, (byte) 0xff}).add("unknown bytes", "@/w.bin: byte 0: unknown binary "
                + "format, starting 01 02 03 00 ff '.....' (expected IDX: 00 00 08 03, NPY: 93 'NUMPY', or CSV/TSV "
                + "text)", "inspect", "@/w.bin");
        c.file("a.zip", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0}).add("zip archive", "@/a.zip: byte 0: a ZIP archive; "
                + "unpack it and point at what it holds", "inspect", "@/a.zip");
        c.file("s.npy", npy(10, 3, 50)).add("NPY 3-D, not images", "@/s.npy: NPY header: shape (10, 3, 50) does not "
                + "look like images (3×50); for a table of features save a.reshape(len(a), -1)", "inspect",
                "@/s.npy");
        c.file("c.npy", npy(4, 3, 8, 8)).add("NPY channels first", "@/c.npy: NPY header: shape (4, 3, 8, 8) looks "
                + "like images with channels first (N×C×H×W, PyTorch's order); expected channels last: save "
                + "numpy.moveaxis(a, 1, -1)", "inspect", "@/c.npy");
        c.file("e.npy", npy(10, 2)).add("output is the input", "--out @/e.npy: is the input EMB.npy; writing it "
                + "would destroy the input, give the output another name", "plot", "@/e.npy", "--out", "@/e.npy");
        c.file("t.csv", table(9, false)).add("data file as output", "--out @/t.csv: is the input DATA; writing it "
                + "would destroy the input, give the output another name", "scale", "apply", "@/t.csv", "--scaler",
                "@/s.json", "--out", "@/t.csv");
        c.add("two outputs on one file", "--labels-out @/e.npy: is also the output of --out; give each output its "
                + "own file", "embed", "sample", "--out", "@/e.npy", "--labels-out", "@/e.npy");
        c.add("two outputs on standard output", "--json -: only one output can go to standard output; give the "
                + "others file names", "embed", "sample", "--out", "-", "--json", "-");
        c.file("f.json", "{}").add("compare --out FILE", "--out @/f.json: is a file, expected a folder to write into; "
                + "give a new or existing folder name", "compare", "sample", "--out", "@/f.json");
        c.add("audit --neighbours 0", "--neighbours must be at least 1, got 0", "audit", "sample", "--neighbours",
                "0", "--out", "@/a");
        c.file("t.csv", table(9, false)).file("s.json", "{\"method\": ").add("truncated scaler JSON", "@/s.json: line "
                + "1, column 12: not JSON (the file ends in the middle of a value: truncated?); fit it again with "
                + "'embedscope scale fit'", "scale", "apply", "@/t.csv", "--scaler", "@/s.json", "--out", "@/o.npy");
        c.file("t.csv", table(9, false)).file("s.json", "[1, 2]").add("scaler JSON of another kind", "@/s.json: "
                + "content: not a scaler (expected the fields 'method', 'features', 'center' and 'scale'); fit it "
                + "again with 'embedscope scale fit'", "scale", "apply", "@/t.csv", "--scaler", "@/s.json", "--out",
                "@/o.npy");
        c.file("t.csv", table(9, false).replaceFirst("a,b,c", "a,x,c")).file("s.json", scaler).add(
                "scaler of other columns", "@/s.json: the columns differ from those the scaler was fitted on; not in "
                        + "@/t.csv: b; not fitted: x; fit a scaler on this data's training split", "scale", "apply",
                "@/t.csv", "--scaler", "@/s.json", "--out", "@/o.npy");
        c.add("unwritable folder", "@/no/such/s.json: cannot write, folder @/no/such does not exist", "stats", "sample",
                "--out", "@/no/such/s.json");
        c.add("--sample 0", "--sample must be at least 1, got 0", "embed", "sample", "--sample", "0", "--out",
                "@/e.npy");
        c.add("unknown backend", "--backend quantum: no such backend on the class path (found: cpu, opencl, auto)",
                "embed", "sample",
                "--backend", "quantum", "--out", "@/e.npy");
        c.add("label one split, --split test", "--split test: the data has only one split", "label",
                "@/x-images-idx3-ubyte.gz", "--split", "test");
        return c.all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneLineExitOneNoOutputNoChange(Case c) throws IOException {
        Path dir = Files.createTempDirectory(shared, "case");
        for (Map.Entry<String, byte[]> f : c.files().entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        if (c.name().startsWith("label one split")) {
            Files.write(dir.resolve("x-images-idx3-ubyte.gz"), resource("train-images-idx3-ubyte.gz"));
            Files.write(dir.resolve("x-labels-idx1-ubyte.gz"), resource("train-labels-idx1-ubyte.gz"));
        }
        Map<Path, byte[]> before = snapshot(dir);
        String[] args = c.args().stream().map(a -> a.replace("@", dir.toString())).toArray(String[]::new);
        CliRun r = CliRun.of(args);
        assertEquals(1, r.code(), c.name() + ": exit code; err: " + r.err());
        assertEquals("embedscope: " + c.expected().replace("@", dir.toString()) + "\n", r.err(), c.name());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        assertEquals("", r.out(), c.name() + ": nothing on standard output");
        Map<Path, byte[]> after = snapshot(dir);
        assertEquals(before.keySet(), after.keySet(), c.name() + ": no file added or removed");
        for (Path p : before.keySet()) {
            assertArrayEquals(before.get(p), after.get(p), c.name() + ": " + p + " unchanged");
        }
    }

    private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(p, Files.readAllBytes(p));
            }
        }
        return out;
    }
}
