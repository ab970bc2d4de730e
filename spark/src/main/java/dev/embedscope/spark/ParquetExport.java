package dev.embedscope.spark;

import dev.embedscope.data.ByteSource;
import dev.embedscope.data.DataFormatException;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.IdxReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes IDX image data (the embedded sample, Debian's Fashion-MNIST, or a folder of IDX files) as Parquet the
 * jobs read: {@code image} (binary: the raw row-major pixels, one byte each, its shape in the column's metadata),
 * {@code label} (int), {@code split} (train, test; marked as the split column in its metadata),
 * with the class names in {@code _classes.txt} inside the folder (Spark skips files starting with an
 * underscore), so that trying the cluster commands needs no data of one's own.
 */
final class ParquetExport {

    /** The class-names file inside a Parquet folder, read when --classes is not given. */
    static final String CLASSES_FILE = "_classes.txt";

    private ParquetExport() {
    }

    private record Split(String name, ByteSource images, ByteSource labels) {
    }

    static String write(SparkSession spark, String data, String out, int partitions) throws IOException {
        List<Split> splits = new ArrayList<>();
        List<String> classes = null;
        if (data.equals("sample")) {
            splits.add(new Split("train", FashionMnist.sampleFile("train-images-idx3-ubyte.gz"),
                    FashionMnist.sampleFile("train-labels-idx1-ubyte.gz")));
            splits.add(new Split("test", FashionMnist.sampleFile("t10k-images-idx3-ubyte.gz"),
                    FashionMnist.sampleFile("t10k-labels-idx1-ubyte.gz")));
            classes = FashionMnist.CLASS_NAMES;
        } else {
            Path folder = data.equals("fashion-mnist") ? FashionMnist.DEBIAN_DIR : Path.of(data);
            if (!Files.isDirectory(folder)) {
                throw new DataFormatException(data + (data.equals("fashion-mnist") ? ": " + folder
                        + " is missing; install it with: sudo apt-get install dataset-fashion-mnist"
                        : ": no such folder (expected sample, fashion-mnist or a folder of IDX files)"));
            }
            for (String[] s : new String[][] {{"train", "train"}, {"test", "t10k"}}) {
                Path images = DataLoader.findIdx(folder, s[1] + "-images-idx3-ubyte");
                Path labels = DataLoader.findIdx(folder, s[1] + "-labels-idx1-ubyte");
                if (images != null && labels != null) {
                    splits.add(new Split(s[0], ByteSource.of(images), ByteSource.of(labels)));
                }
            }
            if (splits.isEmpty()) {
                throw new DataFormatException(folder + ": no train-images-idx3-ubyte[.gz] with its labels file");
            }
            if (folder.toString().toLowerCase(java.util.Locale.ROOT).contains("fashion")) {
                classes = FashionMnist.CLASS_NAMES;
            }
        }
        if (HadoopFiles.exists(out)) {
            throw new DataFormatException(out + ": already exists; the Parquet folder is written new (remove it, or "
                    + "name another with --out)");
        }
        List<Row> rows = new ArrayList<>();
        String imageShape = null;
        for (Split s : splits) {
            IdxReader.ImageBytes im = IdxReader.readImageBytes(s.images());
            String shape = im.shape().height() + "x" + im.shape().width();
            if (imageShape != null && !imageShape.equals(shape)) {
                throw new DataFormatException(s.images().name() + ": images of " + shape + ", the training split's"
                        + " are " + imageShape + "; both splits need one size");
            }
            imageShape = shape;
            int[] labels = IdxReader.readLabels(s.labels());
            if (labels.length != im.count()) {
                throw new DataFormatException(s.labels().name() + ": " + labels.length + " labels for "
                        + im.count() + " images");
            }
            int d = im.shape().pixels();
            for (int i = 0; i < im.count(); i++) {
                rows.add(RowFactory.create(java.util.Arrays.copyOfRange(im.pixels(), i * d, (i + 1) * d), labels[i],
                        s.name()));
            }
        }
        var shape = new org.apache.spark.sql.types.MetadataBuilder().putString(ParquetInput.SHAPE_KEY,
                imageShape).putBoolean(ParquetInput.RAW_KEY, true).build();
        StructType schema = new StructType().add("image", DataTypes.BinaryType, false, shape)
                .add("label", DataTypes.IntegerType).add("split", DataTypes.StringType, false,
                        new org.apache.spark.sql.types.MetadataBuilder().putBoolean(ParquetInput.SPLIT_KEY, true)
                                .build());
        String tmp = out + "._temporary-" + java.util.UUID.randomUUID();
        try {
            spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(rows, partitions), schema).write().parquet(tmp);
            if (classes != null) {
                try (OutputStream o = HadoopFiles.create(HadoopFiles.child(tmp, CLASSES_FILE))) {
                    o.write((String.join("\n", classes) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            HadoopFiles.rename(tmp, out);
        } catch (IOException | RuntimeException e) {
            HadoopFiles.deleteQuietly(tmp);
            throw e;
        }
        return "wrote " + rows.size() + " images of " + splits.size() + " split(s) to " + out
                + " (columns image, label, split)";
    }
}
