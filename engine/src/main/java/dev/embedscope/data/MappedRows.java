package dev.embedscope.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The rows of an uncompressed NPY file (C order, any type {@link NpyReader} reads) or IDX images file,
 * memory-mapped and decoded block by block on demand, so a dataset larger than memory, or than 2^31
 * values, can be embedded: the operating system pages the file in and out, and only the blocks being
 * decoded exist as floats. The file is mapped in segments of whole rows under 1 GiB each, on first use,
 * and {@link #evict} unmaps them once the rows have been read.
 */
public final class MappedRows implements RowSource {

    /** Largest mapped segment (a mapping is indexed by int). */
    static final long SEGMENT_BYTES = 1L << 30;

    private final String name;
    private final long rows;
    private final int columns;
    private final ImageShape imageShape;
    private final SourceType type;
    private final int itemSize;
    private final ByteOrder order;
    private final long rowsPerSegment;
    private final long rowBytes;
    private final long offset;
    private final FileChannel channel;
    private final AtomicReferenceArray<MappedByteBuffer> segments;

    private MappedRows(Layout layout, FileChannel channel, long rowsPerSegment) {
        this.name = layout.name;
        this.rows = layout.rows;
        this.columns = layout.columns;
        this.imageShape = layout.shape;
        this.type = layout.type;
        this.itemSize = layout.itemSize;
        this.order = layout.order;
        this.channel = channel;
        this.rowsPerSegment = rowsPerSegment;
        this.rowBytes = (long) layout.columns * layout.itemSize;
        this.offset = layout.offset;
        this.segments = new AtomicReferenceArray<>((int) ((layout.rows + rowsPerSegment - 1) / rowsPerSegment));
    }

    /** Where the values lie in a file, read from its header. */
    private record Layout(String name, long offset, long rows, int columns, ImageShape shape, SourceType type,
                          int itemSize, ByteOrder order) {
        long bytes() {
            return rows * columns * itemSize;
        }
    }

    /**
     * Why {@code file} cannot be streamed (compressed, Fortran order, not NPY or IDX images), or null when it
     * can. Header errors are left to {@link #open}.
     */
    public static String whyNot(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "it is not a regular file";
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return "it is gzip-compressed (decompress it, e.g. gunzip -k, to stream it)";
        }
        if (NpyReader.looksLikeNpy(head)) {
            NpyHeader h = header(file);
            if (h.fortran() && h.shape().length > 1) {
                return "its values are in Fortran order (save it with numpy.ascontiguousarray to stream it)";
            }
            return h.shape().length < 2 || h.shape().length > 4 ? "it is not a feature array" : null;
        }
        if (head.length >= 4 && ByteBuffer.wrap(head).getInt(0) == IdxReader.IMAGES_MAGIC) {
            return null;
        }
        return "only uncompressed NPY and IDX image files are streamed";
    }

    /** Maps {@code file}, checking that its size matches its header. */
    public static MappedRows open(Path file) throws IOException {
        return open(file, SEGMENT_BYTES);
    }

    /** {@link #open(Path)} with segments of at most {@code segmentBytes} (whole rows; at least one row). */
    static MappedRows open(Path file, long segmentBytes) throws IOException {
        String why = whyNot(file);
        if (why != null) {
            throw new DataFormatException(file + ": cannot be streamed: " + why);
        }
        Layout layout = layout(file);
        long size = Files.size(file);
        long end = layout.offset + layout.bytes();
        if (size < end) {
            throw DataFormatException.at(file.toString(), "byte " + size, "file ends early: expected "
                    + layout.bytes() + " bytes of " + layout.type + " values after the " + layout.offset
                    + "-byte header for " + layout.rows + " rows of " + layout.columns + ", got "
                    + (size - layout.offset));
        }
        if (size > end) {
            throw DataFormatException.at(file.toString(), "byte " + end, "unexpected data after " + layout.rows
                    + " rows of " + layout.columns + " values (expected end of file)");
        }
        long rowBytes = (long) layout.columns * layout.itemSize;
        if (rowBytes > SEGMENT_BYTES) {
            throw DataFormatException.at(file.toString(), "header", "a row of " + layout.columns
                    + " values is larger than 1 GiB");
        }
        long perSegment = Math.max(1, segmentBytes / Math.max(1, rowBytes));
        return new MappedRows(layout, FileChannel.open(file, StandardOpenOption.READ), perSegment);
    }

    /** Segment {@code s}, mapped on first use (again after {@link #evict}). */
    private MappedByteBuffer segment(int s) {
        MappedByteBuffer m = segments.get(s);
        if (m != null) {
            return m;
        }
        synchronized (segments) {
            m = segments.get(s);
            if (m == null) {
                long first = s * rowsPerSegment;
                long rowsHere = Math.min(rowsPerSegment, rows - first);
                try {
                    m = channel.map(FileChannel.MapMode.READ_ONLY, offset + first * rowBytes, rowsHere * rowBytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(name + ": cannot map rows " + first + "…" + (first + rowsHere), e);
                }
                m.order(order);
                segments.set(s, m);
            }
            return m;
        }
    }

    /**
     * Unmaps every segment now, so the pages read so far stop counting as this process's memory (a mapping is
     * otherwise released only when the collector gets to it); a later read maps its segment again. Not while a
     * read is in flight.
     */
    @Override
    public void evict() {
        synchronized (segments) {
            for (int s = 0; s < segments.length(); s++) {
                MappedByteBuffer m = segments.getAndSet(s, null);
                if (m != null) {
                    Unmapper.unmap(m);
                }
            }
        }
    }

    @Override
    public void close() {
        evict();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frees a mapping at once through {@code sun.misc.Unsafe.invokeCleaner} (jdk.unsupported), where present. */
    private static final class Unmapper {
        private static final Object UNSAFE;
        private static final java.lang.reflect.Method INVOKE_CLEANER;

        static {
            Object unsafe = null;
            java.lang.reflect.Method invoke = null;
            try {
                Class<?> c = Class.forName("sun.misc.Unsafe");
                java.lang.reflect.Field f = c.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                unsafe = f.get(null);
                invoke = c.getMethod("invokeCleaner", ByteBuffer.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // without it a mapping is released when collected
            }
            UNSAFE = unsafe;
            INVOKE_CLEANER = invoke;
        }

        static void unmap(MappedByteBuffer m) {
            if (INVOKE_CLEANER == null) {
                return;
            }
            try {
                INVOKE_CLEANER.invoke(UNSAFE, m);
            } catch (ReflectiveOperationException e) {
                // left to the collector
            }
        }
    }

    private static NpyHeader header(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            return NpyHeader.read(in, file.toString());
        }
    }

    private static Layout layout(Path file) throws IOException {
        String name = file.toString();
        String base = CsvReader.stripExtension(file.getFileName().toString());
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        if (NpyReader.looksLikeNpy(head)) {
            NpyHeader h = header(file);
            long[] shape = h.shape();
            long n = shape[0];
            long d = n == 0 ? 0 : h.elements() / n;
            if (d < 1 || d > Integer.MAX_VALUE || n > Integer.MAX_VALUE) {
                throw DataFormatException.at(name, "NPY header", "shape " + Arrays.toString(shape)
                        + " cannot be embedded (expected under 2^31 rows of 1 to 2^31 values)");
            }
            ImageShape image = shape.length > 2 ? NpyReader.imageShape(shape, name) : null;
            return new Layout(base, h.dataOffset(), n, (int) d, image, h.type(), h.itemSize(), h.order());
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        if (head.length < 16) {
            throw DataFormatException.at(name, "byte " + head.length, "file ends inside the 16-byte IDX header");
        }
        int n = b.getInt(4);
        int h = b.getInt(8);
        int w = b.getInt(12);
        if (n < 0 || h <= 0 || w <= 0) {
            throw DataFormatException.at(name, "byte 4", "invalid IDX dimensions " + n + "×" + h + "×" + w);
        }
        return new Layout(base, 16, n, Math.multiplyExact(h, w), new ImageShape(h, w, 1), SourceType.UINT8, 1,
                ByteOrder.BIG_ENDIAN);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public ImageShape imageShape() {
        return imageShape;
    }

    @Override
    public SourceType sourceType() {
        return type;
    }

    @Override
    public void read(long first, int count, float[] dst) {
        if (first < 0 || count < 0 || first + count > rows) {
            throw new IndexOutOfBoundsException("rows " + first + "+" + count + " of " + rows);
        }
        int size = (int) rowBytes;
        byte[] bytes = new byte[size];
        ByteBuffer wrapped = ByteBuffer.wrap(bytes).order(order);
        for (int k = 0; k < count; k++) {
            long row = first + k;
            MappedByteBuffer segment = segment((int) (row / rowsPerSegment));
            segment.get((int) ((row % rowsPerSegment) * size), bytes, 0, size);
            NpyReader.decode(wrapped, type, dst, k * columns, columns);
        }
    }
}
