package dev.embedscope.audit;

import dev.embedscope.data.Dataset;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.linalg.Pca;
import dev.embedscope.stats.DuplicateRows;
import dev.embedscope.util.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A data audit from the kNN graph alone, with no model trained (after the kNN label-disagreement
 * idea of Wilson 1972 and confident learning, Northcutt et al. 2021): label-noise suspects ranked by
 * {@link LabelNoise}, groups of near duplicates (and those whose labels disagree), outliers by mean
 * kNN distance, and which pairs of classes share the most kNN edges.
 *
 * @param k neighbours per point for duplicates, outliers and confusion
 * @param noise the label-noise scores of every row (null without labels)
 * @param suspects the {@code keep} most suspect rows, most suspect first (empty without labels)
 * @param outlierScore per row: mean distance to its k neighbours
 * @param confusion K×K symmetric counts of kNN edges between classes (row-major)
 */
public record Audit(Dataset data, int k, int noiseK, LabelNoise noise, int[] suspects, double[] outlierScore,
                    int[] outliers, List<int[]> duplicateGroups, double nearThreshold, long[] confusion) {

    public static Audit run(Dataset data, AuditOptions o) {
        return run(data, o, null);
    }

    /** As {@link #run(Dataset, AuditOptions)}, telling {@code progress} (may be null) how the kNN search goes. */
    public static Audit run(Dataset data, AuditOptions o, ExactKnn.Progress progress) {
        int n = data.rows();
        int k = Math.min(o.neighbours(), n - 1);
        int noiseK = Math.min(o.noiseNeighbours(), n - 1);
        if (k < 1) {
            throw new IllegalArgumentException(n + " row(s) are too few to audit (a neighbour is needed)");
        }
        try (Parallel parallel = new Parallel(o.threads())) {
            INDArray x = data.features();
            INDArray space = o.pcaDims() > 0 && data.columns() > o.pcaDims() ? Pca.fit(x, o.pcaDims()).transform(x) : x;
            KnnGraph g = ExactKnn.selfGraph(space, Math.max(k, data.hasLabels() ? noiseK : 0), parallel, progress);
            double[] outlier = new double[n];
            double[] nearest = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int r = 0; r < k; r++) {
                    s += Math.sqrt(g.sqDistance(i, r));
                }
                outlier[i] = s / k;
                nearest[i] = Math.sqrt(g.sqDistance(i, 0));
            }
            double[] sorted = nearest.clone();
            Arrays.sort(sorted);
            double threshold = o.nearFraction() * sorted[n / 2];
            List<int[]> groups = nearDuplicateGroups(g, threshold, k, DuplicateRows.groups(x));
            long[] confusion = null;
            LabelNoise noise = null;
            int[] suspects = new int[0];
            if (data.hasLabels()) {
                int classes = data.classCount();
                confusion = new long[classes * classes];
                int[] labels = data.labels();
                for (int i = 0; i < n; i++) {
                    for (int r = 0; r < k; r++) {
                        int lj = labels[g.neighbour(i, r)];
                        if (lj != labels[i]) {
                            confusion[labels[i] * classes + lj]++;
                            confusion[lj * classes + labels[i]]++;
                        }
                    }
                }
                noise = LabelNoise.score(g, labels, classes, noiseK);
                suspects = Arrays.copyOf(noise.ranking(), Math.min(o.keep(), n));
            }
            return new Audit(data, k, noiseK, noise, suspects, outlier, top(outlier, o.keep()),
                    groups, threshold, confusion);
        }
    }

    /** Indices of the {@code keep} largest scores, largest first (ties: lower index). */
    static int[] top(double[] score, int keep) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
        int m = Math.min(keep, idx.length);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** Connected groups of rows within the threshold of each other (kNN edges), exact duplicates included. */
    static List<int[]> nearDuplicateGroups(KnnGraph g, double threshold, int k, List<int[]> exact) {
        int n = g.n();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        double t2 = threshold * threshold;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k && g.sqDistance(i, r) <= t2; r++) {
                union(parent, i, g.neighbour(i, r));
            }
        }
        for (int[] group : exact) {
            for (int m = 1; m < group.length; m++) {
                union(parent, group[0], group[m]);
            }
        }
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            size[find(parent, i)]++;
        }
        List<int[]> groups = new ArrayList<>();
        int[][] members = new int[n][];
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (size[root] > 1) {
                if (members[root] == null) {
                    members[root] = new int[size[root]];
                }
                members[root][fill[root]++] = i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (members[i] != null) {
                groups.add(members[i]);
            }
        }
        groups.sort((a, b) -> Integer.compare(a[0], b[0]));
        return groups;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** Whether a group's rows carry more than one label. */
    public boolean conflicting(int[] group) {
        if (!data.hasLabels()) {
            return false;
        }
        for (int r : group) {
            if (data.labels()[r] != data.labels()[group[0]]) {
                return true;
            }
        }
        return false;
    }

    /** Class pairs (a < b) by decreasing shared kNN edges: each entry {a, b, edges}. */
    public List<long[]> confusedPairs() {
        List<long[]> pairs = new ArrayList<>();
        if (confusion == null) {
            return pairs;
        }
        int classes = data.classCount();
        for (int a = 0; a < classes; a++) {
            for (int b = a + 1; b < classes; b++) {
                if (confusion[a * classes + b] > 0) {
                    pairs.add(new long[] {a, b, confusion[a * classes + b]});
                }
            }
        }
        pairs.sort((x, y) -> Long.compare(y[2], x[2]));
        return pairs;
    }
}
