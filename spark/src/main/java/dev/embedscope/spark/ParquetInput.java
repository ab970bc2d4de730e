package dev.embedscope.spark;

import dev.embedscope.data.DataFormatException;
import dev.embedscope.data.ImageShape;
import dev.embedscope.data.SourceType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet (a file or a folder of files) as a {@link Source}: an image column holding an array of numbers, or
 * every other numeric column as a feature; a label column of integers (class indexes) or text (class names);
 * an optional split column. Rows are numbered within their split in the order Spark lists them, found by a
 * first pass over the split column alone.
 */
final class ParquetInput {

    /** Column metadata (kept in the Parquet schema) that marks an image column and gives its shape, HxW[xC]. */
    static final String SHAPE_KEY = "embedscope.imageShape";
    /** Column metadata marking the split column (written by convert). */
    static final String SPLIT_KEY = "embedscope.split";
    /** Column metadata saying a binary image column holds raw pixels, one unsigned byte per sample. */
    static final String RAW_KEY = "embedscope.rawUint8";

    private ParquetInput() {
    }

    /**
     * Opens the input; {@code numbered}: rows carry their row numbers (duplicates, copies and projections
     * need them; statistics do not, and are spared the pass over the files that numbering takes).
     */
    static Source open(SparkSession spark, InputSpec spec, Numbering numbering) throws java.io.IOException {
        boolean numbered = numbering == Numbering.IDS;
        boolean positions = numbering == Numbering.POSITIONS;
        Dataset<Row> df;
        try {
            df = spark.read().parquet(spec.path());
            df.schema();
        } catch (Exception e) { // Spark's checked SparkException arrives undeclared
            if (e instanceof DataFormatException d) {
                throw d;
            }
            throw new DataFormatException(spec.path() + ": not a readable Parquet file or folder ("
                    + SparkErrors.firstLine(e) + ")");
        }
        StructType schema = df.schema();
        List<String> all = Arrays.asList(schema.fieldNames());
        spec = withRecordedImage(spec, schema);
        if (spec.classNames() == null) {
            spec = spec.withClassNames(classesBeside(spec.path()));
        }
        String label = spec.labelColumn();
        String split = spec.splitColumn();
        require(spec, all, label, "label column", "--label-column NAME, or --no-labels");
        require(spec, all, split, "split column", "--split-column NAME, or leave it out for one split");
        require(spec, all, spec.imageColumn(), "image column", "--image-column NAME");

        // features
        List<String> featureColumns = new ArrayList<>();
        SourceType type;
        int columns;
        List<String> names = new ArrayList<>();
        EncodedImages encoded = null;
        boolean raw = spec.imageColumn() != null && spec.imageShape() != null
                && schema.apply(spec.imageColumn()).dataType() == DataTypes.BinaryType
                && schema.apply(spec.imageColumn()).metadata().contains(RAW_KEY);
        if (raw) {
            type = SourceType.UINT8;
            featureColumns.add(spec.imageColumn());
            columns = spec.imageShape().pixels();
            for (int j = 0; j < columns; j++) {
                names.add(spec.imageShape().featureName(j));
            }
        } else if (spec.imageColumn() != null
                && schema.apply(spec.imageColumn()).dataType() == DataTypes.BinaryType) {
            ImageShape shape = spec.imageShape();
            if (shape == null) {
                Row first = df.select(spec.imageColumn()).filter(functions.col(spec.imageColumn()).isNotNull())
                        .head();
                shape = EncodedImages.shapeOf((byte[]) first.get(0), spec.path() + ", the first image");
            }
            encoded = new EncodedImages(shape, spec.imageShape() != null);
            spec = spec.withImageColumn(spec.imageColumn(), shape);
            type = SourceType.UINT8;
            featureColumns.add(spec.imageColumn());
            columns = shape.pixels();
            for (int j = 0; j < columns; j++) {
                names.add(shape.featureName(j));
            }
        } else if (spec.imageColumn() != null) {
            DataType t = schema.apply(spec.imageColumn()).dataType();
            if (!(t instanceof ArrayType a) || !(a.elementType() instanceof NumericType
                    || a.elementType() == DataTypes.BooleanType)) {
                throw new DataFormatException(spec.path() + ": column '" + spec.imageColumn() + "' holds " + t
                        .simpleString() + "; an image column is an array of numbers or encoded image bytes");
            }
            type = typeOf(a.elementType());
            featureColumns.add(spec.imageColumn());
            if (spec.imageShape() != null) {
                columns = spec.imageShape().pixels();
            } else {
                Row first = df.select(functions.size(functions.col(spec.imageColumn()))).head();
                columns = first.getInt(0);
            }
            for (int j = 0; j < columns; j++) {
                names.add(spec.imageShape() != null ? spec.imageShape().featureName(j) : spec.imageColumn()
                        + "[" + j + "]");
            }
        } else {
            List<SourceType> types = new ArrayList<>();
            for (StructField f : schema.fields()) {
                if (f.name().equals(label) || f.name().equals(split)) {
                    continue;
                }
                if (f.dataType() instanceof NumericType || f.dataType() == DataTypes.BooleanType) {
                    featureColumns.add(f.name());
                    names.add(f.name());
                    types.add(typeOf(f.dataType()));
                }
            }
            if (featureColumns.isEmpty()) {
                throw new DataFormatException(spec.path() + ": no numeric feature columns (columns: "
                        + String.join(", ", all) + "); name an array column with --image-column NAME");
            }
            columns = featureColumns.size();
            type = common(types);
        }

        // labels
        boolean textLabels = false;
        List<String> classes = spec.classNames() == null ? List.of() : spec.classNames();
        if (label != null) {
            DataType t = schema.apply(label).dataType();
            if (t == DataTypes.StringType) {
                textLabels = true;
                if (spec.classNames() == null) {
                    classes = new ArrayList<>(distinct(df, label));
                    classes.remove(null);
                    classes.sort(null);
                }
            } else if (!(t == DataTypes.IntegerType || t == DataTypes.LongType || t == DataTypes.ShortType
                    || t == DataTypes.ByteType)) {
                throw new DataFormatException(spec.path() + ": label column '" + label + "' holds " + t.simpleString()
                        + "; labels are whole numbers (class indexes) or text (class names)");
            }
        }

        // splits, and each run's first row number per split, from one pass over the split column
        List<Run> runs = numbered ? runs(df, split) : List.of();
        List<String> splits = new ArrayList<>();
        for (Run run : runs) {
            for (String name : run.counts().keySet()) {
                if (name == null) {
                    throw new DataFormatException(spec.path() + ": split column '" + split + "' is empty in some "
                            + "rows; give every row its split");
                }
                if (!splits.contains(name)) {
                    splits.add(name);
                }
            }
        }
        if (split == null) {
            splits = new ArrayList<>(List.of(baseName(spec.path())));
        }
        splits.sort(ParquetInput::bySplitRank);
        // without row numbers the split names are found while the rows are read (no pass before)
        List<String> splitList = numbered || split == null ? List.copyOf(splits) : null;
        Map<String, long[]> offsets = numbered ? offsets(runs, splitList, split == null) : null;

        List<DataType> featureTypes = new ArrayList<>();
        for (String f : featureColumns) {
            DataType t = schema.apply(f).dataType();
            featureTypes.add(t instanceof ArrayType a ? a.elementType() : t);
        }
        Plan plan = new Plan(featureTypes.toArray(new DataType[0]), spec.imageColumn() != null, raw, encoded,
                columns, label,
                label == null ? null : schema.apply(label).dataType(), textLabels, classIndex(classes), split,
                splitList, offsets, positions ? fileIndex(df) : null, spec.path());
        List<org.apache.spark.sql.Column> selected = new ArrayList<>();
        featureColumns.forEach(f -> selected.add(functions.col(f)));
        if (label != null) {
            selected.add(functions.col(label));
        }
        if (split != null) {
            selected.add(functions.col(split).cast("string"));
        }
        if (numbered || positions) {
            selected.add(functions.col(FILE));
            selected.add(functions.col(ROW_INDEX));
        }
        // Spark's internal rows: arrays are read as primitives, not as lists of boxed numbers
        JavaRDD<InternalRow> rows = df.select(selected.toArray(new org.apache.spark.sql.Column[0]))
                .queryExecution().toRdd().toJavaRDD();
        JavaRDD<RowBlock> blocks = rows.mapPartitionsWithIndex((p, it) -> plan.blocks(it).iterator(), true);
        return new Source(baseName(spec.path()), blocks, columns, names, splitList == null ? List.of() : splitList,
                textLabels || spec.classNames() != null ? classes : List.of(), label != null,
                spec.imageShape(), type, positions);
    }

