package dev.embedscope.quality;

import dev.embedscope.knn.Points;
import dev.embedscope.tsne.Embedding;
import dev.embedscope.tsne.KlDivergence;
import dev.embedscope.tsne.SparseP;
import dev.embedscope.util.Parallel;
import dev.embedscope.util.Sampling;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How faithful an embedding is: KL divergence (exact up to {@value #EXACT_KL_LIMIT} points, else
 * the optimiser's estimate), k-NN preservation (the share of each point's k nearest input-space
 * neighbours that are among its k nearest in the embedding), leave-one-out k-NN classification
 * accuracy in the embedding, and trustworthiness (Venna and Kaski 2001). Neighbour searches are
 * exact brute force; above {@code sampleLimit} points they run for a seeded sample of queries.
 */
public final class EmbeddingQuality {

    public static final int EXACT_KL_LIMIT = 10_000;
    public static final int K = 10;
    private static final int QUERIES_PER_TASK = 16;

    /**
     * The measurements; accuracy is NaN without labels.
     *
     * @param queries          points whose input-space neighbours were searched (preservation, trustworthiness)
     * @param accuracyPoints   points the 10-NN accuracy was measured on: all of them in 2-D (a grid search in the
     *                         embedding), else the same sampled queries
     */
    public record Quality(double kl, boolean klExact, double knnPreservation, double knnAccuracy,
                          double trustworthiness, int queries, int accuracyPoints) {
    }

    private EmbeddingQuality() {
    }

    /**
     * The quality of a fitted embedding against the points it was fitted on.
     *
     * @param labels class labels or null
     * @param sampleLimit queries measured at most (a seeded sample above it)
     */
    public static Quality measure(Embedding e, int[] labels, int sampleLimit, long seed, Parallel parallel) {
        SparseP p = e.n() <= EXACT_KL_LIMIT ? e.p() : null;
        return measure(e.reference(), e.y(), e.dims(), p, e.kl(), labels, sampleLimit, seed, parallel);
    }

    /**
     * @param input the points t-SNE saw (N×D float32)
     * @param y the embedding, row-major N×dims
     * @param p the affinities (for the exact KL)
     * @param klEstimate the optimiser's last estimate (used above the exact limit)
     * @param labels class labels or null
     */
    static Quality measure(Points input, double[] y, int dims, SparseP p, double klEstimate, int[] labels,
                                  int sampleLimit, long seed, Parallel parallel) {
        int n = input.n();
        boolean exactKl = n <= EXACT_KL_LIMIT && p != null;
        double kl = exactKl ? KlDivergence.exact(p, y, dims, parallel) : klEstimate;
        int[] queries = queries(n, sampleLimit, seed);
        int k = Math.min(K, n - 1);
        double[] preserved = new double[queries.length];
        double[] correct = new double[queries.length];
        double[] penalty = new double[queries.length];
        parallel.forBlocks(queries.length, QUERIES_PER_TASK, (block, from, to) -> {
            double[] inDist = new double[n];
            double[] outDist = new double[n];
            int[] inNn = new int[k];
            int[] outNn = new int[k];
            for (int qi = from; qi < to; qi++) {
                int i = queries[qi];
                for (int j = 0; j < n; j++) {
                    inDist[j] = input.squaredDistance(i, j);
                    double s = 0;
                    for (int c = 0; c < dims; c++) {
                        double diff = y[dims * i + c] - y[dims * j + c];
                        s += diff * diff;
                    }
                    outDist[j] = s;
                }
                nearest(inDist, i, k, inNn);
                nearest(outDist, i, k, outNn);
                int common = 0;
                double pen = 0;
                for (int a = 0; a < k; a++) {
                    boolean found = false;
                    for (int b = 0; b < k; b++) {
                        found |= outNn[a] == inNn[b];
                    }
                    if (found) {
                        common++;
                    } else {
                        pen += rank(inDist, i, outNn[a]) - k;
                    }
                }
                preserved[qi] = (double) common / k;
                penalty[qi] = pen;
                correct[qi] = labels == null ? 0 : vote(labels, outNn, i) ? 1 : 0;
            }
        });
        double pres = mean(preserved);
        double acc = labels == null ? Double.NaN : mean(correct);
        int accuracyPoints = queries.length;
        if (labels != null && dims == 2 && n > k) {
            // the accuracy needs only the embedding's neighbours: measured on every point, not a sample
            int[] nn = GridNeighbours.of(y, n, k, parallel);
            int[] row = new int[k];
            long right = 0;
            for (int i = 0; i < n; i++) {
                System.arraycopy(nn, i * k, row, 0, k);
                right += vote(labels, row, i) ? 1 : 0;
            }
            acc = (double) right / n;
            accuracyPoints = n;
        }
        double sumPen = 0;
        for (double v : penalty) {
            sumPen += v;
        }
        double trust = 1 - 2.0 / (queries.length * (double) k * (2.0 * n - 3.0 * k - 1)) * sumPen;
        return new Quality(kl, exactKl, pres, acc, trust, queries.length, accuracyPoints);
    }

    /** Indices of the k smallest distances except {@code self}, nearest first (ties: lower index). */
    static void nearest(double[] dist, int self, int k, int[] out) {
        double[] best = new double[k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        Arrays.fill(out, -1);
        for (int j = 0; j < dist.length; j++) {
            if (j == self) {
                continue;
            }
            double v = dist[j];
            if (v < best[k - 1]) {
                int pos = k - 1;
                while (pos > 0 && best[pos - 1] > v) {
                    best[pos] = best[pos - 1];
                    out[pos] = out[pos - 1];
                    pos--;
                }
                best[pos] = v;
                out[pos] = j;
            }
        }
    }

    /** 1-based rank of j among i's input-space neighbours (points strictly closer, plus ties before j, plus one). */
    static int rank(double[] dist, int i, int j) {
        double dj = dist[j];
        int r = 1;
        for (int t = 0; t < dist.length; t++) {
            if (t != i && t != j && (dist[t] < dj || (dist[t] == dj && t < j))) {
                r++;
            }
        }
        return r;
    }

    /** Majority label among the neighbours (ties: the nearest of the tied classes) equals the point's label. */
    static boolean vote(int[] labels, int[] nn, int i) {
        int max = 0;
        for (int j : nn) {
            max = Math.max(max, labels[j]);
        }
        int[] votes = new int[max + 1];
        for (int j : nn) {
            votes[labels[j]]++;
        }
        int best = -1;
        for (int j : nn) {
            int c = labels[j];
            if (best < 0 || votes[c] > votes[best]) {
                best = c;
            }
        }
        return best == labels[i];
    }

    static int[] queries(int n, int limit, long seed) {
        return Sampling.sortedSubset(n, limit, new SplittableRandom(seed));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
