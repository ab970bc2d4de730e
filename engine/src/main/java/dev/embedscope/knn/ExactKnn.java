package dev.embedscope.knn;

import dev.embedscope.data.FloatMatrix;
import dev.embedscope.util.Parallel;
import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Exact k-nearest-neighbour search by blocked GEMM: squared distances ‖q‖² + ‖r‖² − 2 q·r for a
 * tile of queries against a tile of reference points come from one ND4J matrix product, and each
 * query keeps its k best in a bounded max-heap while the reference tiles stream by. Selection is
 * parallel over query rows; each row sees the reference points in the same order, so the result
 * does not depend on the thread count.
 */
public final class ExactKnn {

    static final int QUERY_BLOCK = 1024;
    static final int REFERENCE_BLOCK = 4096;
    private static final int ROWS_PER_TASK = 32;

    /** Progress after each block of queries: (queries done, total). */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    private ExactKnn() {
    }

    /** The k nearest neighbours of every row of {@code x} among the other rows. */
    public static KnnGraph selfGraph(INDArray x, int k, Parallel parallel, Progress progress) {
        return search(x, x, k, true, parallel, progress);
    }

    /** The k nearest neighbours of every point among the others. */
    public static KnnGraph selfGraph(Points x, int k, Parallel parallel, Progress progress) {
        INDArray m = FloatMatrix.of(x.values(), x.n(), x.d());
        return search(m, m, k, true, parallel, progress);
    }

    /**
     * For each row of {@code queries}, its k nearest rows of {@code reference}; with
     * {@code excludeSelf} (queries are the reference) a point is not its own neighbour.
     */
    public static KnnGraph search(INDArray reference, INDArray queries, int k, boolean excludeSelf, Parallel parallel,
                                  Progress progress) {
        int n = (int) reference.rows();
        int q = (int) queries.rows();
        int d = (int) reference.columns();
        if (queries.columns() != d) {
            throw new IllegalArgumentException("queries have " + queries.columns() + " dimensions, the reference " + d);
        }
        int available = excludeSelf ? n - 1 : n;
        if (k < 1 || k > available) {
            throw new IllegalArgumentException("k = " + k + " neighbours asked of " + available + " candidate points");
        }
        float[] refNorms = squaredNorms(reference);
        float[] queryNorms = excludeSelf ? refNorms : squaredNorms(queries);
        int[] outIdx = new int[q * k];
        float[] outDist = new float[q * k];
        float[] heapD = new float[QUERY_BLOCK * k];
        int[] heapI = new int[QUERY_BLOCK * k];
        int[] heapSize = new int[QUERY_BLOCK];
        Map<Long, INDArray> tiles = new HashMap<>();
        FloatMatrix.View queryView = FloatMatrix.view(queries);
        FloatMatrix.View refView = FloatMatrix.view(reference);
        for (int q0 = 0; q0 < q; q0 += QUERY_BLOCK) {
            int qb = Math.min(QUERY_BLOCK, q - q0);
            INDArray qBlock = queries.get(NDArrayIndex.interval(q0, q0 + qb), NDArrayIndex.all());
            Arrays.fill(heapSize, 0);
            for (int r0 = 0; r0 < n; r0 += REFERENCE_BLOCK) {
                int rb = Math.min(REFERENCE_BLOCK, n - r0);
                INDArray rBlock = reference.get(NDArrayIndex.interval(r0, r0 + rb), NDArrayIndex.all());
                INDArray tile = tiles.computeIfAbsent(((long) qb << 32) | rb,
                        key -> Nd4j.createUninitialized(DataType.FLOAT, qb, rb));
                Nd4j.gemm(qBlock, rBlock, tile, false, true, 1.0, 0.0);
                FloatBuffer dots = tile.data().asNioFloat();
                final int fq0 = q0;
                final int fr0 = r0;
                parallel.forBlocks(qb, ROWS_PER_TASK, (block, from, to) -> {
                    float[] row = new float[rb];
                    for (int i = from; i < to; i++) {
                        dots.get(i * rb, row, 0, rb);
                        selectRow(row, rb, i, fq0 + i, fr0, queryNorms[fq0 + i], refNorms,
                                excludeSelf, k, heapD, heapI, heapSize);
                    }
                });
                Reference.reachabilityFence(tile);
            }
            final int fq0 = q0;
            parallel.forBlocks(qb, ROWS_PER_TASK, (block, from, to) -> {
                float[] qRow = new float[d];
                float[] rRow = new float[d];
                for (int i = from; i < to; i++) {
                    drain(heapD, heapI, i, k, outDist, outIdx, (fq0 + i) * k);
                    refine(queryView, refView, fq0 + i, k, d, outIdx, outDist, qRow, rRow);
                }
            });
            if (progress != null) {
                progress.update(q0 + qb, q);
            }
        }
        return new KnnGraph(q, k, outIdx, outDist);
    }

