package dev.embedscope.tsne;

import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;
import dev.embedscope.util.Parallel;

/**
 * The t-SNE stages after the input is reduced (van der Maaten and Hinton, JMLR 2008; van der Maaten,
 * JMLR 2014): the kNN graph (k = 3·perplexity) on a {@link ComputeBackend}, calibrated symmetric
 * affinities, the points renumbered in Morton order of their starting layout, and the optimiser.
 * Each stage is its own class; this one runs them in order and times them. It holds no ND4J type,
 * so that the GPU machine's kit runs it without ND4J; {@code pipeline.EmbeddingJob} reduces the data
 * and calls it.
 */
public final class Tsne {

    private Tsne() {
    }

    /**
     * Embeds {@code reduced} (the points the kNN search sees) from the starting layout {@code initial}
     * (row-major N×dims, for instance {@link Initialisation#fromScores}).
     *
     * @throws TooFewPointsException when the points are fewer than 3 × perplexity + 1
     */
    public static Embedding fit(Points reduced, double[] initial, TsneOptions o, ComputeBackend backend,
                                TsneListener listener) {
        int n = reduced.n();
        int k = o.k();
        if (n - 1 < k) {
            throw new TooFewPointsException(n, o.perplexity(), k);
        }
        int dims = o.dims();
        int iterations = o.schedule().iterations();
        try (Parallel parallel = new Parallel(o.threads())) {
            long t1 = System.nanoTime();
            KnnGraph graph = backend.knn(reduced, k,
                    (done, total) -> listener.progress(TsneListener.Phase.KNN, done, total));
            long heard = System.nanoTime();
            listener.neighbours(reduced, graph);
            long t2 = System.nanoTime();
            listener.progress(TsneListener.Phase.AFFINITIES, 0, 1);
            // P is computed on the renumbered graph, so it exists once, in the optimiser's order (the same
            // values as P of the original graph renumbered); the original graph goes first
            int[] order = SpatialOrder.of(initial, n, dims);
            KnnGraph renumbered = SpatialOrder.permute(graph, order);
            graph = null;
            // conditional P replaces the renumbered graph's distances (Tsne's own copy): no memory of its own
            float[] conditional = Affinities.conditionalInPlace(renumbered, o.perplexity(), parallel);
            int[] neighbours = renumbered.indices();
            renumbered = null;
            SparseP local = Affinities.symmetric(n, k, neighbours, conditional);
            neighbours = null;
            conditional = null;
            listener.progress(TsneListener.Phase.AFFINITIES, 1, 1);
            long t3 = System.nanoTime();
            double[] permuted = SpatialOrder.permuteRows(initial, order, dims);
            double[] original = new double[permuted.length];
            TsneListener inOriginalOrder = new TsneListener() {
                @Override
                public boolean iteration(int it, double kl, double[] pos) {
                    listener.progress(TsneListener.Phase.OPTIMIZATION, it + 1, iterations);
                    SpatialOrder.unpermuteRows(pos, order, dims, original);
                    return listener.iteration(it, kl, original);
                }
            };
            Optimizer.Result r = Optimizer.run(local, permuted, dims, o, backend, parallel, inOriginalOrder);
            double[] finalY = SpatialOrder.unpermuteRows(r.y(), order, dims, new double[permuted.length]);
            long t4 = System.nanoTime();
            PhaseTimes times = new PhaseTimes(0, (heard - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
            return new Embedding(finalY, n, dims, o, r.kl(), r.iterations(), times, null, reduced,
                    new Embedding.Affinities(local, order), 1);
        }
    }
}
