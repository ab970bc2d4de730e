package dev.embedscope.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the image files of a folder were before any resize: how many images had each native size and
 * sample layout (e.g. 12,000 of {@code 28×28 grey 8-bit}). Lets {@code inspect} say what a resize
 * changed and {@code compare} see a resolution shift between train and test.
 */
public record NativeImages(List<Group> groups) {

    /** {@code count} images of {@code width}×{@code height} stored as {@code layout}. */
    public record Group(int width, int height, String layout, int count) {

        public String size() {
            return width + "×" + height;
        }
    }

    public NativeImages {
        groups = List.copyOf(groups);
    }

    /** Counts images one at a time. */
    public static final class Tally {
        private final Map<String, int[]> counts = new TreeMap<>();
        private final Map<String, Group> keys = new TreeMap<>();

        public void add(int width, int height, String layout) {
            String key = width + "x" + height + " " + layout;
            keys.putIfAbsent(key, new Group(width, height, layout, 0));
            counts.computeIfAbsent(key, k -> new int[1])[0]++;
        }

        public NativeImages done() {
            List<Group> out = new ArrayList<>();
            for (Map.Entry<String, Group> e : keys.entrySet()) {
                Group g = e.getValue();
                out.add(new Group(g.width(), g.height(), g.layout(), counts.get(e.getKey())[0]));
            }
            out.sort(Comparator.comparingInt(Group::count).reversed());
            return new NativeImages(out);
        }
    }

    /** The distinct native sizes, e.g. {@code [28×28, 56×56]}. */
    public List<String> sizes() {
        TreeSet<String> sizes = new TreeSet<>();
        for (Group g : groups) {
            sizes.add(g.size());
        }
        return List.copyOf(sizes);
    }

    /** Total images. */
    public int images() {
        int n = 0;
        for (Group g : groups) {
            n += g.count();
        }
        return n;
    }

    /** E.g. {@code 28×28 grey 8-bit (900), 56×56 RGB 8-bit (100)}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Group g : groups) {
            parts.add(g.size() + " " + g.layout() + " (" + g.count() + ")");
        }
        return String.join(", ", parts);
    }
}
