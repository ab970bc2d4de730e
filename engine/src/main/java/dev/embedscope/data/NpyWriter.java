package dev.embedscope.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes NumPy {@code .npy} files (format 1.0, little endian, C order) that {@code numpy.load}
 * reads unchanged: float32 matrices and int32 label vectors.
 */
public final class NpyWriter {

    private static final int CHUNK = 1 << 16;

    private NpyWriter() {
    }

    /** Writes an N×D float32 matrix as {@code <f4} with shape (N, D). */
    public static void writeFloat32(INDArray matrix, OutputStream out) throws IOException {
        long rows = matrix.rows();
        long cols = matrix.columns();
        writeHeader(out, "<f4", "(" + rows + ", " + cols + ")");
        FloatMatrix.View view = FloatMatrix.view(matrix);
        float[] floats = new float[CHUNK];
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
        long total = rows * cols;
        for (long done = 0; done < total; ) {
            int count = (int) Math.min(CHUNK, total - done);
            view.get(done, floats, 0, count);
            buf.clear();
            buf.asFloatBuffer().put(floats, 0, count);
            out.write(buf.array(), 0, count * 4);
            done += count;
        }
    }

    /** Writes {@code rows × cols} float32 values (row-major, from offset 0) as {@code <f4} with shape (rows, cols). */
    public static void writeFloat32(float[] values, int rows, int cols, OutputStream out) throws IOException {
        writeHeader(out, "<f4", "(" + rows + ", " + cols + ")");
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
        long total = (long) rows * cols;
        for (int done = 0; done < total; ) {
            int count = (int) Math.min(CHUNK, total - done);
            buf.clear();
            buf.asFloatBuffer().put(values, done, count);
            out.write(buf.array(), 0, count * 4);
            done += count;
        }
    }

    /** Writes a 1-D int64 vector as {@code <i8} with shape (N,). */
    public static void writeInt64(long[] values, OutputStream out) throws IOException {
        writeHeader(out, "<i8", "(" + values.length + ",)");
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        out.write(buf.array());
    }

    /** Writes a 1-D int32 vector as {@code <i4} with shape (N,). */
    public static void writeInt32(int[] values, OutputStream out) throws IOException {
        writeHeader(out, "<i4", "(" + values.length + ",)");
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(values);
        out.write(buf.array());
    }

    private static void writeHeader(OutputStream out, String descr, String shape) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        char[] spaces = new char[padded - unpadded];
        Arrays.fill(spaces, ' ');
        String header = dict + new String(spaces) + "\n";
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        int len = header.length();
        out.write(new byte[] {(byte) (len & 0xff), (byte) (len >>> 8)});
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
    }
}
