package dev.embedscope.cli.options;

import dev.embedscope.data.ClassAlignment;
import dev.embedscope.data.ColumnType;
import dev.embedscope.data.CsvOptions;
import dev.embedscope.data.DataFormatException;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.DateOrder;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.ImageSize;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.MappedRows;
import dev.embedscope.data.RowSource;
import dev.embedscope.data.Splits;
import dev.embedscope.data.Table;
import dev.embedscope.data.TableColumn;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.embedscope.scale.Normaliser;
import dev.embedscope.scale.Repair;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The data argument and the options that say how to read it; shared by every command that loads data. */
public final class DataOptions {

    @Parameters(index = "0", paramLabel = "DATA", description = "sample, fashion-mnist, an IDX/NPY/CSV/TSV file, "
            + "a folder of the four IDX files, or a folder with one sub-folder of images per class.")
    public String data;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels for IDX or NPY features (IDX or NPY file).")
    public Path labels;

    @Option(names = "--label-column", paramLabel = "NAME", description = "The label column of a CSV/TSV table.")
    public String labelColumn;

    @Option(names = "--ignore-columns", paramLabel = "NAME", split = ",",
            description = "CSV/TSV columns to leave out (ids, free text).")
    public List<String> ignoreColumns = new ArrayList<>();

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "CSV delimiter (default: guessed from the header; 'tab' for TSV).")
    public String delimiter;

    @Option(names = "--types", paramLabel = "NAME:TYPE", split = ",",
            description = "Column types of a CSV/TSV table, overriding what is inferred: number, integer, boolean, "
                    + "category, text (left out), date; e.g. --types zip:category,notes:text.")
    public List<String> types = new ArrayList<>();

    @Option(names = "--encoding", paramLabel = "CHARSET",
            description = "Character encoding of a CSV/TSV table (default: detected; e.g. UTF-8, windows-1252, "
                    + "UTF-16LE).")
    public String encoding;

    @Option(names = "--date-order", paramLabel = "dmy|mdy",
            description = "Day/month order of dates written a/b/yyyy (default: told by the values; day first "
                    + "when they cannot tell, with a warning).")
    public String dateOrder;

    @Option(names = "--ordinal", paramLabel = "NAME=LOW,…,HIGH",
            description = "A category whose levels have an order, encoded as one feature (the level's position) "
                    + "instead of one-hot; repeat for several, e.g. --ordinal size=S,M,L.")
    public List<String> ordinal = new ArrayList<>();

    @Option(names = "--mapping", paramLabel = "FILE.json",
            description = "Merge values of text columns before types are decided: {\"column\": {\"value\": "
                    + "\"merged into\"}}, as inspect --suggest-mapping writes it.")
    public Path mapping;

    @Option(names = "--class-names", paramLabel = "NAMES|FILE",
            description = "Class names: a,b,c or a file with one name per line.")
    public String classNames;

    @Option(names = "--resize", paramLabel = "WxH", description = "Resize images of an image folder, e.g. 28x28.")
    public String resize;

    /** With a CSV label column that the table may lack (the test side of a comparison). */
    public boolean labelOptional;

    /** The column types of the training split, given to the test split's table (null when none). */
    private Map<String, ColumnType> trainTypes;

    private static Map<String, ColumnType> typesOf(Table table) {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        for (TableColumn c : table.columns()) {
            out.put(c.name(), c.type());
        }
        return out;
    }

    @Option(names = "--zeros-as-missing", paramLabel = "auto|NAME", split = ",",
            description = "Read zeros as missing values: auto (the features inspect finds) or named features.")
    public List<String> zerosAsMissing = new ArrayList<>();

    @Option(names = "--impute", paramLabel = "HOW",
            description = "Repair missing values with statistics of the training split: median, mean, "
                    + "most-frequent, drop-rows or none (default: none for inspect and stats; median, said, for "
                    + "commands that embed).")
    public String impute;

    @Option(names = "--normalise", paramLabel = "HOW",
            description = "Make features follow a normal distribution, fitted on the training split: yeo-johnson or "
                    + "quantile for every numeric feature, or per feature, e.g. income:yeo-johnson,age:quantile.")
    public String normalise;

    /** Whether missing values are imputed with the median, and said, when no --impute is given (embedding). */
    public boolean repairByDefault;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The repair fitted on the training split by the last load, or null when none was asked or needed. */
    private Repair repair;

    public Splits load() throws IOException {
        return normalised(repaired(DataLoader.load(data, loadOptions())));
    }

    /** The repair the last load fitted on the training split, or null. */
    public Repair repair() {
        return repair;
    }

    /** The normalisation the last load fitted on the training split, or null. */
    public Normaliser normaliser() {
        return normaliser;
    }

    private Normaliser normaliser;

    private Splits normalised(Splits s) {
        if (normalise == null) {
            return s;
        }
        Normaliser.Kind all = null;
        Map<String, Normaliser.Kind> per = new LinkedHashMap<>();
        for (String item : normalise.split(",")) {
            int colon = item.lastIndexOf(':');
            Normaliser.Kind k = Normaliser.Kind.named(item.substring(colon + 1).trim()
                    .toLowerCase(java.util.Locale.ROOT));
            if (k == null) {
                throw new IllegalArgumentException("--normalise: '" + item + "' names no method (expected "
                        + "yeo-johnson, quantile or none, alone or as FEATURE:METHOD)");
            }
            if (colon < 0) {
                all = k;
            } else {
                per.put(item.substring(0, colon).trim(), k);
            }
        }
        normaliser = Normaliser.fit(s.train(), all, per);
        if (mixee != null) {
            mixee.commandLine().getErr().println("embedscope: " + normaliser.describe());
            mixee.commandLine().getErr().flush();
        }
        return new Splits(normaliser.apply(s.train()), s.hasTest() ? normaliser.apply(s.test()) : null);
    }

    private Splits repaired(Splits s) {
        Repair.Impute how = impute == null ? null : Repair.Impute.named(impute.toLowerCase(java.util.Locale.ROOT));
        if (impute != null && how == null) {
            throw new IllegalArgumentException("--impute: '" + impute + "' is not median, mean, most-frequent, "
                    + "drop-rows or none");
        }
        if (how == null) {
            how = repairByDefault && (!zerosAsMissing.isEmpty() || s.all().stream().anyMatch(DataOptions::hasMissing))
                    ? Repair.Impute.MEDIAN : null;
        }
        if ((how == null || how == Repair.Impute.NONE) && zerosAsMissing.isEmpty()) {
            return s;
        }
        repair = Repair.fit(s.train(), zerosAsMissing, how == null ? Repair.Impute.NONE : how);
        List<Repair.Report> reports = new ArrayList<>();
        Repair.Repaired train = repair.apply(s.train());
        reports.add(train.report());
        Repair.Repaired test = s.hasTest() ? repair.apply(s.test()) : null;
        if (test != null) {
            reports.add(test.report());
        }
        if (mixee != null) {
            var err = mixee.commandLine().getErr();
            err.println("embedscope: " + repair.describe() + (impute == null && !repair.impute().equals(
                    Repair.Impute.NONE) ? " (the default; choose with --impute)" : ""));
            for (Repair.Report r : reports) {
                if (r.rowsDropped() > 0) {
                    err.println("embedscope:   " + r.split() + ": " + r.rowsDropped() + " of " + r.rowsBefore()
                            + " rows dropped");
                }
                for (String line : r.lines()) {
                    err.println("embedscope:   " + r.split() + ": " + line);
                }
            }
            err.flush();
        }
        return new Splits(train.data(), test == null ? null : test.data());
    }

    private static boolean hasMissing(Dataset d) {
        var v = FloatMatrix.view(d.features());
        long n = (long) d.rows() * d.columns();
        float[] buf = new float[1 << 16];
        for (long done = 0; done < n; done += buf.length) {
            int count = (int) Math.min(buf.length, n - done);
            v.get(done, buf, 0, count);
            for (int i = 0; i < count; i++) {
                if (Float.isNaN(buf[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Rows streamed from the data file, its labels (null when none) and class names. */
    public record Streamed(RowSource rows, int[] labels, List<String> classNames) {
    }

    /**
     * The data file's rows memory-mapped for streaming ({@code mode} on), or when its float copy would take
     * more than a quarter of the heap or hold 2^31 values or more ({@code mode} auto); null to load it whole
     * (auto, and a dataset that is small or cannot be streamed; off). Refuses, with the reason, {@code on}
     * for data that cannot be streamed.
     */
    public Streamed stream(String mode) throws IOException {
        if (!List.of("auto", "on", "off").contains(mode)) {
            throw new IllegalArgumentException("--stream: '" + mode + "' is not auto, on or off");
        }
        if (mode.equals("off")) {
            return null;
        }
        boolean named = data.equals(DataLoader.SAMPLE) || data.equals(DataLoader.FASHION_MNIST);
        Path file = Path.of(data);
        String why = named ? "it is a named dataset, read whole" : Files.isDirectory(file)
                ? "it is a folder (single uncompressed NPY and IDX image files are streamed)"
                : !Files.exists(file) ? null : MappedRows.whyNot(file);
        if (!named && !Files.exists(file)) {
            return null; // the loader says it is missing
        }
        if (why != null) {
            if (mode.equals("on")) {
                throw new DataFormatException(data + ": --stream on: cannot be streamed: " + why);
            }
            return null;
        }
        MappedRows rows = MappedRows.open(file);
        long values = rows.rows() * rows.columns();
        if (mode.equals("auto") && values < Integer.MAX_VALUE - 8
                && values * 4 <= Runtime.getRuntime().maxMemory() / 4) {
            rows.close();
            return null;
        }
        DataLoader.StreamedLabels labels = DataLoader.labelsOf(file, rows.rows(), loadOptions());
        return new Streamed(rows, labels.values(), labels.classNames());
    }

    private LoadOptions loadOptions() throws IOException {
        char delim = 0;
        if (delimiter != null) {
            if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
                delim = '\t';
            } else if (delimiter.length() == 1) {
                delim = delimiter.charAt(0);
            } else {
                throw new IllegalArgumentException("--delimiter: '" + delimiter + "' is not one character (or 'tab')");
            }
        }
        Map<String, ColumnType> given = new LinkedHashMap<>();
        if (trainTypes != null) {
            given.putAll(trainTypes);
        }
        given.putAll(parseTypes(types));
        CsvOptions csv = new CsvOptions(labelColumn, ignoreColumns, delim).withTypes(given)
                .withEncoding(charset(encoding)).withDateOrder(dateOrder(dateOrder)).withMapping(readMapping(mapping))
                .withOrdinals(parseOrdinals(ordinal));
        return new LoadOptions(labels, labelOptional ? csv.withLabelOptional() : csv,
                resize == null ? null : ImageSize.parse(resize), classNames);
    }

    private static Map<String, ColumnType> parseTypes(List<String> given) {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        for (String g : given) {
            int colon = g.lastIndexOf(':');
            ColumnType t = colon <= 0 ? null : ColumnType.named(g.substring(colon + 1));
            if (t == null) {
                throw new IllegalArgumentException("--types: '" + g + "' names no type (expected NAME:TYPE with TYPE "
                        + "one of number, integer, boolean, category, text, date)");
            }
            out.put(g.substring(0, colon), t);
        }
        return out;
    }

    private static Map<String, List<String>> parseOrdinals(List<String> given) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String g : given) {
            int eq = g.indexOf('=');
            if (eq <= 0 || eq == g.length() - 1) {
                throw new IllegalArgumentException("--ordinal: '" + g + "' is not NAME=LOW,…,HIGH (e.g. size=S,M,L)");
            }
            out.put(g.substring(0, eq), List.of(g.substring(eq + 1).split("\\s*,\\s*")));
        }
        return out;
    }

    private static Map<String, Map<String, String>> readMapping(Path file) throws IOException {
        if (file == null) {
            return Map.of();
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": no such file (expected a mapping written by inspect "
                    + "--suggest-mapping)");
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(file.toFile(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Map<String, String>>>() { });
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            String where = e.getLocation() == null ? "content" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw DataFormatException.at(file.toString(), where, "not a mapping (expected {\"column\": "
                    + "{\"value\": \"merged into\"}})");
        }
    }

    private static Charset charset(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--encoding: '" + name + "' is not an encoding Java knows (e.g. "
                    + "UTF-8, windows-1252, ISO-8859-1, UTF-16LE)");
        }
    }

    private static DateOrder dateOrder(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "dmy" -> DateOrder.DAY_FIRST;
            case "mdy" -> DateOrder.MONTH_FIRST;
            default -> throw new IllegalArgumentException("--date-order: '" + text + "' is not dmy or mdy");
        };
    }

    /**
     * The training data and, when {@code testData} is given, a test split read from it with the
     * same options (labels from {@code testLabels} for IDX/NPY; a CSV may lack the label column),
     * checked to have the same features and image shape (table columns matched by name, so a test
     * file with its columns in another order is reordered), sharing one class list. Without
     * {@code testData}: the splits of the data argument itself.
     */
    public Splits loadPair(String testData, Path testLabels) throws IOException {
        if (testData == null) {
            return load();
        }
        Splits first = DataLoader.load(data, loadOptions());
        DataOptions other = withData(testData);
        other.labels = testLabels;
        Dataset train = first.train().named("train");
        other.trainTypes = train.tabular() == null ? null : typesOf(train.tabular().table());
        Dataset test = other.load().train();
        if (train.tabular() != null) {
            test = test.encodedWith(train.tabular().encoder(), testData);
        }
        if (train.columns() != test.columns()) {
            throw new IllegalArgumentException(testData + ": has " + test.columns() + " features, " + data + " has "
                    + train.columns() + " (expected the same features in both splits)");
        }
        if (!Objects.equals(train.imageShape(), test.imageShape())) {
            throw new IllegalArgumentException(testData + ": images of " + test.imageShape() + ", " + data
                    + " has images of " + train.imageShape() + " (expected one image shape)");
        }
        if (train.featureNames() != null && test.featureNames() != null) {
            test = test.withColumnsOrderedAs(train.featureNames(), testData, data);
        }
        test = test.named("test");
        return normalised(repaired(ClassAlignment.align(train, test)));
    }

    /** The same options for another data argument. */
    public DataOptions withData(String other) {
        DataOptions o = new DataOptions();
        o.data = other;
        o.labels = null;
        o.labelColumn = labelColumn;
        o.ignoreColumns = ignoreColumns;
        o.delimiter = delimiter;
        o.classNames = classNames;
        o.resize = resize;
        o.types = types;
        o.mapping = mapping;
        o.ordinal = ordinal;
        o.encoding = null;
        o.dateOrder = dateOrder;
        o.labelOptional = true;
        return o;
    }

    /** A short name for titles and file names. */
    public String displayName() {
        if (data.equals(DataLoader.SAMPLE)) {
            return "Fashion-MNIST sample";
        }
        if (data.equals(DataLoader.FASHION_MNIST)) {
            return "Fashion-MNIST";
        }
        Path p = Path.of(data).getFileName();
        return p == null ? data : p.toString();
    }
}
