package dev.embedscope.spark;

import dev.embedscope.data.DataFormatException;
import dev.embedscope.data.ImageShape;
import dev.embedscope.data.SourceType;
import java.io.IOException;
import java.io.InputStream;
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
import org.apache.spark.sql.functions;

/**
 * A folder tree of image files as a {@link Source}, read by Spark's {@code binaryFile} source: one sub-folder per
 * class (its name is the class), {@code train/} and {@code test/} above them for two splits, PNG, JPEG, BMP or
 * GIF files decoded on the executors ({@link EncodedImages}). Classes are the class folders' names in order;
 * rows are numbered within a split by class folder, then file name, as the single-machine reader orders them
 * (the driver lists the paths to do so).
 */
final class ImageTreeInput {

    private static final String IMAGES = "(?i).*\\.(png|jpe?g|bmp|gif)$";

    private ImageTreeInput() {
    }

    /** Whether the folder holds class folders of images (directly, or under train/). */
    static boolean looksLikeImageTree(String folder) throws IOException {
        if (!HadoopFiles.isDirectory(folder)) {
            return false;
        }
        String root = HadoopFiles.isDirectory(HadoopFiles.child(folder, "train")) ? HadoopFiles.child(folder, "train")
                : folder;
        for (String sub : HadoopFiles.listFolders(root)) {
            if (HadoopFiles.list(HadoopFiles.child(root, sub)).stream().anyMatch(n -> n.matches(IMAGES))) {
                return true;
            }
        }
        return false;
    }

    /** Where a file sits: its split (or -1 outside any), class and name. */
    private record Place(int split, String className, String file) implements Serializable {
    }

    static Source open(SparkSession spark, InputSpec spec, Numbering numbering) throws IOException {
        boolean numbered = numbering != Numbering.NONE;
        String root = spec.path();
        boolean twoSplits = HadoopFiles.isDirectory(HadoopFiles.child(root, "train"));
        List<String> splits = new ArrayList<>();
        if (twoSplits) {
            splits.add("train");
            if (HadoopFiles.isDirectory(HadoopFiles.child(root, "test"))) {
                splits.add("test");
            }
        } else {
            splits.add(new org.apache.hadoop.fs.Path(root).getName());
        }
        // classes: the class folders holding images, in name order (train's first, then any only in test)
        List<String> classes = new ArrayList<>();
        String firstFile = null;
        for (String split : splits) {
            String dir = twoSplits ? HadoopFiles.child(root, split) : root;
            for (String c : HadoopFiles.listFolders(dir)) {
                List<String> images = HadoopFiles.list(HadoopFiles.child(dir, c)).stream()
                        .filter(n -> n.matches(IMAGES)).toList();
                if (!images.isEmpty() && !classes.contains(c)) {
                    classes.add(c);
                }
                if (firstFile == null && !images.isEmpty()) {
                    firstFile = HadoopFiles.child(HadoopFiles.child(dir, c), images.get(0));
                }
            }
        }
        if (firstFile == null) {
            throw new DataFormatException(root + ": no images found (expected one sub-folder per class holding PNG, "
                    + "JPEG, BMP or GIF files, under train/ and test/ for two splits)");
        }
        ImageShape shape = spec.imageShape();
        if (shape == null) {
            try (InputStream in = HadoopFiles.source(firstFile).openRaw()) {
                shape = EncodedImages.shapeOf(in.readAllBytes(), firstFile);
            }
        }
        EncodedImages decoder = new EncodedImages(shape, spec.imageShape() != null);
        Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
                .load(root).filter(functions.col("path").rlike(IMAGES));
        String rootUri = new org.apache.hadoop.fs.Path(root).getFileSystem(new org.apache.hadoop.conf.Configuration())
                .makeQualified(new org.apache.hadoop.fs.Path(root)).toString();
        List<String> splitList = List.copyOf(splits);
        List<String> classList = List.copyOf(classes);
        Map<String, Long> ids = numbered ? numbers(files, rootUri, twoSplits, splitList, classList) : null;
        int cols = shape.pixels();
        JavaRDD<RowBlock> blocks = files.select("path", "content").javaRDD().mapPartitions(it ->
                blocks(it, rootUri, twoSplits, splitList, classList, decoder, cols, ids).iterator());
        List<String> names = new ArrayList<>();
        for (int j = 0; j < cols; j++) {
            names.add(shape.featureName(j));
        }
        return new Source(new org.apache.hadoop.fs.Path(root).getName(), blocks, cols, names, splitList, classList,
                true, shape, SourceType.UINT8, false);
    }

