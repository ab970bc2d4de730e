package dev.embedscope.compare;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.NativeImages;
import java.util.Set;
import java.util.TreeSet;

/**
 * The native sizes and sample layouts of the image files of two splits, before any resize, and whether
 * they differ: a model trained on small images and served large ones (or grey and served colour) sees
 * other pixels than it learnt from, even when both were resized to one shape for comparison.
 *
 * @param train the training split's files, e.g. {@code 28×28 grey 8-bit (900)}
 * @param test the test split's files
 * @param shifted true when the sets of native sizes or layouts differ
 */
public record ResolutionShift(String train, String test, boolean shifted) {

    /** The shift between two image-folder splits; null when either split was not read from image files. */
    public static ResolutionShift of(Dataset train, Dataset test) {
        NativeImages a = train.nativeImages();
        NativeImages b = test.nativeImages();
        if (a == null || b == null) {
            return null;
        }
        boolean shifted = !a.sizes().equals(b.sizes()) || !layouts(a).equals(layouts(b));
        return new ResolutionShift(a.describe(), b.describe(), shifted);
    }

    private static Set<String> layouts(NativeImages images) {
        Set<String> out = new TreeSet<>();
        for (NativeImages.Group g : images.groups()) {
            out.add(g.layout());
        }
        return out;
    }
}
