package dev.embedscope.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads IDX files (LeCun's MNIST format, also Fashion-MNIST): unsigned-byte images (magic
 * 0x00000803, N×H×W) and labels (0x00000801, N), gzip or raw, recognised by content. Pixels are
 * streamed straight into the float32 matrix, so peak memory is the matrix plus one small buffer.
 */
public final class IdxReader {

    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    private static final int CHUNK = 1 << 16;

    private IdxReader() {
    }

    /** Images read from an IDX file. */
    public record Images(INDArray pixels, ImageShape shape) {
    }

    /** The magic number at the start of the (decompressed) content. */
    public static int peekMagic(ByteSource source) throws IOException {
        try (DataInputStream in = new DataInputStream(source.open())) {
            return in.readInt();
        } catch (EOFException e) {
            throw DataFormatException.at(source.name(), "byte 0", "file ends before the 4-byte IDX magic number");
        }
    }

    public static Images readImages(ByteSource source) throws IOException {
        INDArray[] pixels = new INDArray[1];
        FloatMatrix.View[] view = new FloatMatrix.View[1];
        float[] floats = new float[CHUNK];
        ImageShape shape = readImages(source, (n, d) -> {
            pixels[0] = FloatMatrix.allocate(n, d);
            view[0] = FloatMatrix.view(pixels[0]);
        }, (offset, bytes, count) -> {
            for (int i = 0; i < count; i++) {
                floats[i] = bytes[i] & 0xff;
            }
            view[0].put(offset, floats, 0, count);
        });
        return new Images(pixels[0], shape);
    }

    /** The pixels of an IDX image file as bytes (0..255), without ND4J. */
    public record ImageBytes(byte[] pixels, int count, ImageShape shape) {
    }

    public static ImageBytes readImageBytes(ByteSource source) throws IOException {
        byte[][] all = new byte[1][];
        int[] count = new int[1];
        ImageShape shape = readImages(source, (n, d) -> {
            all[0] = new byte[Math.multiplyExact(n, d)];
            count[0] = n;
        }, (offset, bytes, c) -> System.arraycopy(bytes, 0, all[0], (int) offset, c));
        return new ImageBytes(all[0], count[0], shape);
    }

    private interface Allocation {
        void allocate(int n, int d);
    }

    private interface PixelSink {
        void put(long offset, byte[] bytes, int count);
    }

    private static ImageShape readImages(ByteSource source, Allocation allocation, PixelSink sink)
            throws IOException {
        String name = source.name();
        try (CountingStream counted = new CountingStream(source.open());
             DataInputStream in = new DataInputStream(counted)) {
            int magic = readHeaderInt(in, name, 0, "IDX magic number");
            if (magic != IMAGES_MAGIC) {
                throw DataFormatException.at(name, "byte 0", String.format(
                        "IDX magic 0x%08x is not an image file (expected 0x%08x)%s", magic, IMAGES_MAGIC,
                        magic == LABELS_MAGIC ? "; this is a labels file" : ""));
            }
            int n = readHeaderInt(in, name, 4, "image count");
            int h = readHeaderInt(in, name, 8, "row count");
            int w = readHeaderInt(in, name, 12, "column count");
            if (n < 0 || h <= 0 || w <= 0) {
                throw DataFormatException.at(name, "byte 4", "invalid IDX dimensions " + n + "×" + h + "×" + w);
            }
            int d = h * w;
            allocation.allocate(n, d);
            long total = (long) n * d;
            byte[] bytes = new byte[CHUNK];
            long done = 0;
            while (done < total) {
                int want = (int) Math.min(CHUNK, total - done);
                int got = readFully(in, bytes, want, name, counted);
                if (got < want) {
                    throw DataFormatException.at(name, "byte " + counted.count(), String.format(
                            "file ends early: expected %d×%d×%d = %d bytes of pixels "
                                    + "after the 16-byte header, got %d",
                            n, h, w, total, done + got));
                }
                sink.put(done, bytes, want);
                done += want;
            }
            expectEnd(in, name, counted);
            return new ImageShape(h, w, 1);
        }
    }

    public static int[] readLabels(ByteSource source) throws IOException {
        String name = source.name();
        try (CountingStream counted = new CountingStream(source.open());
             DataInputStream in = new DataInputStream(counted)) {
            int magic = readHeaderInt(in, name, 0, "IDX magic number");
            if (magic != LABELS_MAGIC) {
                throw DataFormatException.at(name, "byte 0", String.format(
                        "IDX magic 0x%08x is not a labels file (expected 0x%08x)%s", magic, LABELS_MAGIC,
                        magic == IMAGES_MAGIC ? "; this is an images file" : ""));
            }
            int n = readHeaderInt(in, name, 4, "label count");
            if (n < 0) {
                throw DataFormatException.at(name, "byte 4", "negative label count " + n);
            }
            byte[] bytes = new byte[n];
            int got = readFully(in, bytes, n, name, counted);
            if (got < n) {
                throw DataFormatException.at(name, "byte " + counted.count(),
                        "file ends early: expected " + n + " label bytes after the 8-byte header, got " + got);
            }
            expectEnd(in, name, counted);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return labels;
        }
    }

    private static int readHeaderInt(DataInputStream in, String name, int offset, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw DataFormatException.at(name, "byte " + offset, "file ends inside the IDX header (expected the " + what
                    + ")");
        } catch (ZipException e) {
            throw DataFormatException.at(name, "byte " + offset, "corrupt gzip data (" + e.getMessage() + ")");
        }
    }

    private static int readFully(InputStream in, byte[] buf, int len, String name,
            CountingStream counted) throws IOException {
        int off = 0;
        try {
            while (off < len) {
                int r = in.read(buf, off, len - off);
                if (r < 0) {
                    break;
                }
                off += r;
            }
        } catch (EOFException e) {
            // a truncated gzip stream: report as a short read below
        } catch (ZipException e) {
            throw DataFormatException.at(name, "byte " + counted.count() + " of the decompressed data",
                    "corrupt gzip data (" + e.getMessage() + ")");
        }
        return off;
    }

    private static void expectEnd(InputStream in, String name, CountingStream counted) throws IOException {
        long at = counted.count();
        int extra;
        try {
            extra = in.read();
        } catch (EOFException | ZipException e) {
            throw DataFormatException.at(name, "byte " + at, "damaged data after the last record (" + e.getMessage()
                    + ")");
        }
        if (extra != -1) {
            throw DataFormatException.at(name, "byte " + at,
                    "unexpected data after the last record (expected end of file)");
        }
    }

    /** Counts the decompressed bytes read, so errors can name the offset. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }
}
