package dev.embedscope.spark;

import java.io.Serializable;

/**
 * Up to {@link #ROWS} consecutive rows of one split, as Spark partitions hand them to the jobs: row-major
 * float32 values, each row's class index (null when the input has no labels) and its row number within its
 * split (the order the input lists them in; −1 where the job needs no numbers), so that duplicates and
 * projections name the same rows as the single-machine commands. {@code split} indexes the source's split
 * names, {@code splitName} is the name itself (all that statistics need, before the names are known).
 */
public record RowBlock(int split, String splitName, int rows, int cols, float[] values, int[] labels, long[] ids)
        implements Serializable {

    /** Rows per block: large enough for tight loops, small enough to keep a partition's memory flat. */
    public static final int ROWS = 512;

    public RowBlock {
        if (values.length < rows * cols || ids.length < rows || labels != null && labels.length < rows) {
            throw new IllegalArgumentException("a block of " + rows + " rows needs " + rows * cols + " values");
        }
    }
}
