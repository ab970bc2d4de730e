package dev.embedscope.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@link Dataset#nativeImages()}.
 */
public final class ImageFolderReader {

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
        List<Path> classes = classFolders(folder);
        List<String> classNames = new ArrayList<>();
        List<float[]> samples = new ArrayList<>();
        List<Boolean> threeChannels = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        NativeImages.Tally tally = new NativeImages.Tally();
        ImageSize size = null;
        boolean colour = false;
        Path first = null;
        for (Path classFolder : classes) {
            List<Path> images = imagesIn(classFolder);
            if (images.isEmpty()) {
                continue;
            }
            int label = classNames.size();
            classNames.add(classFolder.getFileName().toString());
            for (Path file : images) {
                ImageSamples image = ImageSamples.of(load(file));
                tally.add(image.width(), image.height(), image.layout());
                ImageSize own = new ImageSize(image.width(), image.height());
                ImageSize target = resize != null ? resize : own;
                if (size == null) {
                    size = target;
                    first = file;
                } else if (!target.equals(size)) {
                    throw DataFormatException.at(file.toString(), "image size", "image is " + own.width() + "×"
                            + own.height() + ", expected " + size.width() + "×" + size.height() + " like "
                            + first.getFileName(), new DataFormatException.Remedy(DataFormatException.Setting.RESIZE,
                            size.width() + "x" + size.height()));
                }
                boolean grey = image.grey();
                int channels = grey ? 1 : 3;
                colour |= !grey;
                samples.add(ImageResampler.resize(image.asChannels(channels), own, target, channels));
                threeChannels.add(!grey);
                labels.add(label);
            }
        }
        if (samples.isEmpty()) {
            throw new DataFormatException(folder + ": no images found (expected one sub-folder per class holding "
                    + "PNG, JPEG, BMP or GIF files)");
        }
        int channels = colour ? 3 : 1;
        int pixels = size.width() * size.height();
        int d = pixels * channels;
        INDArray matrix = FloatMatrix.allocate(samples.size(), d);
        FloatMatrix.View view = FloatMatrix.view(matrix);
        float[] row = new float[d];
        int[] labelArray = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            float[] values = samples.get(i);
            if (colour && !threeChannels.get(i)) {
                for (int p = 0; p < pixels; p++) {
                    row[3 * p] = values[p];
                    row[3 * p + 1] = values[p];
                    row[3 * p + 2] = values[p];
                }
                values = row;
            }
            view.put((long) i * d, values, 0, d);
            labelArray[i] = labels.get(i);
            samples.set(i, null);
        }
        String name = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
        return new Dataset(name, matrix, labelArray, classNames, null,
                new ImageShape(size.height(), size.width(), channels), SourceType.UINT8, tally.done());
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