    /** The split, class and file name of a path below the root; null for a file outside the layout. */
    private static Place place(String path, String rootUri, boolean twoSplits, List<String> splits) {
        if (!path.startsWith(rootUri)) {
            return null;
        }
        String[] parts = path.substring(rootUri.length()).replaceFirst("^/+", "").split("/");
        int depth = twoSplits ? 3 : 2;
        if (parts.length != depth) {
            return null;
        }
        int split = twoSplits ? splits.indexOf(parts[0]) : 0;
        return split < 0 ? null : new Place(split, parts[depth - 2], parts[depth - 1]);
    }

    /** Row numbers by path: within each split, by class folder order, then file name. */
    private static Map<String, Long> numbers(Dataset<Row> files, String rootUri, boolean twoSplits,
                                             List<String> splits, List<String> classes) {
        List<String> paths = new ArrayList<>();
        for (Row r : files.select("path").collectAsList()) {
            paths.add(r.getString(0));
        }
        List<Object[]> placed = new ArrayList<>();
        for (String p : paths) {
            Place where = place(p, rootUri, twoSplits, splits);
            if (where != null) {
                placed.add(new Object[] {where, p});
            }
        }
        placed.sort((a, b) -> {
            Place x = (Place) a[0];
            Place y = (Place) b[0];
            if (x.split() != y.split()) {
                return Integer.compare(x.split(), y.split());
            }
            int c = Integer.compare(classes.indexOf(x.className()), classes.indexOf(y.className()));
            return c != 0 ? c : x.file().compareTo(y.file());
        });
        Map<String, Long> ids = new HashMap<>();
        long[] next = new long[splits.size()];
        for (Object[] o : placed) {
            ids.put((String) o[1], next[((Place) o[0]).split()]++);
        }
        return ids;
    }

    private static List<RowBlock> blocks(Iterator<Row> rows, String rootUri, boolean twoSplits, List<String> splits,
                                         List<String> classes, EncodedImages decoder, int cols, Map<String, Long> ids)
            throws DataFormatException {
        int s = splits.size();
        float[][] values = new float[s][RowBlock.ROWS * cols];
        int[][] labels = new int[s][RowBlock.ROWS];
        long[][] numbers = new long[s][RowBlock.ROWS];
        int[] filled = new int[s];
        List<RowBlock> out = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            String path = r.getString(0);
            Place where = place(path, rootUri, twoSplits, splits);
            if (where == null || !classes.contains(where.className())) {
                continue;
            }
            int sp = where.split();
            int i = filled[sp]++;
            System.arraycopy(decoder.decode((byte[]) r.get(1), path), 0, values[sp], i * cols, cols);
            labels[sp][i] = classes.indexOf(where.className());
            numbers[sp][i] = ids == null ? -1L : ids.get(path);
            if (filled[sp] == RowBlock.ROWS) {
                out.add(new RowBlock(sp, splits.get(sp), RowBlock.ROWS, cols, values[sp], labels[sp], numbers[sp]));
                values[sp] = new float[RowBlock.ROWS * cols];
                labels[sp] = new int[RowBlock.ROWS];
                numbers[sp] = new long[RowBlock.ROWS];
                filled[sp] = 0;
            }
        }
        for (int sp = 0; sp < s; sp++) {
            int n = filled[sp];
            if (n > 0) {
                out.add(new RowBlock(sp, splits.get(sp), n, cols, Arrays.copyOf(values[sp], n * cols),
                        Arrays.copyOf(labels[sp], n), Arrays.copyOf(numbers[sp], n)));
            }
        }
        return out;
    }
}
