package dev.embedscope.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
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
 * name): PNG, JPEG, BMP and GIF, grayscale or RGB. All images must have the size of the first
 * one unless a resize is asked for. Grayscale when every image is grey, else RGB.
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
        List<int[]> argb = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int width = -1;
        int height = -1;
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
                BufferedImage image = load(file);
                if (resize != null) {
                    image = resized(image, resize.width(), resize.height());
                }
                if (width < 0) {
                    width = image.getWidth();
                    height = image.getHeight();
                    first = file;
                } else if (image.getWidth() != width || image.getHeight() != height) {
                    throw DataFormatException.at(file.toString(), "image size", "image is " + image.getWidth()
                            + "×" + image.getHeight() + ", expected " + width + "×" + height
                            + " like " + first.getFileName(),
                            new DataFormatException.Remedy(DataFormatException.Setting.RESIZE, width + "x" + height));
                }
                int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
                colour |= !isGrey(pixels);
                argb.add(pixels);
                labels.add(label);
            }
        }
        if (argb.isEmpty()) {
            throw new DataFormatException(folder + ": no images found (expected one sub-folder per class holding "
                    + "PNG, JPEG, BMP or GIF files)");
        }
        int channels = colour ? 3 : 1;
        int d = width * height * channels;
        INDArray matrix = FloatMatrix.allocate(argb.size(), d);
        FloatMatrix.View view = FloatMatrix.view(matrix);
        float[] row = new float[d];
        int[] labelArray = new int[argb.size()];
        for (int i = 0; i < argb.size(); i++) {
            int[] pixels = argb.get(i);
            for (int p = 0; p < pixels.length; p++) {
                int v = pixels[p];
                if (colour) {
                    row[3 * p] = (v >>> 16) & 0xff;
                    row[3 * p + 1] = (v >>> 8) & 0xff;
                    row[3 * p + 2] = v & 0xff;
                } else {
                    row[p] = v & 0xff;
                }
            }
            view.put((long) i * d, row, 0, d);
            labelArray[i] = labels.get(i);
            argb.set(i, null);
        }
        return new Dataset(folder.getFileName() == null ? folder.toString() : folder.getFileName().toString(), matrix,
                labelArray, classNames, null, new ImageShape(height, width, channels), SourceType.UINT8);
    }

    private static boolean isGrey(int[] pixels) {
        for (int v : pixels) {
            int r = (v >>> 16) & 0xff;
            int g = (v >>> 8) & 0xff;
            int b = v & 0xff;
            if (r != g || g != b) {
                return false;
            }
        }
        return true;
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

    private static BufferedImage resized(BufferedImage image, int w, int h) {
        if (image.getWidth() == w && image.getHeight() == h) {
            return image;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
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
