package dev.embedscope.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.embedscope.util.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a folder of images with one sub-folder per class (the sub-folder's name is the class
 * name): PNG, JPEG, BMP and GIF. Pixels are the stored sample values ({@link ImageSamples}: grey
 * read as stored, palettes looked up, 16-bit mapped to 0–255, alpha dropped), never converted
 * through sRGB. All images must have the size of the first one unless a resize is asked for
 * ({@link ImageResampler}). One channel when every image is grey, else three (R, G, B; a grey
 * image among colour ones repeats its grey in each). The native sizes and layouts are kept in
 * {@link Dataset#nativeImages()}. Files are decoded (and resampled) in parallel chunks on every core,
 * then checked and stored in file order, so the data and the first error named do not depend on the
 * thread count.
 */
public final class ImageFolderReader {

    /** Files decoded in parallel before they are checked and stored in order. */
    private static final int CHUNK = 1024;
    private static final int FILES_PER_TASK = 16;
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private ImageFolderReader() {
    }

    /** True when the folder holds at least one sub-folder that holds an image. */
    public static boolean looksLikeImageFolder(Path folder) throws IOException {
        for (Path sub : classFolders(folder)) {
            if (!imagesIn(sub).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    public static Dataset read(Path folder, ImageSize resize) throws IOException {
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<int[]> classRanges = new ArrayList<>();
        for (Path classFolder : classFolders(folder)) {
            List<Path> images = imagesIn(classFolder);
            if (!images.isEmpty()) {
                classNames.add(classFolder.getFileName().toString());
                classRanges.add(new int[] {files.size(), files.size() + images.size()});
                files.addAll(images);
            }
        }
        if (files.isEmpty()) {
            throw new DataFormatException(folder + ": no images found (expected one sub-folder per class holding "
                    + "PNG, JPEG, BMP or GIF files)");
        }
        int n = files.size();
        int[] labelArray = new int[n];
        for (int c = 0; c < classRanges.size(); c++) {
            Arrays.fill(labelArray, classRanges.get(c)[0], classRanges.get(c)[1], c);
        }
        float[][] samples = new float[n][];
        boolean[] threeChannels = new boolean[n];
        NativeImages.Tally tally = new NativeImages.Tally();
        ImageSize size = null;
        boolean colour = false;
        Path first = null;
        Decoded[] chunk = new Decoded[CHUNK];
        try (Parallel parallel = new Parallel(Runtime.getRuntime().availableProcessors())) {
            for (int c0 = 0; c0 < n; c0 += CHUNK) {
                int base = c0;
                int count = Math.min(CHUNK, n - c0);
                parallel.forBlocks(count, FILES_PER_TASK, (block, from, to) -> {
                    for (int i = from; i < to; i++) {
                        chunk[i] = Decoded.of(files.get(base + i), resize);
                    }
                });
                // checked in file order, so the error named is the first file's, whatever the thread count
                for (int i = 0; i < count; i++) {
                    Decoded image = chunk[i];
                    chunk[i] = null;
                    Path file = files.get(base + i);
                    if (image.error() != null) {
                        throw image.error();
                    }
                    tally.add(image.own().width(), image.own().height(), image.layout());
                    ImageSize target = resize != null ? resize : image.own();
                    if (size == null) {
                        size = target;
                        first = file;
                    } else if (!target.equals(size)) {
                        ImageSize own = image.own();
                        throw DataFormatException.at(file.toString(), "image size", "image is " + own.width() + "×"
                                + own.height() + ", expected " + size.width() + "×" + size.height() + " like "
                                + first.getFileName(), new DataFormatException.Remedy(
                                        DataFormatException.Setting.RESIZE, size.width() + "x" + size.height()));
                    }
                    colour |= !image.grey();
                    samples[base + i] = image.values();
                    threeChannels[base + i] = !image.grey();
                }
            }
        }
        int channels = colour ? 3 : 1;
        int pixels = size.width() * size.height();
        int d = pixels * channels;
        INDArray matrix = FloatMatrix.allocate(n, d);
        FloatMatrix.View view = FloatMatrix.view(matrix);
        float[] row = new float[d];
        for (int i = 0; i < n; i++) {
            float[] values = samples[i];
            if (colour && !threeChannels[i]) {
                for (int p = 0; p < pixels; p++) {
                    row[3 * p] = values[p];
                    row[3 * p + 1] = values[p];
                    row[3 * p + 2] = values[p];
                }
                values = row;
            }
            view.put((long) i * d, values, 0, d);
            samples[i] = null;
        }
        String name = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
        return new Dataset(name, matrix, labelArray, classNames, null,
                new ImageShape(size.height(), size.width(), channels), SourceType.UINT8, tally.done());
    }

    /**
     * One file decoded on a worker: its samples in its own channels, resampled when a size is asked for,
     * or the error that stopped it.
     */
    private record Decoded(float[] values, ImageSize own, boolean grey, String layout, IOException error) {

        static Decoded of(Path file, ImageSize resize) {
            try {
                ImageSamples image = ImageSamples.of(load(file));
                ImageSize own = new ImageSize(image.width(), image.height());
                int channels = image.grey() ? 1 : 3;
                float[] values = ImageResampler.resize(image.asChannels(channels), own,
                        resize != null ? resize : own, channels);
                return new Decoded(values, own, image.grey(), image.layout(), null);
            } catch (IOException e) {
                return new Decoded(null, null, false, null, e);
            }
        }
    }

    private static BufferedImage load(Path file) throws IOException {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            throw DataFormatException.at(file.toString(), "image data", "cannot decode the image (" + e.getMessage()
                    + ")");
        }
        if (image == null) {
            throw DataFormatException.at(file.toString(), "byte 0", "not a readable PNG, JPEG, BMP or GIF image");
        }
        return image;
    }

    static List<Path> classFolders(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        }
    }

    private static List<Path> imagesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return EXTENSIONS.stream().anyMatch(n::endsWith);
            }).sorted().toList();
        }
    }
}
