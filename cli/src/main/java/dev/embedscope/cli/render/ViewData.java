package dev.embedscope.cli.render;

import dev.embedscope.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the interactive view of an embedding shows, one entry per point: its 2-D position, class, split, row id
 * within its split, an optional score (audit's label-noise score), its thumbnail and, for tables, its row of the
 * table. Made with {@link #builder(String, float[])}.
 *
 * @param title      the heading
 * @param xy         positions, x then y per point (N×2)
 * @param labels     class per point, or null
 * @param classNames the class names
 * @param split      split per point (index into splitNames), or null for one split
 * @param splitNames the splits' names (one or two)
 * @param rows       each point's row within its split
 * @param scores     a score in [0, 1] per point, or null
 * @param scoreName  what the score is
 * @param atlas      the thumbnails, or null
 * @param table      the table rows, in point order, or null
 * @param notes      lines the page shows as they are (sampling, what was left out)
 * @param mode       the colouring the page opens with: class, split or score
 */
public record ViewData(String title, float[] xy, int[] labels, List<String> classNames, byte[] split,
                       List<String> splitNames, int[] rows, float[] scores, String scoreName, SpriteAtlas atlas,
                       Table table, List<String> notes, String mode) {

    public ViewData {
        Objects.requireNonNull(xy, "xy");
        int n = xy.length / 2;
        check(labels == null || labels.length == n, "labels");
        check(split == null || split.length == n, "split");
        check(rows.length == n, "rows");
        check(scores == null || scores.length == n, "scores");
        check(atlas == null || atlas.tileOf().length == n, "thumbnails");
        check(table == null || table.rows() == n, "table rows");
        classNames = List.copyOf(classNames);
        splitNames = List.copyOf(splitNames);
        notes = List.copyOf(notes);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("the view's " + what + " do not match its points");
        }
    }

    public int n() {
        return xy.length / 2;
    }

    /** A view of {@code xy} (N×2, x then y) titled {@code title}: one split, rows 0..N-1, no labels yet. */
    public static Builder builder(String title, float[] xy) {
        return new Builder(title, xy);
    }

    /** Named construction of a {@link ViewData}. */
    public static final class Builder {
        private final String title;
        private final float[] xy;
        private int[] labels;
        private List<String> classNames = List.of();
        private byte[] split;
        private List<String> splitNames = List.of("train");
        private int[] rows;
        private float[] scores;
        private String scoreName;
        private SpriteAtlas atlas;
        private Table table;
        private final List<String> notes = new ArrayList<>();
        private String mode = "class";

        private Builder(String title, float[] xy) {
            this.title = title;
            this.xy = xy;
            rows = new int[xy.length / 2];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
        }

        public Builder labels(int[] perPoint, List<String> names) {
            this.labels = perPoint;
            this.classNames = perPoint == null ? List.of() : names;
            return this;
        }

        /** The split of each point (0 or 1) and the splits' names. */
        public Builder splits(byte[] perPoint, List<String> names) {
            this.split = perPoint;
            this.splitNames = names;
            return this;
        }

        /** The name of the one split every point is in. */
        public Builder splitName(String name) {
            this.splitNames = List.of(name);
            return this;
        }

        public Builder rows(int[] rowWithinSplit) {
            this.rows = rowWithinSplit;
            return this;
        }

        public Builder scores(float[] perPoint, String name) {
            this.scores = perPoint;
            this.scoreName = name;
            return this;
        }

        public Builder atlas(SpriteAtlas thumbnails) {
            this.atlas = thumbnails;
            return this;
        }

        public Builder table(Table rowsInPointOrder) {
            this.table = rowsInPointOrder;
            return this;
        }

        public Builder note(String line) {
            notes.add(line);
            return this;
        }

        /** class, split or score. */
        public Builder mode(String colouring) {
            this.mode = colouring;
            return this;
        }

        public ViewData build() {
            return new ViewData(title, xy, labels, classNames, split, splitNames, rows, scores, scoreName, atlas,
                    table, notes, mode);
        }
    }
}
