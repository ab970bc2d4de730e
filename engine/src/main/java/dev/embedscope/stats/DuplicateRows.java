package dev.embedscope.stats;

import dev.embedscope.data.FloatMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finds groups of identical rows: each row is hashed (64-bit, over the float bits with −0 taken
 * as 0 and every NaN as one value), rows are sorted by hash, and rows with equal hashes are
 * compared value by value, so a hash collision never makes a false duplicate.
 */
public final class DuplicateRows {

    private DuplicateRows() {
    }

    /** Groups of two or more identical rows (each group sorted, groups ordered by first row). */
    public static List<int[]> groups(INDArray matrix) {
        int n = (int) matrix.rows();
        int d = (int) matrix.columns();
        FloatMatrix.View view = FloatMatrix.view(matrix);
        long[] hashes = new long[n];
        float[] row = new float[d];
        for (int i = 0; i < n; i++) {
            view.get((long) i * d, row, 0, d);
            hashes[i] = hash(row);
        }
        int[] idx = sortByHash(hashes);
        List<int[]> out = new ArrayList<>();
        float[] a = new float[d];
        float[] b = new float[d];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && hashes[idx[end]] == hashes[idx[start]]) {
                end++;
            }
            if (end - start > 1) {
                collectEqual(view, d, idx, start, end, a, b, out);
            }
            start = end;
        }
        out.sort((x, y) -> Integer.compare(x[0], y[0]));
        return out;
    }

    private static void collectEqual(FloatMatrix.View view, int d, int[] idx, int start, int end, float[] a, float[] b,
                                     List<int[]> out) {
        boolean[] used = new boolean[end - start];
        for (int i = start; i < end; i++) {
            if (used[i - start]) {
                continue;
            }
            view.get((long) idx[i] * d, a, 0, d);
            int[] group = new int[end - start];
            int size = 0;
            group[size++] = idx[i];
            for (int k = i + 1; k < end; k++) {
                if (used[k - start]) {
                    continue;
                }
                view.get((long) idx[k] * d, b, 0, d);
                if (sameRow(a, b)) {
                    used[k - start] = true;
                    group[size++] = idx[k];
                }
            }
            if (size > 1) {
                int[] g = Arrays.copyOf(group, size);
                Arrays.sort(g);
                out.add(g);
            }
        }
    }

    /** Whether two rows hold the same values (NaN equals NaN, −0 equals 0), as the groups are made. */
    public static boolean sameRow(float[] a, float[] b) {
        for (int j = 0; j < a.length; j++) {
            float x = a[j];
            float y = b[j];
            if (x != y && !(x != x && y != y)) {
                return false;
            }
        }
        return true;
    }

    /** 64-bit hash of a row's values. */
    public static long hash(float[] row) {
        return hash(row, 0, row.length);
    }

    /** 64-bit hash of the {@code length} values from {@code offset} (a row inside a block). */
    public static long hash(float[] values, int offset, int length) {
        long h = 0x9E3779B97F4A7C15L;
        for (int j = offset; j < offset + length; j++) {
            float x = values[j];
            int bits = x != x ? 0x7fc00000 : Float.floatToRawIntBits(x + 0f);
            h = (h ^ bits) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        return h ^ (h >>> 32);
    }

    private static int[] sortByHash(long[] hashes) {
        int n = hashes.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        mergeSort(idx, new int[n], hashes, 0, n);
        return idx;
    }

    private static void mergeSort(int[] a, int[] tmp, long[] key, int lo, int hi) {
        if (hi - lo < 24) {
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= lo && key[a[j]] > key[v]) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, key, lo, mid);
        mergeSort(a, tmp, key, mid, hi);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            tmp[k++] = key[a[j]] < key[a[i]] ? a[j++] : a[i++];
        }
        while (i < mid) {
            tmp[k++] = a[i++];
        }
        while (j < hi) {
            tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, lo, a, lo, hi - lo);
    }
}
