package dev.embedscope.stats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllFloatsSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Quantiles and distinct count of one column. Exact while the column has at most
 * {@code exactLimit} distinct values (a value → count table: images, counts and categories stay
 * exact at any N); beyond that it switches to Apache DataSketches' KLL quantiles sketch (Karnin,
 * Lang and Liberty 2016, <i>Optimal quantile approximation in streams</i>) and HyperLogLog
 * (Flajolet et al. 2007) for the distinct count. Mergeable either way.
 */
public final class ColumnSketch {

    private static final int EMPTY = Float.floatToRawIntBits(Float.NaN);

    private final int exactLimit;
    private final int kllK;
    // exact mode: open-addressing table of float bits → count
    private int[] keys;
    private long[] counts;
    private int size;
    // sketch mode
    private KllFloatsSketch kll;
    private HllSketch hll;
    // frozen exact view for quantile queries
    private float[] sortedValues;
    private long[] cumulative;

    public ColumnSketch(int exactLimit, int kllK) {
        this.exactLimit = exactLimit;
        this.kllK = kllK;
        this.keys = new int[16];
        this.counts = new long[16];
        Arrays.fill(keys, EMPTY);
    }

    public boolean isExact() {
        return kll == null;
    }

    /** Adds one finite value (callers skip NaN and infinities). */
    public void update(float x) {
        if (kll != null) {
            kll.update(x);
            hll.update(x);
            return;
        }
        add(x + 0f, 1);
    }

    private void add(float x, long weight) {
        int bits = Float.floatToRawIntBits(x);
        int mask = keys.length - 1;
        int h = mix(bits) & mask;
        while (true) {
            int k = keys[h];
            if (k == bits) {
                counts[h] += weight;
                return;
            }
            if (k == EMPTY) {
                keys[h] = bits;
                counts[h] = weight;
                size++;
                sortedValues = null;
                if (size > exactLimit) {
                    toSketch();
                } else if (2 * size > keys.length) {
                    grow();
                }
                return;
            }
            h = (h + 1) & mask;
        }
    }

