package dev.embedscope.data;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Allocation of N×D float32 C-order ND4J arrays and zero-copy bulk access to their memory, so
 * readers fill them and scans read them in blocks of flat {@code float[]} without a second copy.
 */
public final class FloatMatrix {

    private FloatMatrix() {
    }

    /** An uninitialised N×D float32 array in C order. */
    public static INDArray allocate(long rows, long cols) {
        if (rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a matrix of " + rows + "×" + cols
                    + " floats is larger than 2^31 elements");
        }
        return Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
    }

    /** A view of the array's memory for bulk reads and writes at element offsets. */
    public static View view(INDArray array) {
        if (array.dataType() != DataType.FLOAT || array.ordering() != 'c' || array.isView()) {
            throw new IllegalArgumentException("expected a dense float32 C-order array");
        }
        return new View(array, array.data().asNioFloat(), (int) array.length());
    }

    /** Copies the array into a new flat {@code float[]} in row-major order. */
    public static float[] toArray(INDArray array) {
        View v = view(array);
        float[] out = new float[v.length()];
        v.get(0, out, 0, out.length);
        return out;
    }

    /** A new N×D array holding a copy of the row-major {@code values}. */
    public static INDArray of(float[] values, int rows, int cols) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + rows + "×" + cols);
        }
        INDArray out = allocate(rows, cols);
        view(out).put(0, values, 0, values.length);
        return out;
    }

    /**
     * Bulk access to the float memory of one array. The view keeps the array reachable (ND4J frees
     * the native memory of an unreachable array, and a buffer alone would not stop it).
     */
    public static final class View {
        private final INDArray owner;
        private final FloatBuffer buffer;
        private final int length;

        View(INDArray owner, FloatBuffer buffer, int length) {
            this.owner = owner;
            this.buffer = buffer;
            this.length = length;
        }

        /** The array whose memory this view reads and writes. */
        public INDArray array() {
            return owner;
        }

        public int length() {
            return length;
        }

        public void get(long offset, float[] dst, int dstOffset, int count) {
            buffer.get(Math.toIntExact(offset), dst, dstOffset, count);
            Reference.reachabilityFence(owner);
        }

        public void put(long offset, float[] src, int srcOffset, int count) {
            buffer.put(Math.toIntExact(offset), src, srcOffset, count);
            Reference.reachabilityFence(owner);
        }

        public float get(long index) {
            float v = buffer.get(Math.toIntExact(index));
            Reference.reachabilityFence(owner);
            return v;
        }

        public void put(long index, float value) {
            buffer.put(Math.toIntExact(index), value);
            Reference.reachabilityFence(owner);
        }
    }
}
