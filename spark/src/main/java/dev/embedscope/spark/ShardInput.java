package dev.embedscope.spark;

import dev.embedscope.data.DataFormatException;
import dev.embedscope.data.ImageShape;
import dev.embedscope.data.NpyReader;
import dev.embedscope.data.NpyShards;
import dev.embedscope.data.SourceType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A folder of NPY shards ({@code part-*.npy} with {@code part-*.labels.npy} beside each; {@code train/} and
 * {@code test/} sub-folders for two splits; {@code classes.txt} for class names) as a {@link Source}: one
 * partition per shard, read by the executor that gets it; the driver reads only the headers.
 */
final class ShardInput {

    private ShardInput() {
    }

    /** One shard: where it is, its split, how many rows, and the number of its first row within the split. */
    record Shard(String path, String labels, int split, String splitName, long rows, long firstId)
            implements Serializable {
    }

    static boolean looksLikeShards(String folder) throws IOException {
        if (!HadoopFiles.isDirectory(folder)) {
            return false;
        }
        for (String sub : new String[] {"", "train"}) {
            String dir = sub.isEmpty() ? folder : HadoopFiles.child(folder, sub);
            if (HadoopFiles.isDirectory(dir) && HadoopFiles.list(dir).stream().anyMatch(ShardInput::isRowShard)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRowShard(String name) {
        return name.startsWith("part-") && name.endsWith(".npy") && !name.endsWith(".labels.npy")
                && !name.endsWith(".rows.npy");
    }

    static Source open(SparkSession spark, InputSpec spec) throws IOException {
        String root = spec.path();
        List<String> splitNames = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        String train = HadoopFiles.child(root, "train");
        if (HadoopFiles.isDirectory(train)) {
            splitNames.add("train");
            dirs.add(train);
            String test = HadoopFiles.child(root, "test");
            if (HadoopFiles.isDirectory(test)) {
                splitNames.add("test");
                dirs.add(test);
            }
        } else {
            splitNames.add(new org.apache.hadoop.fs.Path(root).getName());
            dirs.add(root);
        }
        List<Shard> shards = new ArrayList<>();
        long[] shape = null;
        SourceType type = null;
        int labelled = 0;
        for (int s = 0; s < dirs.size(); s++) {
            long firstId = 0;
            List<String> files = HadoopFiles.list(dirs.get(s));
            for (String name : files) {
                if (!isRowShard(name)) {
                    continue;
                }
                String path = HadoopFiles.child(dirs.get(s), name);
                NpyReader.ArrayInfo info = NpyReader.describe(HadoopFiles.source(path));
                long[] rowShape = Arrays.copyOfRange(info.shape(), 1, info.shape().length);
                if (info.shape().length < 2) {
                    throw DataFormatException.at(path, "NPY header", "shape " + Arrays.toString(info.shape())
                            + " is not rows of features (expected N×D or N×H×W[×C])");
                }
                if (shape == null) {
                    shape = rowShape;
                    type = info.type();
                } else if (!Arrays.equals(shape, rowShape)) {
                    throw DataFormatException.at(path, "NPY header", "rows of shape " + Arrays.toString(rowShape)
                            + ", the first shard's are " + Arrays.toString(shape) + "; every shard needs the same");
                }
                String labelsName = name.substring(0, name.length() - 4) + ".labels.npy";
                boolean hasLabels = files.contains(labelsName);
                labelled += hasLabels ? 1 : 0;
                shards.add(new Shard(path, hasLabels ? HadoopFiles.child(dirs.get(s), labelsName) : null, s,
                        splitNames.get(s), info.shape()[0], firstId));
                firstId += info.shape()[0];
            }
        }
        if (shards.isEmpty()) {
            throw new DataFormatException(root + ": no part-*.npy shards in the folder");
        }
        if (labelled != 0 && labelled != shards.size()) {
            throw new DataFormatException(root + ": " + labelled + " of " + shards.size() + " shards have a "
                    + ".labels.npy beside them; give every shard its labels, or none");
        }
        long columns = 1;
        for (long v : shape) {
            columns *= v;
        }
        ImageShape image = shape.length >= 2 ? new ImageShape((int) shape[0], (int) shape[1],
                shape.length == 3 ? (int) shape[2] : 1) : spec.imageShape();
        List<String> names = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            names.add(image != null ? image.featureName(j) : "f" + j);
        }
        List<String> classes = spec.classNames() != null ? spec.classNames() : classesFile(root);
        JavaRDD<Shard> planned = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(shards, shards.size());
        int cols = (int) columns;
        JavaRDD<RowBlock> blocks = planned.flatMap(shard -> read(shard, cols).iterator());
        return new Source(new org.apache.hadoop.fs.Path(root).getName(), blocks, cols, names, splitNames, classes,
                labelled > 0, image, type, false);
    }

    private static List<String> classesFile(String root) throws IOException {
        String file = HadoopFiles.child(root, NpyShards.CLASSES_FILE);
        if (!HadoopFiles.exists(file)) {
            return List.of();
        }
        try (InputStream in = HadoopFiles.source(file).openRaw()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static List<RowBlock> read(Shard shard, int cols) throws IOException {
        float[] values = NpyReader.readFloatArray(HadoopFiles.source(shard.path())).values();
        int[] labels = null;
        if (shard.labels() != null) {
            float[] l = NpyReader.readFloatArray(HadoopFiles.source(shard.labels())).values();
            if (l.length != shard.rows()) {
                throw DataFormatException.at(shard.labels(), "NPY header", l.length + " labels for the "
                        + shard.rows() + " rows of " + shard.path());
            }
            labels = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                if (!(l[i] >= 0) || l[i] != Math.rint(l[i])) {
                    throw DataFormatException.at(shard.labels(), "element " + i, "label " + l[i]
                            + " (expected a whole number, 0 or more)");
                }
                labels[i] = (int) l[i];
            }
        }
        List<RowBlock> out = new ArrayList<>();
        int n = (int) shard.rows();
        for (int r0 = 0; r0 < n; r0 += RowBlock.ROWS) {
            int rows = Math.min(RowBlock.ROWS, n - r0);
            long[] ids = new long[rows];
            for (int i = 0; i < rows; i++) {
                ids[i] = shard.firstId() + r0 + i;
            }
            out.add(new RowBlock(shard.split(), shard.splitName(), rows, cols,
                    Arrays.copyOfRange(values, r0 * cols, (r0 + rows) * cols),
                    labels == null ? null : Arrays.copyOfRange(labels, r0, r0 + rows), ids));
        }
        return out;
    }
}