    private static int mix(int bits) {
        int h = bits * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldCounts = counts;
        keys = new int[oldKeys.length * 2];
        counts = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                reinsert(oldKeys[i], oldCounts[i]);
            }
        }
    }

    private void reinsert(int bits, long count) {
        int mask = keys.length - 1;
        int h = mix(bits) & mask;
        while (keys[h] != EMPTY) {
            h = (h + 1) & mask;
        }
        keys[h] = bits;
        counts[h] = count;
        size++;
    }

    private void toSketch() {
        kll = KllFloatsSketch.newHeapInstance(kllK);
        hll = new HllSketch(12);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                float v = Float.intBitsToFloat(keys[i]);
                kll.update(v, counts[i]);
                hll.update(v);
            }
        }
        keys = null;
        counts = null;
        sortedValues = null;
    }

    /** Adds everything another sketch saw. */
    public void merge(ColumnSketch other) {
        if (other.kll == null) {
            for (int i = 0; i < other.keys.length; i++) {
                if (other.keys[i] != EMPTY) {
                    float v = Float.intBitsToFloat(other.keys[i]);
                    if (kll != null) {
                        kll.update(v, other.counts[i]);
                        hll.update(v);
                    } else {
                        add(v, other.counts[i]);
                    }
                }
            }
            return;
        }
        if (kll == null) {
            toSketch();
        }
        kll.merge(other.kll);
        Union union = new Union(12);
        union.update(hll);
        union.update(other.hll);
        hll = union.getResult();
    }

    /**
     * How many values are below {@code v} ({@code inclusive}: at most {@code v}); exact in exact mode, else KLL's
     * estimate (within {@link #rankError()} of the count, as a share).
     */
    public double countBelow(float v, boolean inclusive) {
        if (kll != null) {
            return kll.isEmpty() ? 0 : kll.getRank(v, inclusive ? QuantileSearchCriteria.INCLUSIVE
                    : QuantileSearchCriteria.EXCLUSIVE) * kll.getN();
        }
        freeze();
        int idx = Arrays.binarySearch(sortedValues, v);
        int at;
        if (idx >= 0) {
            at = inclusive ? idx : idx - 1;
        } else {
            at = -idx - 2;
        }
        return at < 0 ? 0 : cumulative[at];
    }

    /**
     * The value at 0-based position {@code index} of the sorted values (exact mode), or KLL's quantile at the
     * middle of that position's rank.
     */
    public float valueAt(long index) {
        if (kll != null) {
            return kll.getQuantile(Math.min(1, (index + 0.5) / kll.getN()), QuantileSearchCriteria.INCLUSIVE);
        }
        freeze();
        int idx = Arrays.binarySearch(cumulative, index + 1);
        if (idx < 0) {
            idx = -idx - 1;
        }
        return sortedValues[Math.min(idx, sortedValues.length - 1)];
    }

    /**
     * The values where the distribution can step: every distinct value in exact mode, the retained items of
     * the KLL sketch otherwise (sorted).
     */
    public float[] steps() {
        if (kll != null) {
            return kll.isEmpty() ? new float[0] : kll.getSortedView().getQuantiles();
        }
        freeze();
        return sortedValues.clone();
    }

    /** The largest error of {@link #countBelow} as a share of the count: 0 in exact mode. */
    public double rankError() {
        return kll == null ? 0 : kll.getNormalizedRankError(false);
    }

    /** Writes this sketch's state (see {@link StatsCodec}). */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(exactLimit);
        out.writeInt(kllK);
        out.writeBoolean(kll != null);
        if (kll != null) {
            byte[] k = kll.toByteArray();
            byte[] h = hll.toCompactByteArray();
            out.writeInt(k.length);
            out.write(k);
            out.writeInt(h.length);
            out.write(h);
            return;
        }
        out.writeInt(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                out.writeInt(keys[i]);
                out.writeLong(counts[i]);
            }
        }
    }

    /** Reads a sketch written by {@link #writeTo}. */
    static ColumnSketch readFrom(DataInputStream in) throws IOException {
        ColumnSketch s = new ColumnSketch(in.readInt(), in.readInt());
        if (in.readBoolean()) {
            byte[] k = new byte[in.readInt()];
            in.readFully(k);
            byte[] h = new byte[in.readInt()];
            in.readFully(h);
            s.keys = null;
            s.counts = null;
            s.kll = KllFloatsSketch.heapify(Memory.wrap(k));
            s.hll = HllSketch.heapify(h);
            return s;
        }
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            int bits = in.readInt();
            long count = in.readLong();
            s.add(Float.intBitsToFloat(bits), count);
        }
        return s;
    }

    /** Number of values seen. */
    public long count() {
        if (kll != null) {
            return kll.getN();
        }
        freeze();
        return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    }

    /** Distinct values: exact in exact mode, else the HyperLogLog estimate. */
    public long distinct() {
        return kll != null ? Math.round(hll.getEstimate()) : size;
    }

    /**
     * The smallest value v such that at least a share {@code rank} of the values are ≤ v
     * (the inclusive definition KLL uses); NaN when empty.
     */
    public float quantile(double rank) {
        if (kll != null) {
            return kll.isEmpty() ? Float.NaN : kll.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE);
        }
        freeze();
        if (sortedValues.length == 0) {
            return Float.NaN;
        }
        long n = cumulative[cumulative.length - 1];
        long target = Math.max(1, (long) Math.ceil(rank * n));
        int idx = Arrays.binarySearch(cumulative, target);
        if (idx < 0) {
            idx = -idx - 1;
        }
        return sortedValues[Math.min(idx, sortedValues.length - 1)];
    }

    private void freeze() {
        if (sortedValues != null) {
            return;
        }
        float[] values = new float[size];
        int m = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                values[m++] = Float.intBitsToFloat(keys[i]);
            }
        }
        Arrays.sort(values);
        long[] cum = new long[size];
        long running = 0;
        for (int i = 0; i < size; i++) {
            running += countOf(values[i]);
            cum[i] = running;
        }
        sortedValues = values;
        cumulative = cum;
    }

    private long countOf(float v) {
        int bits = Float.floatToRawIntBits(v);
        int mask = keys.length - 1;
        int h = mix(bits) & mask;
        while (keys[h] != bits) {
            h = (h + 1) & mask;
        }
        return counts[h];
    }
}
