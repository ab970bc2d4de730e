package dev.embedscope.tsne;

import dev.embedscope.backend.BackendRequest;
import dev.embedscope.backend.ComputeBackend;
import dev.embedscope.backend.CpuBackend;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.linalg.Pca;
import dev.embedscope.util.Parallel;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The whole t-SNE pipeline for one matrix: optional PCA, exact kNN graph (k = 3·perplexity),
 * calibrated symmetric affinities, PCA initialisation, and the optimiser with Barnes-Hut or
 * exact repulsion. Each stage is its own class; this one only runs them in order and times them.
 */
public final class Tsne {

    /** Output standard deviation of the first coordinate after initialisation (as scikit-learn and openTSNE). */
    public static final double INIT_STD = 1e-4;

    private Tsne() {
    }

    /**
     * Embeds the rows of {@code x} (N×D float32, finite).
     *
     * @param pcaDims reduce to this many principal components first when D is larger (0: never)
     */
    public static Embedding fit(INDArray x, int pcaDims, TsneOptions o, TsneListener listener) {
        try (ComputeBackend cpu = new CpuBackend(BackendRequest.of(o))) {
            return fit(x, pcaDims, o, listener, cpu);
        }
    }

    /** As {@link #fit(INDArray, int, TsneOptions, TsneListener)}, with the kNN search, forces and steps on {@code backend}. */
    public static Embedding fit(INDArray x, int pcaDims, TsneOptions o, TsneListener listener, ComputeBackend backend) {
        int n = (int) x.rows();
        int d = (int) x.columns();
        int k = o.neighbours();
        if (n - 1 < k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d points are too few for perplexity %s (it needs more than 3 × perplexity = %d points);"
                            + " use --perplexity %s or less", n, num(o.perplexity()), k, num(Math.max(1, Math.floor((n - 2) / 3.0)))));
        }
        try (Parallel parallel = new Parallel(o.threads())) {
            long t0 = System.nanoTime();
            Pca pca = null;
            INDArray reduced = x;
            listener.progress(TsneListener.Phase.PCA, 0, 1);
            if (pcaDims > 0 && d > pcaDims) {
                pca = Pca.fit(x, pcaDims);
                reduced = pca.transform(x);
            }
            listener.progress(TsneListener.Phase.PCA, 1, 1);
            long t1 = System.nanoTime();
            KnnGraph graph = backend.knn(reduced, k, (done, total) -> listener.progress(TsneListener.Phase.KNN, done, total));
            long t2 = System.nanoTime();
            listener.progress(TsneListener.Phase.AFFINITIES, 0, 1);
            double[] conditional = Affinities.conditional(graph, o.perplexity(), parallel);
            SparseP p = Affinities.symmetric(graph, conditional);
            listener.progress(TsneListener.Phase.AFFINITIES, 1, 1);
            long t3 = System.nanoTime();
            double[] y = initialise(reduced, pca, o);
            int[] order = SpatialOrder.of(y, n, o.dims());
            SparseP local = SpatialOrder.permute(p, order);
            double[] permuted = SpatialOrder.permuteRows(y, order, o.dims());
            double[] original = new double[permuted.length];
            TsneListener inOriginalOrder = new TsneListener() {
                @Override
                public boolean iteration(int it, double kl, double[] pos) {
                    listener.progress(TsneListener.Phase.OPTIMIZATION, it + 1, o.iterations());
                    SpatialOrder.unpermuteRows(pos, order, o.dims(), original);
                    return listener.iteration(it, kl, original);
                }
            };
            Optimizer.Result r = Optimizer.run(local, permuted, o.dims(), o, backend, parallel, inOriginalOrder);
            double[] finalY = SpatialOrder.unpermuteRows(r.y(), order, o.dims(), new double[permuted.length]);
            long t4 = System.nanoTime();
            PhaseTimes times = new PhaseTimes((t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
            return new Embedding(finalY, n, o.dims(), o, r.kl(), r.iterations(), times, pca, reduced, p,
                    pca == null ? 1 : pca.explainedVariance());
        }
    }

    /**
     * PCA initialisation: the first {@code dims} principal components of the (reduced) data, scaled
     * so the first coordinate has standard deviation 1e-4; a seeded Gaussian when the data has no
     * spread at all.
     */
    static double[] initialise(INDArray reduced, Pca pca, TsneOptions o) {
        int n = (int) reduced.rows();
        int dims = o.dims();
        double[] y = new double[n * dims];
        INDArray init;
        if (pca != null && pca.dimensions() >= dims) {
            init = reduced; // principal component scores, first columns first
        } else {
            init = Pca.fit(reduced, Math.min(dims, (int) reduced.columns())).transform(reduced);
        }
        int cols = (int) init.columns();
        FloatMatrix.View view = FloatMatrix.view(init.dup('c'));
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dims && c < cols; c++) {
                y[dims * i + c] = view.get((long) i * cols + c);
            }
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += y[dims * i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            var += (y[dims * i] - mean) * (y[dims * i] - mean);
        }
        double std = Math.sqrt(var / n);
        if (!(std > 1e-12) || cols < dims) {
            SplittableRandom random = new SplittableRandom(o.seed());
            for (int e = 0; e < y.length; e++) {
                y[e] = gaussian(random) * INIT_STD;
            }
            return y;
        }
        double scale = INIT_STD / std;
        for (int e = 0; e < y.length; e++) {
            y[e] *= scale;
        }
        return y;
    }

    static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
