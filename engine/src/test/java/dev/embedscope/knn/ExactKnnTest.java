package dev.embedscope.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedscope.data.FloatMatrix;
import dev.embedscope.util.Parallel;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Blocked GEMM search against brute force, across query and reference block boundaries. */
class ExactKnnTest {

    static float[] random(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * 3 + 10);
        }
        return v;
    }

    static int[] bruteForce(float[] ref, float[] q, int n, int m, int d, int i, int k,
            boolean excludeSelf, double[] distOut) {
        Integer[] idx = new Integer[n];
        double[] dist = new double[n];
        for (int j = 0; j < n; j++) {
            idx[j] = j;
            double s = 0;
            for (int t = 0; t < d; t++) {
                double diff = (double) q[i * d + t] - ref[j * d + t];
                s += diff * diff;
            }
            dist[j] = excludeSelf && j == i ? Double.POSITIVE_INFINITY : s;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer j) -> dist[j]).thenComparingInt(j -> j));
        int[] out = new int[k];
        for (int r = 0; r < k; r++) {
            out[r] = idx[r];
            distOut[r] = dist[idx[r]];
        }
        return out;
    }

    @Test
    void selfGraphMatchesBruteForceAcrossBlocks() {
        int n = ExactKnn.REFERENCE_BLOCK + 700; // more than one reference tile and five query tiles
        int d = 7;
        int k = 12;
        float[] v = random(n, d, 1);
        KnnGraph g;
        try (Parallel p = new Parallel(2)) {
            g = ExactKnn.selfGraph(FloatMatrix.of(v, n, d), k, p, null);
        }
        double[] dist = new double[k];
        for (int i = 0; i < n; i += 97) {
            int[] expected = bruteForce(v, v, n, n, d, i, k, true, dist);
            for (int r = 0; r < k; r++) {
                assertEquals(expected[r], g.neighbour(i, r), "row " + i + " rank " + r);
                assertEquals(dist[r], g.sqDistance(i, r), 1e-6 * dist[r], "distance " + i + "," + r);
            }
        }
    }

    @Test
    void queriesAgainstAnotherSetAndThreadCountDoesNotMatter() {
        int n = 1500;
        int m = 1100;
        int d = 5;
        float[] ref = random(n, d, 2);
        float[] q = random(m, d, 3);
        KnnGraph one;
        KnnGraph two;
        try (Parallel p1 = new Parallel(1); Parallel p2 = new Parallel(2)) {
            one = ExactKnn.search(FloatMatrix.of(ref, n, d), FloatMatrix.of(q, m, d), 5, false, p1, null);
            two = ExactKnn.search(FloatMatrix.of(ref, n, d), FloatMatrix.of(q, m, d), 5, false, p2, null);
        }
        assertArrayEquals(one.indices(), two.indices());
        assertArrayEquals(one.sqDistances(), two.sqDistances());
        double[] dist = new double[5];
        for (int i = 0; i < m; i += 31) {
            assertArrayEquals(bruteForce(ref, q, n, m, d, i, 5, false, dist), Arrays.copyOfRange(one.indices(), i * 5, i
                    * 5 + 5));
        }
    }
}
