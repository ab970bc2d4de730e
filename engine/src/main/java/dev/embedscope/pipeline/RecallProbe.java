package dev.embedscope.pipeline;

import dev.embedscope.knn.ApproximateKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;
import dev.embedscope.util.Parallel;
import dev.embedscope.util.Sampling;
import java.util.SplittableRandom;

/**
 * Passes a job's events on and, when the run's neighbours were found approximately and quality is asked
 * for, measures their recall@k against brute force on a seeded sample of rows ({@link #ROWS} at most) as
 * soon as the graph exists.
 */
final class RecallProbe implements JobListener {

    /** The rows whose exact neighbours are found by brute force. */
    static final int ROWS = 1000;

    private final JobListener listener;
    private final boolean approximate;
    private final boolean measure;
    private final long seed;
    private final int threads;
    private double recall = Double.NaN;
    private int rows;
    private double seconds;

    RecallProbe(JobListener listener, boolean approximate, boolean measure, long seed, int threads) {
        this.listener = listener;
        this.approximate = approximate;
        this.measure = measure;
        this.seed = seed;
        this.threads = threads;
    }

    @Override
    public void neighbours(Points points, KnnGraph graph) {
        listener.neighbours(points, graph);
        if (!measure) {
            return;
        }
        long t0 = System.nanoTime();
        int[] sample = Sampling.sortedSubset(points.n(), Math.min(ROWS, points.n()), new SplittableRandom(seed));
        try (Parallel parallel = new Parallel(threads)) {
            recall = ApproximateKnn.recall(graph, sample, ApproximateKnn.exactRows(points, sample, graph.k(),
                    parallel));
        }
        rows = sample.length;
        seconds = (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public void progress(Phase phase, long done, long total) {
        listener.progress(phase, done, total);
    }

    @Override
    public boolean iteration(int iteration, double kl, double[] y) {
        return listener.iteration(iteration, kl, y);
    }

    @Override
    public void note(String line) {
        listener.note(line);
    }

    /** Whether the graph was found approximately. */
    boolean approximate() {
        return approximate;
    }

    /** The recall measured (NaN when not measured). */
    double recall() {
        return recall;
    }

    /** The rows it was measured on (0 when not measured). */
    int rows() {
        return rows;
    }

    /** Seconds the measurement took. */
    double seconds() {
        return seconds;
    }
}
