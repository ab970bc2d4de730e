package dev.embedscope.spark;

import dev.embedscope.data.DataFormatException;
import dev.embedscope.data.ImageResampler;
import dev.embedscope.data.ImageSamples;
import dev.embedscope.data.ImageShape;
import dev.embedscope.data.ImageSize;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import javax.imageio.ImageIO;

/**
 * Encoded images (PNG, JPEG, BMP, GIF bytes) decoded on an executor into one shape, by the engine's own sample
 * reading ({@link ImageSamples}: values as stored, 16-bit mapped to 0–255, palettes looked up) and resampling
 * ({@link ImageResampler}), as the single-machine image-folder reader does: grey images join colour ones with
 * their sample repeated in three channels; another size is resampled when the shape was given, refused when it
 * came from the first image (one line saying which and how to resize).
 *
 * @param shape the shape every image takes
 * @param given whether the user gave it (--image-shape), so other sizes are resampled
 */
record EncodedImages(ImageShape shape, boolean given) implements Serializable {

    /** The shape of the image in {@code bytes}: its own size, one channel when grey, three otherwise. */
    static ImageShape shapeOf(byte[] bytes, String where) throws DataFormatException {
        ImageSamples s = samples(bytes, where);
        return new ImageShape(s.height(), s.width(), s.grey() ? 1 : 3);
    }

    float[] decode(byte[] bytes, String where) throws DataFormatException {
        ImageSamples s = samples(bytes, where);
        ImageSize own = new ImageSize(s.width(), s.height());
        ImageSize target = new ImageSize(shape.width(), shape.height());
        if (!own.equals(target) && !given) {
            throw DataFormatException.at(where, "image size", "image is " + own.width() + "×" + own.height()
                    + ", expected " + target.width() + "×" + target.height() + " like the first image; resize them "
                    + "all with --image-shape " + target.height() + "x" + target.width()
                    + (shape.channels() == 3 ? "x3" : ""));
        }
        if (!s.grey() && shape.channels() == 1) {
            throw DataFormatException.at(where, "colour", "a colour image among grey ones; read them all in colour "
                    + "with --image-shape " + shape.height() + "x" + shape.width() + "x3");
        }
        // a grey image among colour ones has its sample repeated (resampling treats channels alike)
        return ImageResampler.resize(s.asChannels(shape.channels()), own, target, shape.channels());
    }

    private static ImageSamples samples(byte[] bytes, String where) throws DataFormatException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw DataFormatException.at(where, "image data", "cannot decode the image (" + e.getMessage() + ")");
        }
        if (image == null) {
            throw DataFormatException.at(where, "byte 0", "not a readable PNG, JPEG, BMP or GIF image");
        }
        return ImageSamples.of(image);
    }
}
