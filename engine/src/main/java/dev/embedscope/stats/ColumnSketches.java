package dev.embedscope.stats;

/** One {@link ColumnSketch} per column of a row-major matrix, fed block by block. */
public final class ColumnSketches {

    private final ColumnSketch[] sketches;

    public ColumnSketches(int cols, int exactLimit, int kllK) {
        sketches = new ColumnSketch[cols];
        for (int j = 0; j < cols; j++) {
            sketches[j] = new ColumnSketch(exactLimit, kllK);
        }
    }

    ColumnSketches(ColumnSketch[] columns) {
        sketches = columns;
    }

    public void accept(float[] block, int rowCount) {
        int d = sketches.length;
        for (int i = 0; i < rowCount; i++) {
            int base = i * d;
            for (int j = 0; j < d; j++) {
                float x = block[base + j];
                if (x - x == 0f) {
                    sketches[j].update(x);
                }
            }
        }
    }

    public void merge(ColumnSketches other) {
        for (int j = 0; j < sketches.length; j++) {
            sketches[j].merge(other.sketches[j]);
        }
    }

    public ColumnSketch column(int j) {
        return sketches[j];
    }

    public int columns() {
        return sketches.length;
    }
}
