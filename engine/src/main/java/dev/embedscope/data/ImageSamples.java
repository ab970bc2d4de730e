package dev.embedscope.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.PackedColorModel;
import java.awt.image.Raster;

/**
 * Turns one decoded image into the sample values its file stores, read from the raster and never
 * through a colour conversion: {@code BufferedImage.getRGB} maps the linear grey of a grey PNG to
 * sRGB (a stored 1 reads as 13), which this class exists to avoid.
 *
 * <ul>
 *   <li>grey (1 to 16 bits) and grey+alpha: the grey sample; alpha is dropped;</li>
 *   <li>palette images (PNG, GIF, BMP, 1/2/4-bit grey PNG): each index through its palette;</li>
 *   <li>RGB and RGBA (PNG, JPEG, BMP): the three colour samples; alpha is dropped;</li>
 *   <li>samples of more than 8 bits are mapped to 0–255 by {@code v · 255 / (2^bits − 1)}, kept as
 *       fractions (a 16-bit sample is divided by 257, so 65535 gives 255);</li>
 *   <li>other colour models (CMYK JPEG, premultiplied alpha) are converted to sRGB by Java2D.</li>
 * </ul>
 * An image whose three colour samples are equal at every pixel counts as grey ({@link #grey()}).
 */
public record ImageSamples(int width, int height, int channels, float[] values, String layout) {

    /** The samples of {@code image}: {@code channels} (1 or 3) values per pixel, rows top to bottom. */
    public static ImageSamples of(BufferedImage image) {
        ColorModel model = image.getColorModel();
        if (model instanceof IndexColorModel palette) {
            return throughPalette(image, palette);
        }
        int type = model.getColorSpace().getType();
        boolean plain = (model instanceof ComponentColorModel || model instanceof PackedColorModel)
                && !model.isAlphaPremultiplied()
                && (type == ColorSpace.TYPE_GRAY || type == ColorSpace.TYPE_RGB);
        if (plain) {
            return fromRaster(image, model);
        }
        return converted(image);
    }

    /** True when there is one channel, or the three colour samples are equal at every pixel. */
    public boolean grey() {
        if (channels == 1) {
            return true;
        }
        for (int p = 0; p < width * height; p++) {
            if (values[3 * p] != values[3 * p + 1] || values[3 * p + 1] != values[3 * p + 2]) {
                return false;
            }
        }
        return true;
    }

    /** The same picture with one channel (when grey) or three (grey samples repeated). */
    public float[] asChannels(int wanted) {
        if (wanted == channels) {
            return values;
        }
        int pixels = width * height;
        float[] out = new float[pixels * wanted];
        if (wanted == 1) {
            for (int p = 0; p < pixels; p++) {
                out[p] = values[3 * p];
            }
        } else {
            for (int p = 0; p < pixels; p++) {
                out[3 * p] = values[p];
                out[3 * p + 1] = values[p];
                out[3 * p + 2] = values[p];
            }
        }
        return out;
    }

    private static ImageSamples fromRaster(BufferedImage image, ColorModel model) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int colours = model.getNumColorComponents();
        int bits = model.getComponentSize(0);
        for (int b = 1; b < colours; b++) {
            bits = Math.max(bits, model.getComponentSize(b));
        }
        float[] values = new float[w * h * colours];
        float[] band = new float[w * h];
        for (int b = 0; b < colours; b++) {
            raster.getSamples(0, 0, w, h, b, band);
            float scale = scaleFor(model.getComponentSize(b));
            for (int p = 0; p < band.length; p++) {
                values[colours * p + b] = scale == 1f ? band[p] : band[p] * scale;
            }
        }
        String layout = (colours == 1 ? "grey" : "RGB") + (model.hasAlpha() ? (colours == 1 ? "+alpha" : "A") : "")
                + " " + bits + "-bit";
        return new ImageSamples(w, h, colours, values, layout);
    }

    private static float scaleFor(int bits) {
        return bits == 8 ? 1f : (float) (255.0 / ((1L << bits) - 1));
    }

    private static ImageSamples throughPalette(BufferedImage image, IndexColorModel palette) {
        int w = image.getWidth();
        int h = image.getHeight();
        int size = palette.getMapSize();
        int[] argb = new int[size];
        palette.getRGBs(argb);
        int[] index = image.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
        boolean grey = true;
        for (int i : index) {
            int v = argb[Math.min(i, size - 1)];
            grey &= ((v >>> 16) & 0xff) == (v & 0xff) && ((v >>> 8) & 0xff) == (v & 0xff);
        }
        int channels = grey ? 1 : 3;
        float[] values = new float[w * h * channels];
        for (int p = 0; p < index.length; p++) {
            int v = argb[Math.min(index[p], size - 1)];
            if (grey) {
                values[p] = v & 0xff;
            } else {
                values[3 * p] = (v >>> 16) & 0xff;
                values[3 * p + 1] = (v >>> 8) & 0xff;
                values[3 * p + 2] = v & 0xff;
            }
        }
        return new ImageSamples(w, h, channels, values, "palette of " + size);
    }

    private static ImageSamples converted(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] values = new float[w * h * 3];
        for (int p = 0; p < argb.length; p++) {
            values[3 * p] = (argb[p] >>> 16) & 0xff;
            values[3 * p + 1] = (argb[p] >>> 8) & 0xff;
            values[3 * p + 2] = argb[p] & 0xff;
        }
        String space = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_CMYK ? "CMYK" : "other";
        return new ImageSamples(w, h, 3, values, space + " as sRGB");
    }
}
