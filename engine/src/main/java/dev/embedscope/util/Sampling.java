package dev.embedscope.util;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded sampling without replacement (partial Fisher-Yates), the same whatever else runs. */
public final class Sampling {

    private Sampling() {
    }

    /** Up to {@code k} of the values in {@code from}, in drawing order. */
    public static int[] draw(int[] from, int k, SplittableRandom random) {
        int[] a = from.clone();
        int m = Math.min(k, a.length);
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return Arrays.copyOf(a, m);
    }

    /** Up to {@code k} of the indices 0 … n−1, ascending (all of them when n ≤ k). */
    public static int[] sortedSubset(int n, int k, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= k) {
            return all;
        }
        int[] out = draw(all, k, random);
        Arrays.sort(out);
        return out;
    }
}
