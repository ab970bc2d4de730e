package dev.embedscope.data;

/**
 * The height, width and channel count of image rows; a row stores pixels in H×W×C order
 * (channels last, as numpy and the IDX files do).
 */
public record ImageShape(int height, int width, int channels) implements java.io.Serializable {

    public ImageShape {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image shape must be positive: " + height
                    + "x" + width + "x" + channels);
        }
    }

    /** The name of feature {@code j} of a flattened image: {@code pixel (r,c)}, with its channel in colour. */
    public String featureName(int j) {
        int c = j % channels;
        int pixel = j / channels;
        String rc = (pixel / width) + "," + (pixel % width);
        return channels == 1 ? "pixel (" + rc + ")" : "pixel (" + rc + ") channel " + c;
    }

    public int pixels() {
        return height * width * channels;
    }

    @Override
    public String toString() {
        return channels == 1 ? height + "×" + width : height + "×" + width + "×" + channels;
    }
}
