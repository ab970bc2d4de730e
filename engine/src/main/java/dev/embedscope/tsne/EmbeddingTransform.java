package dev.embedscope.tsne;

import dev.embedscope.data.FloatMatrix;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;
import dev.embedscope.util.Parallel;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Places new points into a frozen embedding, the openTSNE way (Poličar, Stražar and Zupan,
 * <i>openTSNE</i>, and Kobak and Berens 2019): each new point's k nearest reference points in the
 * space the reference was embedded from, a perplexity-calibrated distribution p(j|i) over them, a
 * start at the p-weighted median of their positions, then gradient steps on KL(p_i ‖ q_i) with
 * q_i spread over the reference points only, which stay fixed. New points do not interact.
 */
public final class EmbeddingTransform {

    private EmbeddingTransform() {
    }

    /** Positions (M×dims, row-major) of the rows of {@code x} (M×D, the reference's original feature space). */
    public static double[] transform(Embedding reference, INDArray x, TransformOptions o) {
        int dims = reference.dims();
        int m = (int) x.rows();
        INDArray z = reference.pca() == null ? x : reference.pca().transform(x);
        int k = Math.min(o.neighbours(), reference.n());
        try (Parallel parallel = new Parallel(o.threads())) {
            Points ref = reference.reference();
            KnnGraph graph = ExactKnn.search(FloatMatrix.of(ref.values(), ref.n(),
                    ref.d()), z, k, false, parallel, null);
            double[] p = Affinities.conditional(graph, Math.min(o.perplexity(), k / 3.0), parallel);
            double[] y = medianStart(reference.y(), dims, graph, p);
            optimise(reference, graph, p, y, m, o, parallel);
            return y;
        }
    }

    /** The p-weighted median of the neighbours' positions, per coordinate. */
    static double[] medianStart(double[] ref, int dims, KnnGraph g, double[] p) {
        int k = g.k();
        double[] y = new double[g.n() * dims];
        double[] values = new double[k];
        double[] weights = new double[k];
        Integer[] idx = new Integer[k];
        for (int i = 0; i < g.n(); i++) {
            for (int c = 0; c < dims; c++) {
                for (int r = 0; r < k; r++) {
                    values[r] = ref[dims * g.neighbour(i, r) + c];
                    weights[r] = p[i * k + r];
                    idx[r] = r;
                }
                Arrays.sort(idx, (a, b) -> Double.compare(values[a], values[b]));
                double half = 0;
                for (double w : weights) {
                    half += w;
                }
                half /= 2;
                double acc = 0;
                double median = values[idx[k - 1]];
                for (int r = 0; r < k; r++) {
                    acc += weights[idx[r]];
                    if (acc >= half) {
                        median = values[idx[r]];
                        break;
                    }
                }
                y[dims * i + c] = median;
            }
        }
        return y;
    }

    private static void optimise(Embedding reference, KnnGraph g, double[] p, double[] y, int m, TransformOptions o,
                                 Parallel parallel) {
        int dims = reference.dims();
        int k = g.k();
        double[] ref = reference.y();
        int len = m * dims;
        double[] rep = new double[len];
        double[] z = new double[m];
        double[] update = new double[len];
        double[] gains = new double[len];
        Arrays.fill(gains, 1);
        double[] attr = new double[dims];
        BarnesHutRepulsion tree = new BarnesHutRepulsion(reference.n(), dims, o.theta(), parallel);
        for (int it = 0; it < o.iterations(); it++) {
            double momentum = it < o.iterations() / 4 ? 0.5 : 0.8;
            tree.computeExternal(ref, y, m, rep, z);
            for (int i = 0; i < m; i++) {
                Arrays.fill(attr, 0);
                for (int r = 0; r < k; r++) {
                    int j = g.neighbour(i, r);
                    double d2 = 0;
                    for (int c = 0; c < dims; c++) {
                        double diff = y[dims * i + c] - ref[dims * j + c];
                        d2 += diff * diff;
                    }
                    double pw = p[i * k + r] / (1 + d2);
                    for (int c = 0; c < dims; c++) {
                        attr[c] += pw * (y[dims * i + c] - ref[dims * j + c]);
                    }
                }
                for (int c = 0; c < dims; c++) {
                    int e = dims * i + c;
                    double grad = 4 * (attr[c] - rep[e] / z[i]);
                    double gain = grad * update[e] < 0 ? gains[e] + 0.2 : gains[e] * 0.8;
                    gains[e] = Math.max(gain, 0.01);
                    update[e] = momentum * update[e] - o.learningRate() * gains[e] * grad;
                    y[e] += update[e];
                }
            }
        }
    }
}
