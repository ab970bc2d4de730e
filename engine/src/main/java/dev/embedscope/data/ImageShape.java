package dev.embedscope.data;

/**
 * The height, width and channel count of image rows; a row stores pixels in H×W×C order
 * (channels last, as numpy and the IDX files do).
 */
public record ImageShape(int height, int width, int channels) {

    public ImageShape {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image shape must be positive: " + height
                    + "x" + width + "x" + channels);
        }
    }

    public int pixels() {
        return height * width * channels;
    }

    @Override
    public String toString() {
        return channels == 1 ? height + "×" + width : height + "×" + width + "×" + channels;
    }
}