    /**
     * The image column and shape, and the split column, recorded in the schema (by convert) where the options
     * leave them out.
     */
    private static InputSpec withRecordedImage(InputSpec spec, StructType schema) throws DataFormatException {
        if (spec.splitColumn() == null) {
            for (StructField f : schema.fields()) {
                if (f.metadata().contains(SPLIT_KEY)) {
                    spec = spec.withSplitColumn(f.name());
                }
            }
        }
        for (StructField f : schema.fields()) {
            boolean named = spec.imageColumn() == null || spec.imageColumn().equals(f.name());
            if (named && f.metadata().contains(SHAPE_KEY)) {
                return spec.withImageColumn(f.name(), spec.imageShape() != null ? spec.imageShape()
                        : InputOptions.parseShape(f.metadata().getString(SHAPE_KEY)));
            }
        }
        return spec;
    }

    private static List<String> classesBeside(String path) throws java.io.IOException {
        String file = HadoopFiles.child(path, ParquetExport.CLASSES_FILE);
        if (!HadoopFiles.isDirectory(path) || !HadoopFiles.exists(file)) {
            return null;
        }
        try (java.io.InputStream in = HadoopFiles.source(file).openRaw()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
        }
    }

    /** The input's files by name, each with its index (the high bits of a row's position). */
    private static Map<String, Integer> fileIndex(Dataset<Row> df) {
        String[] files = df.inputFiles();
        for (int k = 0; k < files.length; k++) {
            files[k] = pathOf(files[k]);
        }
        Arrays.sort(files);
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < files.length; k++) {
            index.put(files[k], k);
        }
        return index;
    }

    /**
     * A file's path without scheme and authority: Spark names one file {@code file:/a} in {@code _metadata} and
     * {@code file:///a} in {@code inputFiles()}; within one input all files share both.
     */
    static String pathOf(String file) {
        return new org.apache.hadoop.fs.Path(file).toUri().getPath();
    }

    /** Split names in their usual order: train, test, then the others by name. */
    static int bySplitRank(String a, String b) {
        return Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b);
    }

    private static int rank(String split) {
        return switch (split) {
            case "train" -> 0;
            case "test" -> 1;
            default -> 2;
        };
    }

    private static Map<String, Integer> classIndex(List<String> classes) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            m.put(classes.get(i), i);
        }
        return m;
    }

    static String baseName(String path) {
        String name = new org.apache.hadoop.fs.Path(path).getName();
        return name.endsWith(".parquet") ? name.substring(0, name.length() - 8) : name;
    }

    private static void require(InputSpec spec, List<String> columns, String column, String what, String fix)
            throws DataFormatException {
        if (column != null && !columns.contains(column)) {
            throw new DataFormatException(spec.path() + ": no " + what + " '" + column + "' (columns: "
                    + String.join(", ", columns) + "); use " + fix);
        }
    }

    private static SourceType typeOf(DataType t) {
        if (t == DataTypes.ByteType) {
            return SourceType.INT8;
        }
        if (t == DataTypes.ShortType) {
            return SourceType.INT16;
        }
        if (t == DataTypes.IntegerType) {
            return SourceType.INT32;
        }
        if (t == DataTypes.LongType) {
            return SourceType.INT64;
        }
        if (t == DataTypes.BooleanType) {
            return SourceType.BOOL;
        }
        if (t == DataTypes.FloatType) {
            return SourceType.FLOAT32;
        }
        return SourceType.FLOAT64;
    }

    private static SourceType common(List<SourceType> types) {
        SourceType first = types.get(0);
        if (types.stream().allMatch(t -> t == first)) {
            return first;
        }
        return types.stream().allMatch(SourceType::integral) ? SourceType.INT64 : SourceType.FLOAT64;
    }

    /** Where each row comes from: Spark's hidden per-file columns (Parquet's row index within its file). */
    private static final String FILE = "_metadata.file_path";
    private static final String ROW_INDEX = "_metadata.row_index";

    /**
     * Rows are numbered within their split in the order of file names and of rows within a file, whatever order
     * Spark reads the files in (it packs them by size). A first pass over the split column alone counts, per run
     * of consecutive rows of one file in one partition, the rows of each split; the runs sorted by file and first
     * row give each run's first row number per split, keyed by file and first row index.
     */
    private static List<Run> runs(Dataset<Row> df, String split) {
        Dataset<Row> column = df.select(split == null ? functions.lit("") : functions.col(split).cast("string"),
                functions.col(FILE), functions.col(ROW_INDEX));
        return column.javaRDD().mapPartitions(it -> {
            List<Run> out = new ArrayList<>();
            Run run = null;
            long last = -2;
            while (it.hasNext()) {
                Row r = it.next();
                String file = r.getString(1);
                long index = r.getLong(2);
                if (run == null || !run.file().equals(file) || index != last + 1) {
                    run = new Run(file, index, new HashMap<>());
                    out.add(run);
                }
                last = index;
                run.counts().merge(r.isNullAt(0) ? null : r.getString(0), 1L, Long::sum);
            }
            return out.iterator();
        }).collect();
    }

    /**
     * The distinct values of a column as text (null for empty cells), each partition's set merged on the driver:
     * no shuffle, where Spark SQL's distinct would plan one over its default 200 partitions.
     */
    static java.util.Set<String> distinct(Dataset<Row> df, String column) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (java.util.HashSet<String> part : df.select(functions.col(column).cast("string")).javaRDD()
                .mapPartitions(it -> {
                    java.util.HashSet<String> seen = new java.util.HashSet<>();
                    while (it.hasNext()) {
                        Row r = it.next();
                        seen.add(r.isNullAt(0) ? null : r.getString(0));
                    }
                    return List.of(seen).iterator();
                }).collect()) {
            out.addAll(part);
        }
        return out;
    }

    private static Map<String, long[]> offsets(List<Run> runs, List<String> splits, boolean single) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> a.file().equals(b.file()) ? Long.compare(a.first(), b.first())
                : a.file().compareTo(b.file()));
        Map<String, long[]> offsets = new HashMap<>();
        long[] running = new long[splits.size()];
        for (Run run : sorted) {
            offsets.put(run.key(), running.clone());
            for (Map.Entry<String, Long> e : run.counts().entrySet()) {
                running[single ? 0 : splits.indexOf(e.getKey())] += e.getValue();
            }
        }
        return offsets;
    }

    /** A run of consecutive rows of one file in one partition: where it starts and its rows per split. */
    private record Run(String file, long first, Map<String, Long> counts) implements Serializable {
        String key() {
            return key(file, first);
        }

        static String key(String file, long first) {
            return file + '\u0000' + first;
        }
    }

    /** How an executor turns the selected columns of its rows into blocks. */
    private record Plan(DataType[] types, boolean array, boolean raw, EncodedImages encoded, int columns,
                        String label,
                        DataType labelType,
                        boolean textLabels, Map<String, Integer> classIndex, String split, List<String> splits,
                        Map<String, long[]> runs, Map<String, Integer> files, String path) implements Serializable {

        List<RowBlock> blocks(Iterator<InternalRow> rows) throws DataFormatException {
            // one buffer per split met in this partition; with the split names known (numbered rows) a split's
            // slot is its index, else the names are found as the rows come and blocks carry only the name
            List<String> names = new ArrayList<>(splits == null ? List.of() : splits);
            List<float[]> values = new ArrayList<>();
            List<int[]> labels = new ArrayList<>();
            List<long[]> ids = new ArrayList<>();
            List<Integer> filled = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                addSlot(values, labels, ids, filled);
            }
            List<RowBlock> out = new ArrayList<>();
            int labelAt = types.length;
            int splitAt = types.length + (label == null ? 0 : 1);
            int fileAt = splitAt + (split == null ? 0 : 1);
            long[] next = null;
            String file = null;
            int fileIndex = -1;
            long last = -2;
            String single = splits == null ? null : splits.get(0);
            while (rows.hasNext()) {
                InternalRow r = rows.next();
                if (runs != null) {
                    long index = r.getLong(fileAt + 1);
                    String rowFile = r.getUTF8String(fileAt).toString();
                    if (next == null || !file.equals(rowFile) || index != last + 1) {
                        file = rowFile;
                        long[] first = runs.get(Run.key(file, index));
                        if (first == null) {
                            throw new IllegalStateException(path + ": " + file + " was read in other pieces than "
                                    + "when its rows were counted; was the input changed while being read?");
                        }
                        next = first.clone();
                    }
                    last = index;
                }
                String name = split == null ? single : text(r, splitAt);
                if (name == null) {
                    throw DataFormatException.at(path, "a row", "no split in column '" + split + "' (every row"
                            + " needs one, or leave --split-column out)");
                }
                int sp = names.indexOf(name);
                if (sp < 0) {
                    sp = names.size();
                    names.add(name);
                    addSlot(values, labels, ids, filled);
                }
                int i = filled.get(sp);
                long id = -1;
                if (next != null) {
                    id = next[sp]++;
                } else if (files != null) {
                    String rowFile = r.getUTF8String(fileAt).toString();
                    if (!rowFile.equals(file)) {
                        file = rowFile;
                        fileIndex = fileOf(rowFile);
                    }
                    id = RowNumbers.position(fileIndex, r.getLong(fileAt + 1));
                }
                float[] v = values.get(sp);
                int base = i * columns;
                if (raw) {
                    byte[] bytes = r.isNullAt(0) ? null : r.getBinary(0);
                    if (bytes == null || bytes.length != columns) {
                        throw DataFormatException.at(path, where(id, name), "an image of " + (bytes == null
                                ? 0 : bytes.length) + " bytes (expected " + columns + ", its recorded shape)");
                    }
                    for (int j = 0; j < columns; j++) {
                        v[base + j] = bytes[j] & 0xff;
                    }
                } else if (encoded != null) {
                    if (r.isNullAt(0)) {
                        throw DataFormatException.at(path, where(id, name), "no image (the column is empty)");
                    }
                    System.arraycopy(encoded.decode(r.getBinary(0), path + ", " + where(id, name)), 0, v, base,
                            columns);
                } else if (array) {
                    if (r.isNullAt(0)) {
                        Arrays.fill(v, base, base + columns, Float.NaN);
                    } else {
                        ArrayData a = r.getArray(0);
                        if (a.numElements() != columns) {
                            throw DataFormatException.at(path, where(id, name), "an image of " + a.numElements()
                                    + " values (expected " + columns + ", as the first row or --image-shape)");
                        }
                        DataType t = types[0];
                        for (int j = 0; j < columns; j++) {
                            v[base + j] = a.isNullAt(j) ? Float.NaN : number(a, j, t);
                        }
                    }
                } else {
                    for (int j = 0; j < columns; j++) {
                        v[base + j] = r.isNullAt(j) ? Float.NaN : number(r, j, types[j]);
                    }
                }
                if (label != null) {
                    labels.get(sp)[i] = labelOf(r, labelAt, id, name);
                }
                ids.get(sp)[i] = id;
                filled.set(sp, i + 1);
                if (i + 1 == RowBlock.ROWS) {
                    out.add(block(sp, name, RowBlock.ROWS, v, labels.get(sp), ids.get(sp)));
                    values.set(sp, new float[RowBlock.ROWS * columns]);
                    labels.set(sp, new int[RowBlock.ROWS]);
                    ids.set(sp, new long[RowBlock.ROWS]);
                    filled.set(sp, 0);
                }
            }
            for (int sp = 0; sp < names.size(); sp++) {
                int n = filled.get(sp);
                if (n > 0) {
                    out.add(block(sp, names.get(sp), n, Arrays.copyOf(values.get(sp), n * columns),
                            Arrays.copyOf(labels.get(sp), n), Arrays.copyOf(ids.get(sp), n)));
                }
            }
            return out;
        }

        private void addSlot(List<float[]> values, List<int[]> labels, List<long[]> ids, List<Integer> filled) {
            values.add(new float[RowBlock.ROWS * columns]);
            labels.add(new int[RowBlock.ROWS]);
            ids.add(new long[RowBlock.ROWS]);
            filled.add(0);
        }

        private RowBlock block(int slot, String name, int n, float[] v, int[] l, long[] id) {
            return new RowBlock(splits == null ? -1 : slot, name, n, columns, v, label == null ? null : l, id);
        }

        private int fileOf(String file) {
            Integer k = files.get(pathOf(file));
            if (k == null) {
                throw new IllegalStateException(path + ": " + file + " was not among the input's files when it was "
                        + "opened; was the input changed while being read?");
            }
            return k;
        }

        /** Where a row is, for a message: its number within its split when rows are numbered. */
        private String where(long id, String split) {
            return id < 0 || files != null ? "a row of " + split : "row " + id + " of " + split;
        }

        private static String text(InternalRow r, int at) {
            return r.isNullAt(at) ? null : r.getUTF8String(at).toString();
        }

        /** Value {@code j} of a row or an array (both are Spark's specialised getters) as float32. */
        private static float number(SpecializedGetters g, int j, DataType t) {
            if (t == DataTypes.IntegerType) {
                return g.getInt(j);
            }
            if (t == DataTypes.FloatType) {
                return g.getFloat(j);
            }
            if (t == DataTypes.DoubleType) {
                return (float) g.getDouble(j);
            }
            if (t == DataTypes.ByteType) {
                return g.getByte(j);
            }
            if (t == DataTypes.ShortType) {
                return g.getShort(j);
            }
            if (t == DataTypes.LongType) {
                return g.getLong(j);
            }
            if (t == DataTypes.BooleanType) {
                return g.getBoolean(j) ? 1f : 0f;
            }
            DecimalType d = (DecimalType) t;
            return (float) g.getDecimal(j, d.precision(), d.scale()).toDouble();
        }

        private int labelOf(InternalRow r, int at, long id, String splitName) throws DataFormatException {
            if (r.isNullAt(at)) {
                throw DataFormatException.at(path, where(id, splitName), "no label in column '" + label
                        + "' (every row needs one, or use --no-labels)");
            }
            if (textLabels) {
                String name = r.getUTF8String(at).toString();
                Integer c = classIndex.get(name);
                if (c == null) {
                    throw DataFormatException.at(path, where(id, splitName), "label '" + name
                            + "' is not among the class names given");
                }
                return c;
            }
            long c = labelType == DataTypes.LongType ? r.getLong(at) : labelType == DataTypes.ShortType
                    ? r.getShort(at) : labelType == DataTypes.ByteType ? r.getByte(at) : r.getInt(at);
            if (c < 0 || c > Integer.MAX_VALUE || !classIndex.isEmpty() && c >= classIndex.size()) {
                throw DataFormatException.at(path, where(id, splitName), "label " + c + " (expected 0"
                        + (classIndex.isEmpty() ? " or more" : " to " + (classIndex.size() - 1)) + ")");
            }
            return (int) c;
        }
    }
}
