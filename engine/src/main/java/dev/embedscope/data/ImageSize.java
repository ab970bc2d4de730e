package dev.embedscope.data;

import java.util.Locale;

/** A target image size for resizing, written {@code WxH} on the command line. */
public record ImageSize(int width, int height) {

    public ImageSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
    }

    /** Parses {@code WxH}, e.g. {@code 28x28}. */
    public static ImageSize parse(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("[x×]");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a size (expected WxH, e.g. 28x28)");
        }
        try {
            return new ImageSize(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size (expected WxH, e.g. 28x28)");
        }
    }
}