    private static void selectRow(float[] dots, int rb, int i, int query, int r0, float qn, float[] refNorms,
                                  boolean excludeSelf, int k, float[] heapD, int[] heapI, int[] heapSize) {
        int base = i * k;
        int size = heapSize[i];
        float worst = size < k ? Float.POSITIVE_INFINITY : heapD[base];
        for (int j = 0; j < rb; j++) {
            float dist = qn + refNorms[r0 + j] - 2f * dots[j];
            if (dist < worst) {
                int ref = r0 + j;
                if (excludeSelf && ref == query) {
                    continue;
                }
                if (dist < 0f) {
                    dist = 0f;
                }
                if (size < k) {
                    siftUp(heapD, heapI, base, size, dist, ref);
                    size++;
                    if (size == k) {
                        worst = heapD[base];
                    }
                } else {
                    siftDown(heapD, heapI, base, k, dist, ref);
                    worst = heapD[base];
                }
            }
        }
        heapSize[i] = size;
    }

    /**
     * Max-heap on distance (ties: larger index on top), stored at heap[base .. base+size); shared with
     * {@link ApproximateKnn}, so that both searches keep the same k under the same tie rule.
     */
    static boolean above(float da, int ia, float db, int ib) {
        return da > db || (da == db && ia > ib);
    }

    static void siftUp(float[] hd, int[] hi, int base, int pos, float dist, int idx) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!above(dist, idx, hd[base + parent], hi[base + parent])) {
                break;
            }
            hd[base + pos] = hd[base + parent];
            hi[base + pos] = hi[base + parent];
            pos = parent;
        }
        hd[base + pos] = dist;
        hi[base + pos] = idx;
    }

    static void siftDown(float[] hd, int[] hi, int base, int size, float dist, int idx) {
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && above(hd[base + child + 1], hi[base + child + 1],
                    hd[base + child], hi[base + child])) {
                child++;
            }
            if (!above(hd[base + child], hi[base + child], dist, idx)) {
                break;
            }
            hd[base + pos] = hd[base + child];
            hi[base + pos] = hi[base + child];
            pos = child;
        }
        hd[base + pos] = dist;
        hi[base + pos] = idx;
    }

    /** Empties heap i into the output, nearest first. */
    static void drain(float[] hd, int[] hi, int i, int k, float[] outD, int[] outI, int outBase) {
        int base = i * k;
        for (int size = k; size > 0; size--) {
            outD[outBase + size - 1] = hd[base];
            outI[outBase + size - 1] = hi[base];
            float lastD = hd[base + size - 1];
            int lastI = hi[base + size - 1];
            siftDown(hd, hi, base, size - 1, lastD, lastI);
        }
    }

    /**
     * Recomputes the k squared distances of one query exactly (in double, from the coordinates)
     * and re-sorts them: the GEMM form loses digits to cancellation when distances are small
     * against the norms, and the affinities are calibrated on these distances.
     */
    private static void refine(FloatMatrix.View queries, FloatMatrix.View reference, int query, int k, int d, int[] idx,
                               float[] dist, float[] qRow, float[] rRow) {
        queries.get((long) query * d, qRow, 0, d);
        int base = query * k;
        for (int r = 0; r < k; r++) {
            reference.get((long) idx[base + r] * d, rRow, 0, d);
            double s = 0;
            for (int t = 0; t < d; t++) {
                double diff = (double) qRow[t] - rRow[t];
                s += diff * diff;
            }
            dist[base + r] = (float) s;
        }
        for (int a = 1; a < k; a++) {
            float dv = dist[base + a];
            int iv = idx[base + a];
            int b = a - 1;
            while (b >= 0 && (dist[base + b] > dv || (dist[base + b] == dv && idx[base + b] > iv))) {
                dist[base + b + 1] = dist[base + b];
                idx[base + b + 1] = idx[base + b];
                b--;
            }
            dist[base + b + 1] = dv;
            idx[base + b + 1] = iv;
        }
    }

    static float[] squaredNorms(INDArray x) {
        int n = (int) x.rows();
        int d = (int) x.columns();
        FloatMatrix.View view = FloatMatrix.view(x);
        float[] row = new float[d];
        float[] norms = new float[n];
        for (int i = 0; i < n; i++) {
            view.get((long) i * d, row, 0, d);
            double s = 0;
            for (float v : row) {
                s += (double) v * v;
            }
            norms[i] = (float) s;
        }
        return norms;
    }
}
