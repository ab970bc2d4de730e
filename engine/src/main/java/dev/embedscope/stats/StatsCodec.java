package dev.embedscope.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The binary form of {@link Moments} and {@link ColumnSketches}, so that partial statistics computed in
 * other processes (Spark executors) travel as bytes and merge on the driver exactly as in one process:
 * every count, extreme, mean and squared-deviation sum bit for bit; an exact column sketch as its value →
 * count table, a KLL and HyperLogLog sketch in DataSketches' own serial form.
 */
public final class StatsCodec {

    private static final int MOMENTS_MAGIC = 0x454D4F4D; // "EMOM"
    private static final int SKETCHES_MAGIC = 0x45534B54; // "ESKT"

    private StatsCodec() {
    }

    public static byte[] encode(Moments m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + m.cols * 57);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MOMENTS_MAGIC);
            out.writeInt(m.cols);
            out.writeLong(m.rows);
            for (int j = 0; j < m.cols; j++) {
                out.writeLong(m.count[j]);
                out.writeLong(m.missing[j]);
                out.writeLong(m.infinite[j]);
                out.writeLong(m.zeros[j]);
                out.writeFloat(m.min[j]);
                out.writeFloat(m.max[j]);
                out.writeFloat(m.minPositive[j]);
                out.writeDouble(m.mean[j]);
                out.writeDouble(m.m2[j]);
                out.writeBoolean(m.nonInteger[j]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Moments decodeMoments(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            expect(in.readInt(), MOMENTS_MAGIC, "moments");
            Moments m = new Moments(in.readInt());
            m.rows = in.readLong();
            for (int j = 0; j < m.cols; j++) {
                m.count[j] = in.readLong();
                m.missing[j] = in.readLong();
                m.infinite[j] = in.readLong();
                m.zeros[j] = in.readLong();
                m.min[j] = in.readFloat();
                m.max[j] = in.readFloat();
                m.minPositive[j] = in.readFloat();
                m.mean[j] = in.readDouble();
                m.m2[j] = in.readDouble();
                m.nonInteger[j] = in.readBoolean();
            }
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException("not encoded moments: " + e.getMessage(), e);
        }
    }

    public static byte[] encode(ColumnSketches s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(SKETCHES_MAGIC);
            out.writeInt(s.columns());
            for (int j = 0; j < s.columns(); j++) {
                s.column(j).writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ColumnSketches decodeSketches(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            expect(in.readInt(), SKETCHES_MAGIC, "column sketches");
            int cols = in.readInt();
            ColumnSketch[] columns = new ColumnSketch[cols];
            for (int j = 0; j < cols; j++) {
                columns[j] = ColumnSketch.readFrom(in);
            }
            return new ColumnSketches(columns);
        } catch (IOException e) {
            throw new IllegalArgumentException("not encoded column sketches: " + e.getMessage(), e);
        }
    }

    private static void expect(int found, int magic, String what) throws IOException {
        if (found != magic) {
            throw new IOException("the bytes do not start with the mark of " + what);
        }
    }
}
