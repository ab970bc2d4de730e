package dev.embedscope.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads NumPy {@code .npy} arrays (format 1.0–3.0; uint8, int8, bool, (u)int16, (u)int32, int64,
 * float16/32/64; either byte order; C or Fortran order) as N×D float32 features, flattening N×H×W
 * and N×H×W×C arrays to rows while keeping the image shape, and 1-D integer arrays as labels.
 */
public final class NpyReader {

    private static final int CHUNK = 1 << 16;

    private NpyReader() {
    }

    /** Features read from an NPY file. */
    public record Features(INDArray matrix, ImageShape imageShape, SourceType type) {
    }

    public static boolean looksLikeNpy(byte[] firstBytes) {
        return firstBytes.length >= 6 && (firstBytes[0] & 0xff) == 0x93 && firstBytes[1] == 'N' && firstBytes[2] == 'U'
                && firstBytes[3] == 'M' && firstBytes[4] == 'P' && firstBytes[5] == 'Y';
    }

    public static Features readFeatures(ByteSource source) throws IOException {
        String name = source.name();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(source.open(), CHUNK))) {
            NpyHeader h = NpyHeader.read(in, name);
            long[] shape = h.shape();
            if (shape.length < 2 || shape.length > 4) {
                throw DataFormatException.at(name, "NPY header", "shape " + Arrays.toString(shape)
                        + " is not a feature array (expected N×D, N×H×W or N×H×W×C)");
            }
            long n = shape[0];
            long d = h.elements() / Math.max(1, n);
            ImageShape image = shape.length > 2 ? imageShape(shape, name) : null;
            INDArray matrix = FloatMatrix.allocate(n, d);
            readInto(in, h, FloatMatrix.view(matrix), name);
            return new Features(matrix, image, h.type());
        }
    }

    /**
     * The image shape of an N×H×W or N×H×W×C array, refusing one that does not look like images (a side
     * under 3 pixels, sides more than 16 times apart, channels other than 1, 3 or 4, or channels first).
     */
    static ImageShape imageShape(long[] shape, String name) throws DataFormatException {
        String dims = Arrays.toString(shape).replace("[", "(").replace("]", ")");
        long h = shape[1];
        long w = shape[2];
        if (shape.length == 4 && (shape[1] == 1 || shape[1] == 3) && !(shape[3] == 1 || shape[3] == 3
                || shape[3] == 4)) {
            throw DataFormatException.at(name, "NPY header", "shape " + dims + " looks like images with channels "
                    + "first (N×C×H×W, PyTorch's order); expected channels last: save numpy.moveaxis(a, 1, -1)");
        }
        if (shape.length == 4 && !(shape[3] == 1 || shape[3] == 3 || shape[3] == 4)) {
            throw DataFormatException.at(name, "NPY header", "shape " + dims + " is not N×H×W×C images (C must be "
                    + "1, 3 or 4); for a table of features save a.reshape(len(a), -1)");
        }
        if (Math.min(h, w) < 3 || Math.max(h, w) > 16 * Math.min(h, w)) {
            throw DataFormatException.at(name, "NPY header", "shape " + dims + " does not look like images ("
                    + h + "×" + w + "); for a table of features save a.reshape(len(a), -1)");
        }
        return new ImageShape((int) h, (int) w, shape.length == 4 ? (int) shape[3] : 1);
    }

    public static int[] readLabels(ByteSource source) throws IOException {
        String name = source.name();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(source.open(), CHUNK))) {
            NpyHeader h = NpyHeader.read(in, name);
            long[] shape = h.shape();
            boolean column = shape.length == 2 && shape[1] == 1;
            if (shape.length != 1 && !column) {
                throw DataFormatException.at(name, "NPY header", "shape " + Arrays.toString(shape)
                        + " is not a label vector (expected N or N×1)");
            }
            if (!h.type().integral()) {
                throw DataFormatException.at(name, "NPY header", "labels of dtype " + h.type()
                        + " (expected an integer dtype)");
            }
            int n = Math.toIntExact(shape[0]);
            float[] values = new float[n];
            INDArray vector = FloatMatrix.allocate(Math.max(n, 1), 1);
            FloatMatrix.View view = FloatMatrix.view(vector);
            readInto(in, h, view, name);
            view.get(0, values, 0, n);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                if (values[i] < 0) {
                    throw DataFormatException.at(name, "element " + i, "negative label " + (long) values[i]
                            + " (expected 0 or more)");
                }
                labels[i] = (int) values[i];
            }
            return labels;
        }
    }

    /** The shape and element type an NPY file's header declares. */
    public record ArrayInfo(long[] shape, SourceType type) {
    }

    /** Reads only the header of an NPY file (for planning work over many files). */
    public static ArrayInfo describe(ByteSource source) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(source.open(), 4096))) {
            NpyHeader h = NpyHeader.read(in, source.name());
            return new ArrayInfo(h.shape(), h.type());
        }
    }

    /** A float array read without ND4J (for runs where ND4J's native libraries are not available). */
    public record FloatArray(float[] values, long[] shape) {
    }

    /** Reads any supported NPY array as float32 values in C order, without touching ND4J. */
    public static FloatArray readFloatArray(ByteSource source) throws IOException {
        String name = source.name();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(source.open(), CHUNK))) {
            NpyHeader h = NpyHeader.read(in, name);
            float[] values = new float[Math.toIntExact(h.elements())];
            readInto(in, h, new Sink() {
                @Override
                public void put(long offset, float[] src, int from, int count) {
                    System.arraycopy(src, from, values, (int) offset, count);
                }

                @Override
                public void put(long index, float value) {
                    values[(int) index] = value;
                }
            }, name);
            return new FloatArray(values, h.shape());
        }
    }

    /** Where decoded values go. */
    interface Sink {
        void put(long offset, float[] src, int from, int count);

        void put(long index, float value);
    }

    private static void readInto(InputStream in, NpyHeader h, FloatMatrix.View view, String name) throws IOException {
        readInto(in, h, new Sink() {
            @Override
            public void put(long offset, float[] src, int from, int count) {
                view.put(offset, src, from, count);
            }

            @Override
            public void put(long index, float value) {
                view.put(index, value);
            }
        }, name);
    }

    /** Decodes the data section into the sink in C order. */
    private static void readInto(InputStream in, NpyHeader h, Sink view, String name) throws IOException {
        long total = h.elements();
        int item = h.itemSize();
        byte[] bytes = new byte[CHUNK * item];
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(h.order());
        float[] floats = new float[CHUNK];
        FortranOrder fortran = h.fortran() && h.shape().length > 1 ? new FortranOrder(h.shape()) : null;
        long done = 0;
        while (done < total) {
            int count = (int) Math.min(CHUNK, total - done);
            int want = count * item;
            int got = in.readNBytes(bytes, 0, want);
            if (got < want) {
                throw DataFormatException.at(name, "byte " + (h.dataOffset() + done * item + got),
                        "file ends early: expected " + total + " elements of " + h.type() + " (" + total * item
                                + " bytes) for shape " + Arrays.toString(h.shape()) + ", got " + (done * item + got)
                                        + " bytes");
            }
            decode(buf, h.type(), floats, 0, count);
            if (fortran == null) {
                view.put(done, floats, 0, count);
            } else {
                for (int i = 0; i < count; i++) {
                    view.put(fortran.next(), floats[i]);
                }
            }
            done += count;
        }
        try {
            if (in.read() != -1) {
                throw DataFormatException.at(name, "byte " + (h.dataOffset() + total * item),
                        "unexpected data after " + total + " elements (expected end of file)");
            }
        } catch (EOFException e) {
            // a gzip stream that ends exactly here
        }
    }

    /** Decodes {@code count} elements of {@code type} from the start of {@code buf} into {@code out[at...]}. */
    static void decode(ByteBuffer buf, SourceType type, float[] out, int at, int count) {
        buf.clear();
        switch (type) {
            case UINT8, BOOL -> { for (int i = 0; i < count; i++) { out[at + i] = buf.get(i) & 0xff; } }
            case INT8 -> { for (int i = 0; i < count; i++) { out[at + i] = buf.get(i); } }
            case UINT16 -> { for (int i = 0; i < count; i++) { out[at + i] = buf.getShort(2 * i) & 0xffff; } }
            case INT16 -> { for (int i = 0; i < count; i++) { out[at + i] = buf.getShort(2 * i); } }
            case UINT32 -> { for (int i = 0; i < count; i++) { out[at + i] = buf.getInt(4 * i) & 0xffffffffL; } }
            case INT32 -> { for (int i = 0; i < count; i++) { out[at + i] = buf.getInt(4 * i); } }
            case INT64 -> { for (int i = 0; i < count; i++) { out[at + i] = buf.getLong(8 * i); } }
            case FLOAT16 -> { for (int i = 0; i < count; i++) { out[at + i] = halfToFloat(buf.getShort(2 * i)); } }
            case FLOAT32 -> { for (int i = 0; i < count; i++) { out[at + i] = buf.getFloat(4 * i); } }
            case FLOAT64 -> { for (int i = 0; i < count; i++) { out[at + i] = (float) buf.getDouble(8 * i); } }
            default -> throw new IllegalStateException("not an NPY type: " + type);
        }
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Maps successive file positions of a Fortran-order array to C-order element indices. */
    private static final class FortranOrder {
        private final long[] shape;
        private final long[] cStride;
        private final long[] index;

        FortranOrder(long[] shape) {
            this.shape = shape;
            this.cStride = new long[shape.length];
            this.index = new long[shape.length];
            long s = 1;
            for (int k = shape.length - 1; k >= 0; k--) {
                cStride[k] = s;
                s *= shape[k];
            }
        }

        long next() {
            long c = 0;
            for (int k = 0; k < shape.length; k++) {
                c += index[k] * cStride[k];
            }
            for (int k = 0; k < shape.length; k++) {
                if (++index[k] < shape[k]) {
                    break;
                }
                index[k] = 0;
            }
            return c;
        }
    }
}
