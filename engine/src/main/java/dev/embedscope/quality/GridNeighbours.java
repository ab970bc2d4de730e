package dev.embedscope.quality;

import dev.embedscope.util.Parallel;

/**
 * The exact k nearest neighbours of every point of a 2-D embedding, by a uniform grid of about two points per
 * cell searched in rings of cells until no unseen cell can hold a nearer point: O(N·k) for spread layouts, where
 * brute force is O(N²). The same neighbours, in the same order (nearest first, ties to the lower index), as
 * {@link EmbeddingQuality#nearest} over all points, which a test holds it to.
 */
final class GridNeighbours {

    private static final int POINTS_PER_TASK = 1024;

    private GridNeighbours() {
    }

    /** Row i of the result: the k neighbours of point i (k ≤ n − 1), nearest first. */
    static int[] of(double[] y, int n, int k, Parallel parallel) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x0 = Math.min(x0, y[2 * i]);
            x1 = Math.max(x1, y[2 * i]);
            y0 = Math.min(y0, y[2 * i + 1]);
            y1 = Math.max(y1, y[2 * i + 1]);
        }
        int g = Math.max(1, (int) Math.ceil(Math.sqrt(n / 2.0)));
        double cell = Math.max(Math.max(x1 - x0, y1 - y0) / g, 1e-300);
        Grid grid = new Grid(x0, y0, cell, g, new int[g * g + 1], new int[n]);
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            cellOf[i] = grid.cellY(y[2 * i + 1]) * g + grid.cellX(y[2 * i]);
            grid.start[cellOf[i] + 1]++;
        }
        for (int c = 0; c < g * g; c++) {
            grid.start[c + 1] += grid.start[c];
        }
        int[] fill = new int[g * g];
        System.arraycopy(grid.start, 0, fill, 0, g * g);
        for (int i = 0; i < n; i++) {
            grid.items[fill[cellOf[i]]++] = i;
        }
        int[] out = new int[n * k];
        parallel.forBlocks(n, POINTS_PER_TASK, (block, from, to) -> {
            double[] best = new double[k];
            int[] idx = new int[k];
            for (int i = from; i < to; i++) {
                search(y, grid, i, k, best, idx);
                System.arraycopy(idx, 0, out, i * k, k);
            }
        });
        return out;
    }

    /** The grid: origin, cell side, cells per side, cell starts and the points sorted by cell. */
    private record Grid(double x0, double y0, double cell, int g, int[] start, int[] items) {
        int cellX(double x) {
            return Math.min(g - 1, Math.max(0, (int) ((x - x0) / cell)));
        }

        int cellY(double v) {
            return Math.min(g - 1, Math.max(0, (int) ((v - y0) / cell)));
        }
    }

    private static void search(double[] y, Grid grid, int i, int k, double[] best, int[] idx) {
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(idx, Integer.MAX_VALUE);
        double px = y[2 * i];
        double py = y[2 * i + 1];
        int cx = grid.cellX(px);
        int cy = grid.cellY(py);
        int g = grid.g();
        for (int r = 0; ; r++) {
            for (int b = cy - r; b <= cy + r; b++) {
                if (b < 0 || b >= g) {
                    continue;
                }
                boolean edgeRow = b == cy - r || b == cy + r;
                for (int a = cx - r; a <= cx + r; a += edgeRow ? 1 : Math.max(1, 2 * r)) {
                    if (a < 0 || a >= g) {
                        continue;
                    }
                    int c = b * g + a;
                    for (int p = grid.start()[c]; p < grid.start()[c + 1]; p++) {
                        int j = grid.items()[p];
                        if (j == i) {
                            continue;
                        }
                        double dx = px - y[2 * j];
                        double dy = py - y[2 * j + 1];
                        offer(dx * dx + dy * dy, j, best, idx, k);
                    }
                }
            }
            // every point not yet seen lies outside the block of (2r + 1)² cells around the point's cell
            double gap = Math.min(Math.min(px - (grid.x0() + (cx - r) * grid.cell()),
                    grid.x0() + (cx + r + 1) * grid.cell() - px), Math.min(py - (grid.y0() + (cy - r) * grid.cell()),
                    grid.y0() + (cy + r + 1) * grid.cell() - py));
            boolean covered = cx - r <= 0 && cy - r <= 0 && cx + r >= g - 1 && cy + r >= g - 1;
            if (covered || best[k - 1] < gap * gap) {
                return;
            }
        }
    }

    /** Keeps the k smallest (distance, index) pairs, ordered by distance then index. */
    private static void offer(double v, int j, double[] best, int[] idx, int k) {
        if (v > best[k - 1] || v == best[k - 1] && j > idx[k - 1]) {
            return;
        }
        int pos = k - 1;
        while (pos > 0 && (best[pos - 1] > v || best[pos - 1] == v && idx[pos - 1] > j)) {
            best[pos] = best[pos - 1];
            idx[pos] = idx[pos - 1];
            pos--;
        }
        best[pos] = v;
        idx[pos] = j;
    }
}
