package dev.embedscope.audit;

import dev.embedscope.knn.KnnGraph;

/**
 * Scores every row's label by how little its neighbourhood supports it, in the manner of confident
 * learning (Northcutt, Jiang and Chuang, "Confident Learning: Estimating Uncertainty in Dataset Labels",
 * JAIR 70, 2021), with a kNN classifier standing in for the model's out-of-sample probabilities:
 *
 * <ol>
 *   <li>p̂(i, c): the Gaussian-weighted share of row i's k nearest other rows labelled c (weight
 *       exp(−(d/d_k)²), d_k the distance to the k-th neighbour), smoothed towards the class shares
 *       with the weight of half a neighbour;</li>
 *   <li>per-class thresholds t_c: the mean p̂(i, c) over the rows labelled c (confident learning's
 *       per-class average self-confidence), so a small or spread-out class is not suspect merely for
 *       being small;</li>
 *   <li>q(i, c) = (p̂(i, c) / t_c) / Σ_c' p̂(i, c') / t_c': the calibrated probability of class c;</li>
 *   <li>the score 1 − q(i, given label), in [0, 1]; equal scores are ordered by the margin
 *       max_{c ≠ given} q(i, c) − q(i, given), then by the distance to the nearest neighbour that shares
 *       the label (farther first), never by row number while these differ.</li>
 * </ol>
 * The suggested label is the class of largest q.
 *
 * @param score per row, in [0, 1]: 1 − the calibrated probability of its given label
 * @param margin per row, in [−1, 1]: the best other class's calibrated probability minus the given one's
 * @param sameLabelDistance per row: distance to the nearest neighbour with the same label (infinity when none)
 * @param suggested per row: the class of largest calibrated probability
 * @param thresholds per class: the mean p̂ of the class over its own rows
 */
public record LabelNoise(double[] score, double[] margin, double[] sameLabelDistance, int[] suggested,
                         double[] thresholds) {

    /** Scores the labels of the graph's rows from their first {@code k} neighbours. */
    public static LabelNoise score(KnnGraph graph, int[] labels, int classes, int k) {
        int n = labels.length;
        int kk = Math.min(k, graph.k());
        long[] counts = new long[classes];
        for (int l : labels) {
            counts[l]++;
        }
        double[] p = new double[n * classes];
        double[] sameLabel = new double[n];
        for (int i = 0; i < n; i++) {
            double bandwidth = Math.sqrt(graph.sqDistance(i, kk - 1));
            double total = 0;
            sameLabel[i] = Double.POSITIVE_INFINITY;
            for (int r = 0; r < kk; r++) {
                double d = Math.sqrt(graph.sqDistance(i, r));
                double u = bandwidth > 0 ? d / bandwidth : 0;
                double w = Math.exp(-u * u);
                int c = labels[graph.neighbour(i, r)];
                p[i * classes + c] += w;
                total += w;
                if (c == labels[i] && d < sameLabel[i]) {
                    sameLabel[i] = d;
                }
            }
            for (int c = 0; c < classes; c++) {
                p[i * classes + c] = (p[i * classes + c] + PRIOR_WEIGHT * counts[c] / n) / (total + PRIOR_WEIGHT);
            }
        }
        double[] t = new double[classes];
        for (int i = 0; i < n; i++) {
            t[labels[i]] += p[i * classes + labels[i]];
        }
        for (int c = 0; c < classes; c++) {
            t[c] = counts[c] == 0 ? 1 : t[c] / counts[c];
        }
        double[] score = new double[n];
        double[] margin = new double[n];
        int[] suggested = new int[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += p[i * classes + c] / t[c];
            }
            int y = labels[i];
            double own = p[i * classes + y] / t[y] / sum;
            double bestOther = 0;
            int best = y;
            double bestQ = own;
            for (int c = 0; c < classes; c++) {
                double q = p[i * classes + c] / t[c] / sum;
                if (c != y) {
                    bestOther = Math.max(bestOther, q);
                }
                if (q > bestQ) {
                    bestQ = q;
                    best = c;
                }
            }
            score[i] = Math.min(1, Math.max(0, 1 - own));
            margin[i] = bestOther - own;
            suggested[i] = best;
        }
        return new LabelNoise(score, margin, sameLabel, suggested, t);
    }

    /** The weight, in neighbours, of the class shares every p̂ is smoothed towards. */
    static final double PRIOR_WEIGHT = 0.5;

    /** Rows in suspicion order: score, then margin, then the distance to the nearest same-label neighbour. */
    public int[] ranking() {
        int n = score.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(score[b], score[a]);
            if (c == 0) {
                c = Double.compare(margin[b], margin[a]);
            }
            return c != 0 ? c : Double.compare(sameLabelDistance[b], sameLabelDistance[a]);
        });
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
