package dev.embedscope.cli.commands;

import dev.embedscope.cli.render.About;
import dev.embedscope.cli.render.SpriteAtlas;
import dev.embedscope.cli.render.ViewData;
import dev.embedscope.cli.render.ViewPage;
import dev.embedscope.data.Dataset;
import dev.embedscope.io.AtomicOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes the interactive view of an embedding from the rows it embedded, for {@code view}, {@code embed --view},
 * {@code compare --view} and the report: positions, labels, splits and row ids, thumbnails of image rows within a
 * byte budget, the table rows of a table, and what made it.
 */
final class Views {

    /** Bytes of PNG thumbnails a view holds before it samples them (the 70,000 Fashion-MNIST images take 27 MB). */
    static final long THUMBNAIL_BUDGET = 27L << 20;

    private Views() {
    }

    /**
     * The embedded points' data.
     *
     * @param rows       the rows as read (not scaled), in point order
     * @param rowIds     each point's row within its split
     * @param split      each point's split (0 or 1), or null when all are in one
     * @param splitNames the splits' names
     */
    record Points(Dataset rows, int[] rowIds, byte[] split, List<String> splitNames) {

        /** All rows of one split, in order. */
        static Points of(Dataset rows, String splitName) {
            int[] ids = new int[rows.rows()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i;
            }
            return new Points(rows, ids, null, List.of(splitName));
        }

        /**
         * The rows {@code picked} (null: all) of {@code rows}, whose first {@code firstSplitRows} rows are the first
         * split's and the rest the second's (when {@code names} has two).
         */
        static Points picked(Dataset rows, int[] picked, int firstSplitRows, List<String> names) {
            int n = picked == null ? rows.rows() : picked.length;
            int[] ids = new int[n];
            byte[] split = names.size() > 1 ? new byte[n] : null;
            for (int i = 0; i < n; i++) {
                int r = picked == null ? i : picked[i];
                boolean second = names.size() > 1 && r >= firstSplitRows;
                ids[i] = second ? r - firstSplitRows : r;
                if (split != null) {
                    split[i] = (byte) (second ? 1 : 0);
                }
            }
            return new Points(picked == null ? rows : rows.subset(picked), ids, split, names);
        }
    }

    /** The view's data: title, the first two coordinates of {@code y} (N×dims), and the points' data. */
    static ViewData.Builder builder(String title, double[] y, int dims, Points p, long budget, long seed)
            throws IOException {
        int n = y.length / dims;
        if (n != p.rows().rows()) {
            throw new IllegalStateException(n + " points for " + p.rows().rows() + " rows");
        }
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = (float) y[dims * i];
            xy[2 * i + 1] = (float) y[dims * i + 1];
        }
        ViewData.Builder b = ViewData.builder(title, xy).rows(p.rowIds());
        if (p.split() != null) {
            b.splits(p.split(), p.splitNames());
        } else {
            b.splitName(p.splitNames().get(0));
        }
        Dataset d = p.rows();
        if (d.hasLabels()) {
            b.labels(d.labels(), d.classNames());
        }
        if (d.isImage()) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            b.atlas(SpriteAtlas.of(d, all, budget, seed));
        }
        if (d.tabular() != null) {
            b.table(d.tabular().table());
        }
        if (dims == 3) {
            b.note("The embedding has three dimensions; the view shows the first two.");
        }
        return b;
    }

    /** Writes the page all or nothing. */
    static void write(Path file, ViewData d) throws IOException {
        byte[] html = ViewPage.page(d).getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(file, o -> o.write(html));
    }

    /** The note saying what made the view. */
    static String about(List<String> args) {
        return About.of(args).line();
    }
}
