package dev.embedscope.spark;

import dev.embedscope.data.ImageShape;
import java.io.Serializable;
import java.util.List;

/**
 * What to read and how: the input (Parquet file or folder, NPY shards folder), the column holding images as
 * an array of numbers (or none: every other numeric column is a feature), the label and split columns, the
 * image shape of a flattened image column, and class names in label order (null: numbered, or the sorted
 * text labels).
 */
public record InputSpec(String path, String imageColumn, String labelColumn, String splitColumn,
                        ImageShape imageShape, List<String> classNames) implements Serializable {

    public static InputSpec of(String path) {
        return new InputSpec(path, null, "label", null, null, null);
    }

    public InputSpec withImageColumn(String column, ImageShape shape) {
        return new InputSpec(path, column, labelColumn, splitColumn, shape, classNames);
    }

    public InputSpec withLabelColumn(String column) {
        return new InputSpec(path, imageColumn, column, splitColumn, imageShape, classNames);
    }

    public InputSpec withSplitColumn(String column) {
        return new InputSpec(path, imageColumn, labelColumn, column, imageShape, classNames);
    }

    public InputSpec withClassNames(List<String> names) {
        return new InputSpec(path, imageColumn, labelColumn, splitColumn, imageShape,
                names == null ? null : List.copyOf(names));
    }
}
