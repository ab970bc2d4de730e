package dev.embedscope.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a folder of NPY shards as one dataset: {@code part-00000.npy} (rows), {@code part-00000.labels.npy}
 * (labels, beside every shard or none) and {@code part-00000.rows.npy} (row numbers, not needed here), in
 * the order of their names; {@code classes.txt} (one class name per line) in the folder or its parent names
 * the classes. It is the layout {@code embedscope-spark project} writes, with {@code train/} and
 * {@code test/} sub-folders for two splits.
 */
public final class NpyShards {

    /** The file {@code project} writes beside its shards: they hold principal components (see {@link #PC}). */
    public static final String PROJECTION_FILE = "projection.json";
    /** The name prefix of a principal component feature: PC1, PC2, … */
    public static final String PC = "PC";

    /** The file of class names a shard folder (or its parent) may hold. */
    public static final String CLASSES_FILE = "classes.txt";

    private NpyShards() {
    }

    /** Whether the folder holds at least one {@code part-*.npy} shard of rows. */
    public static boolean looksLikeShards(Path folder) throws IOException {
        return Files.isDirectory(folder) && !shards(folder).isEmpty();
    }

    /** The shards of rows in the folder, by name ({@code part-*.npy}, not labels or row numbers). */
    public static List<Path> shards(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> isRowShard(p.getFileName().toString())).sorted().toList();
        }
    }

    static boolean isRowShard(String name) {
        return name.startsWith("part-") && name.endsWith(".npy") && !name.endsWith(".labels.npy")
                && !name.endsWith(".rows.npy");
    }

    /** The labels file beside a shard of rows. */
    public static Path labelsOf(Path shard) {
        String name = shard.getFileName().toString();
        return shard.resolveSibling(name.substring(0, name.length() - 4) + ".labels.npy");
    }

    /** The row-numbers file beside a shard of rows. */
    public static Path rowsOf(Path shard) {
        String name = shard.getFileName().toString();
        return shard.resolveSibling(name.substring(0, name.length() - 4) + ".rows.npy");
    }

    /** Reads every shard of the folder, stacked in name order, as the split {@code name}. */
    public static Dataset read(Path folder, String name) throws IOException {
        List<Path> shards = shards(folder);
        if (shards.isEmpty()) {
            throw new DataFormatException(folder + ": no part-*.npy shards in the folder");
        }
        int labelled = 0;
        for (Path shard : shards) {
            labelled += Files.isRegularFile(labelsOf(shard)) ? 1 : 0;
        }
        if (labelled != 0 && labelled != shards.size()) {
            throw new DataFormatException(folder + ": " + labelled + " of " + shards.size() + " shards have a "
                    + ".labels.npy beside them; give every shard its labels, or none");
        }
        int classes = 0;
        List<NpyReader.Features> features = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (Path shard : shards) {
            NpyReader.Features f = NpyReader.readFeatures(ByteSource.of(shard));
            features.add(f);
            if (labelled > 0) {
                int[] l = NpyReader.readLabels(ByteSource.of(labelsOf(shard)));
                if (l.length != f.matrix().rows()) {
                    throw DataFormatException.at(labelsOf(shard).toString(), "NPY header", l.length
                            + " labels for the " + f.matrix().rows() + " rows of " + shard.getFileName());
                }
                for (int v : l) {
                    classes = Math.max(classes, v + 1);
                }
                labels.add(l);
            }
        }
        List<String> classNames = labelled > 0 ? classNames(folder, classes) : List.of();
        List<String> featureNames = projection(folder) ? componentNames((int) features.get(0).matrix().columns())
                : null;
        List<Dataset> named = new ArrayList<>(shards.size());
        for (int i = 0; i < shards.size(); i++) {
            NpyReader.Features f = features.get(i);
            named.add(new Dataset(shards.get(i).getFileName().toString(), f.matrix(),
                    labelled > 0 ? labels.get(i) : null, classNames, featureNames, f.imageShape(), f.type()));
        }
        Dataset all = Dataset.concat(name, named);
        int[] order = rowOrder(shards, all.rows());
        return order == null ? all : all.subset(order);
    }

    /**
     * When every shard has its row numbers beside it and they are not already 0, 1, 2, … in shard order, the
     * positions that put the rows in row-number order (the numbers must then be each of 0 … N−1 once); null when
     * the shards' order is the rows' order or no row numbers were written.
     */
    private static int[] rowOrder(List<Path> shards, int rows) throws IOException {
        for (Path shard : shards) {
            if (!Files.isRegularFile(rowsOf(shard))) {
                return null;
            }
        }
        int[] position = new int[rows];
        java.util.Arrays.fill(position, -1);
        boolean inOrder = true;
        int at = 0;
        for (Path shard : shards) {
            long[] ids = readInt64(rowsOf(shard));
            for (long id : ids) {
                if (id < 0 || id >= rows || position[(int) id] >= 0) {
                    throw DataFormatException.at(rowsOf(shard).toString(), "row numbers", "row number " + id
                            + (id >= 0 && id < rows ? " appears twice" : " is outside 0 … " + (rows - 1))
                            + "; the shards' row numbers must name each of their " + rows + " rows once");
                }
                inOrder &= id == at;
                position[(int) id] = at++;
            }
        }
        if (at != rows) {
            throw new DataFormatException(shards.get(0).getParent() + ": " + at + " row numbers for " + rows
                    + " rows; every shard needs its .rows.npy, or none");
        }
        return inOrder ? null : position;
    }

    private static long[] readInt64(Path file) throws IOException {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                Files.newInputStream(file), 1 << 16))) {
            NpyHeader h = NpyHeader.read(in, file.toString());
            if (h.type() != SourceType.INT64 || h.shape().length != 1) {
                throw DataFormatException.at(file.toString(), "NPY header", "row numbers of dtype " + h.type()
                        + " and shape " + java.util.Arrays.toString(h.shape()) + " (expected a 1-D int64 vector)");
            }
            long[] out = new long[Math.toIntExact(h.shape()[0])];
            byte[] bytes = new byte[8];
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes).order(h.order());
            for (int i = 0; i < out.length; i++) {
                in.readFully(bytes);
                out[i] = buf.getLong(0);
            }
            return out;
        }
    }

    /** Whether the folder (or its parent, for train/ and test/) holds a projection's shards. */
    private static boolean projection(Path folder) {
        Path parent = folder.toAbsolutePath().getParent();
        return Files.isRegularFile(folder.resolve(PROJECTION_FILE))
                || parent != null && Files.isRegularFile(parent.resolve(PROJECTION_FILE));
    }

    /** PC1 … PCk. */
    public static List<String> componentNames(int k) {
        List<String> names = new ArrayList<>(k);
        for (int c = 1; c <= k; c++) {
            names.add(PC + c);
        }
        return names;
    }

    /** Whether a split's features are the principal components of a projection (named PC1 … PCk). */
    public static boolean isProjection(Dataset d) {
        return d.featureNames() != null && d.featureNames().equals(componentNames(d.columns()));
    }

    private static List<String> classNames(Path folder, int classes) throws IOException {
        for (Path dir : new Path[] {folder, folder.toAbsolutePath().getParent()}) {
            Path file = dir == null ? null : dir.resolve(CLASSES_FILE);
            if (file != null && Files.isRegularFile(file)) {
                List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank()).toList();
                if (names.size() < classes) {
                    throw new DataFormatException(file + ": " + names.size() + " class names for labels up to "
                            + (classes - 1) + "; give one name per line for every class");
                }
                return names;
            }
        }
        List<String> numbered = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            numbered.add(Integer.toString(c));
        }
        return numbered;
    }
}
