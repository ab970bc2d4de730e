package dev.embedscope.spark;

import dev.embedscope.data.ImageShape;
import dev.embedscope.data.SourceType;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * An input opened on the cluster: its rows as blocks (not yet read: every job reads them again), and what the
 * driver knows before reading them: feature count and names, split names (in order, train first; empty where
 * the rows name their splits as they are read), class names (empty while labels are numbered: the statistics
 * find how many), whether it holds labels, the image shape (null for other rows), and the element type its
 * values had; {@code positional}: the blocks' ids are positions, for {@link RowNumbers}.
 */
public record Source(String name, JavaRDD<RowBlock> blocks, int columns, List<String> featureNames,
                     List<String> splits, List<String> classNames, boolean labelled, ImageShape imageShape,
                     SourceType type, boolean positional) {

    /** Whether the rows are images (of {@link #imageShape()}). */
    public boolean image() {
        return imageShape != null;
    }

    public int split(String splitName) {
        return splits.indexOf(splitName);
    }
}
