package dev.embedscope.data;

/**
 * The rows of one split read in blocks on demand instead of held whole: the streaming input of the
 * embedding pipeline (a memory-mapped file, {@link MappedRows}, or a split in memory). Reads are
 * thread-safe, so blocks can be decoded in parallel; a source has no 2^31-element ceiling, only rows
 * under 2^31 and a row under 2^31 values.
 */
public interface RowSource extends AutoCloseable {

    /** The name used in messages (a file name or the split's name). */
    String name();

    long rows();

    int columns();

    /** The image shape when rows are images, null for a table. */
    ImageShape imageShape();

    /** The element type of the source, before it became float32. */
    SourceType sourceType();

    /**
     * Reads rows {@code [first, first + count)} as float32 into {@code dst} from index 0, row-major
     * ({@code count × columns()} values).
     */
    void read(long first, int count, float[] dst);

    @Override
    default void close() {
    }

    /** Drops what reading has kept resident (a mapped file's pages), once a pass over the rows is done. */
    default void evict() {
    }

    /** The rows of a split in memory, as a source (reads copy from its matrix). */
    static RowSource of(Dataset d) {
        FloatMatrix.View view = FloatMatrix.view(d.features());
        int columns = d.columns();
        return new RowSource() {
            @Override
            public String name() {
                return d.name();
            }

            @Override
            public long rows() {
                return d.rows();
            }

            @Override
            public int columns() {
                return columns;
            }

            @Override
            public ImageShape imageShape() {
                return d.imageShape();
            }

            @Override
            public SourceType sourceType() {
                return d.sourceType();
            }

            @Override
            public void read(long first, int count, float[] dst) {
                view.get(first * columns, dst, 0, count * columns);
            }
        };
    }

    /** The rows at the given indices, in the given order (a view: reads go to this source). */
    default RowSource select(long[] selected) {
        RowSource base = this;
        return new RowSource() {
            @Override
            public String name() {
                return base.name();
            }

            @Override
            public long rows() {
                return selected.length;
            }

            @Override
            public int columns() {
                return base.columns();
            }

            @Override
            public ImageShape imageShape() {
                return base.imageShape();
            }

            @Override
            public SourceType sourceType() {
                return base.sourceType();
            }

            @Override
            public void read(long first, int count, float[] dst) {
                int d = base.columns();
                float[] row = new float[d];
                for (int k = 0; k < count; k++) {
                    base.read(selected[(int) first + k], 1, row);
                    System.arraycopy(row, 0, dst, k * d, d);
                }
            }

            @Override
            public void close() {
                base.close();
            }

            @Override
            public void evict() {
                base.evict();
            }
        };
    }
}
