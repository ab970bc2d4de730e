package dev.embedscope.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a data argument into {@link Splits}: {@code sample} (the embedded Fashion-MNIST subset),
 * {@code fashion-mnist} (Debian's package), a folder of the four standard IDX files, a folder of
 * class sub-folders (optionally under {@code train/} and {@code test/}), or one file recognised by
 * its content: IDX images, NPY, or CSV/TSV text.
 */
public final class DataLoader {

    /** The data argument naming the embedded sample. */
    public static final String SAMPLE = "sample";
    /** The data argument naming Debian's Fashion-MNIST package. */
    public static final String FASHION_MNIST = "fashion-mnist";

    private DataLoader() {
    }

    public static Splits load(String argument, LoadOptions options) throws IOException {
        Splits splits;
        boolean fashion;
        if (argument.equals(SAMPLE)) {
            splits = FashionMnist.sample();
            fashion = true;
        } else if (argument.equals(FASHION_MNIST)) {
            if (!Files.isDirectory(FashionMnist.DEBIAN_DIR)) {
                throw new DataFormatException("fashion-mnist: " + FashionMnist.DEBIAN_DIR
                        + " is missing; install it with: sudo apt-get install dataset-fashion-mnist");
            }
            splits = loadPath(FashionMnist.DEBIAN_DIR, options);
            fashion = true;
        } else {
            Path path = Path.of(argument);
            if (!Files.exists(path)) {
                throw new DataFormatException(argument + ": no such file or folder");
            }
            splits = loadPath(path, options);
            fashion = argument.toLowerCase(Locale.ROOT).contains("fashion");
        }
        return ClassNaming.apply(splits, options.classNames(), fashion);
    }

    private static Splits loadPath(Path path, LoadOptions options) throws IOException {
        if (Files.isDirectory(path)) {
            return loadFolder(path, options);
        }
        return Splits.of(loadFile(path, options));
    }

    private static Splits loadFolder(Path folder, LoadOptions options) throws IOException {
        Path trainImages = findIdx(folder, "train-images-idx3-ubyte");
        Path testImages = findIdx(folder, "t10k-images-idx3-ubyte");
        if (trainImages != null || testImages != null) {
            Dataset train = trainImages == null ? null : loadIdx(trainImages, null).named("train");
            Dataset test = testImages == null ? null : loadIdx(testImages, null).named("test");
            return train == null ? Splits.of(test) : new Splits(train, test);
        }
        Path trainDir = folder.resolve("train");
        Path testDir = folder.resolve("test");
        if (Files.isDirectory(trainDir) && ImageFolderReader.looksLikeImageFolder(trainDir)) {
            Dataset train = ImageFolderReader.read(trainDir, options.resize()).named("train");
            Dataset test = Files.isDirectory(testDir) && ImageFolderReader.looksLikeImageFolder(testDir)
                    ? ImageFolderReader.read(testDir, options.resize() != null ? options.resize()
                    : new ImageSize(train.imageShape().width(), train.imageShape().height())).named("test")
                    : null;
            return new Splits(train, test == null ? null : ClassNaming.alignFolderClasses(train, test));
        }
        if (NpyShards.looksLikeShards(trainDir)) {
            Dataset train = NpyShards.read(trainDir, "train");
            Dataset test = NpyShards.looksLikeShards(testDir) ? NpyShards.read(testDir, "test") : null;
            return new Splits(train, test);
        }
        if (NpyShards.looksLikeShards(folder)) {
            return Splits.of(NpyShards.read(folder, folder.getFileName().toString()));
        }
        if (ImageFolderReader.looksLikeImageFolder(folder)) {
            return Splits.of(ImageFolderReader.read(folder, options.resize()));
        }
        throw new DataFormatException(folder + ": folder holds neither the IDX files (train-images-idx3-ubyte, "
                + "t10k-images-idx3-ubyte, ...), nor NPY shards (part-00000.npy, ...), nor one sub-folder of "
                + "images per class");
    }

    /** The IDX file {@code base} in a folder, gzip'ed or not (or with the dotted name), or null. */
    public static Path findIdx(Path folder, String base) {
        for (String candidate : new String[] {base + ".gz", base, base.replace("-idx3-ubyte", ".idx3-ubyte")}) {
            Path p = folder.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Reads one file, recognised by content. */
    public static Dataset loadFile(Path file, LoadOptions options) throws IOException {
        ByteSource source = ByteSource.of(file);
        byte[] head;
        try (InputStream in = source.open()) {
            head = in.readNBytes(8);
        }
        if (head.length >= 4) {
            int magic = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8)
                    | (head[3] & 0xff);
            if (magic == IdxReader.IMAGES_MAGIC) {
                return loadIdx(file, options.labels());
            }
            if (magic == IdxReader.LABELS_MAGIC) {
                throw DataFormatException.at(file.toString(), "byte 0",
                        "this is an IDX labels file; point at the images file"
                        + " (its labels are found by name)",
                                new DataFormatException.Remedy(DataFormatException.Setting.LABELS_FILE,
                        file.toString()));
            }
            if ((magic & 0xffff0000) == 0 && (magic & 0xff00) == 0x0800) {
                throw DataFormatException.at(file.toString(), "byte 0", String.format(
                        "IDX magic 0x%08x is not an unsigned-byte image file (expected 0x%08x)", magic,
                                IdxReader.IMAGES_MAGIC));
            }
            if ((magic & 0xffff0000) == 0) {
                throw DataFormatException.at(file.toString(), "byte 0", FileSignature.describe(head));
            }
        }
        if (NpyReader.looksLikeNpy(head)) {
            NpyReader.Features f = NpyReader.readFeatures(source);
            int[] labels = options.labels() == null ? null : readLabels(options.labels(), f.matrix().rows(), file);
            return new Dataset(CsvReader.stripExtension(file.getFileName().toString()), f.matrix(), labels,
                    ClassNaming.numbered(labels), null, f.imageShape(), f.type());
        }
        boolean utf32 = head.length >= 4 && (head[2] == 0 && head[3] == 0 && (head[0] & 0xff) == 0xFF
                || head[0] == 0 && head[1] == 0 && (head[2] & 0xff) == 0xFE);
        boolean utf16 = !utf32 && (head.length >= 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE
                || (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) || FileSignature.utf16WithoutMark(head));
        if (!utf16 && options.csv().encoding() == null && looksBinary(head)) {
            throw DataFormatException.at(file.toString(), "byte 0", FileSignature.describe(head));
        }
        if (options.labels() != null) {
            throw new DataFormatException(file
                    + ": a separate labels file goes with IDX and NPY data; a table names its label"
                    + " column", new DataFormatException.Remedy(DataFormatException.Setting.LABEL_COLUMN, null));
        }
        return CsvReader.read(source, options.csv());
    }

    private static Dataset loadIdx(Path images, Path labelsFile) throws IOException {
        IdxReader.Images im = IdxReader.readImages(ByteSource.of(images));
        Path labelsPath = labelsFile != null ? labelsFile : companionLabels(images);
        int[] labels = labelsPath == null ? null : readLabels(labelsPath, im.pixels().rows(), images);
        return new Dataset(CsvReader.stripExtension(images.getFileName().toString()), im.pixels(), labels,
                ClassNaming.numbered(labels), null, im.shape(), SourceType.UINT8);
    }

    /** The labels file that belongs to an IDX images file by the standard names, or null. */
    static Path companionLabels(Path images) {
        String name = images.getFileName().toString();
        List<String> candidates = new ArrayList<>();
        String swapped = name.replace("images-idx3", "labels-idx1").replace("images.idx3", "labels.idx1");
        if (!swapped.equals(name)) {
            candidates.add(swapped);
            candidates.add(swapped.endsWith(".gz") ? swapped.substring(0, swapped.length() - 3) : swapped + ".gz");
        }
        for (String c : candidates) {
            Path p = images.resolveSibling(c);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The labels of streamed rows and their class names; {@code values} null when the rows have none. */
    public record StreamedLabels(int[] values, List<String> classNames) {
    }

    /**
     * The labels of the rows of {@code file} when they are streamed, not loaded: the options' labels file or an
     * IDX images file's companion, checked to hold one label per row, named as {@link #load} names them.
     */
    public static StreamedLabels labelsOf(Path file, long rows, LoadOptions options) throws IOException {
        Path labelsPath = options.labels() != null ? options.labels()
                : IdxReader.peekMagic(ByteSource.of(file)) == IdxReader.IMAGES_MAGIC ? companionLabels(file) : null;
        if (labelsPath == null) {
            return new StreamedLabels(null, List.of());
        }
        int[] labels = readLabels(labelsPath, rows, file);
        int classes = ClassNaming.numbered(labels).size();
        boolean fashion = file.toString().toLowerCase(Locale.ROOT).contains("fashion");
        return new StreamedLabels(labels, ClassNaming.names(classes, true, options.classNames(), fashion));
    }

    private static int[] readLabels(Path labelsFile, long rows, Path featuresFile) throws IOException {
        ByteSource source = ByteSource.of(labelsFile);
        int magic;
        try (DataInputStream in = new DataInputStream(source.open())) {
            byte[] head = in.readNBytes(6);
            if (NpyReader.looksLikeNpy(head)) {
                magic = -1;
            } else if (head.length >= 4) {
                magic = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8)
                        | (head[3] & 0xff);
            } else {
                throw DataFormatException.at(labelsFile.toString(), "byte 0", "too short for IDX or NPY labels");
            }
        }
        int[] labels = magic == -1 ? NpyReader.readLabels(source) : IdxReader.readLabels(source);
        if (labels.length != rows) {
            throw DataFormatException.at(labelsFile.toString(), "label count", labels.length + " labels for " + rows
                    + " rows in " + featuresFile.getFileName() + " (expected one label per row)");
        }
        return labels;
    }

    private static boolean looksBinary(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return !new String(head, StandardCharsets.UTF_8).chars().allMatch(c -> c >= 9 || c == 0xfffd);
    }
}
