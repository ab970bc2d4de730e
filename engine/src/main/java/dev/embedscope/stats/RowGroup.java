package dev.embedscope.stats;

/**
 * One group of identical rows of a split: their row numbers (ascending) and, when the split is labelled,
 * each row's class index (null otherwise).
 */
public record RowGroup(long[] rows, int[] labels) {

    public RowGroup {
        if (labels != null && labels.length != rows.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + rows.length + " rows");
        }
    }

    /** The groups {@link DuplicateRows#groups} found in a dataset, with the rows' labels. */
    public static java.util.List<RowGroup> of(java.util.List<int[]> groups, int[] labels) {
        java.util.List<RowGroup> out = new java.util.ArrayList<>(groups.size());
        for (int[] g : groups) {
            long[] rows = new long[g.length];
            int[] l = labels == null ? null : new int[g.length];
            for (int i = 0; i < g.length; i++) {
                rows[i] = g[i];
                if (l != null) {
                    l[i] = labels[g[i]];
                }
            }
            out.add(new RowGroup(rows, l));
        }
        return out;
    }

    public int size() {
        return rows.length;
    }
}
