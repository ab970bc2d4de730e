package dev.embedscope.tsne;

import dev.embedscope.util.Parallel;
import java.util.Arrays;

/**
 * Gradient descent on the t-SNE cost as scikit-learn and openTSNE run it (after van der Maaten
 * 2014 and Jacobs 1988 for the gains): gradient {@code 4 (α · attr_i − rep_i / Z)} with early
 * exaggeration α, momentum, per-coordinate gains (+0.2 when the gradient changes sign against
 * the last update, ×0.8 otherwise, at least {@code minGain}), and the embedding re-centred after
 * every step. Forces and the step run on a {@link ComputeBackend}; every buffer is allocated once,
 * before the first iteration.
 */
public final class Optimizer {

    /** The outcome: final positions, iterations run, last KL estimate, whether the listener stopped it. */
    public record Result(double[] y, int iterations, double kl, boolean stopped) {
    }

    private Optimizer() {
    }

    public static Result run(SparseP p, double[] y, int dims, TsneOptions o, ComputeBackend backend, Parallel parallel,
                             TsneListener listener) {
        int n = p.n();
        int len = n * dims;
        double[] attr = new double[len];
        double[] rep = new double[len];
        double[] gains = new double[len];
        double[] before = new double[len];
        Arrays.fill(gains, 1);
        ComputeBackend.StepState state = new ComputeBackend.StepState(y, new double[len], gains);
        TsneOptions.Schedule s = o.schedule();
        double rate = s.learningRateFor(n);
        backend.prepare(p, n, dims);
        double kl = Double.NaN;
        int it = 0;
        boolean stopped = false;
        for (; it < s.iterations(); it++) {
            boolean early = it < s.exaggerationIterations();
            ComputeBackend.StepParameters step = new ComputeBackend.StepParameters(early ? s.earlyExaggeration() : 1,
                    early ? s.initialMomentum() : s.finalMomentum(), rate, s.minGain());
            boolean measure = (it + 1) % s.klEvery() == 0 || it == s.iterations() - 1;
            if (measure) {
                System.arraycopy(y, 0, before, 0, len); // the KL belongs to the positions the forces saw
            }
            double z = backend.iterate(state, attr, rep, step);
            recentre(y, n, dims);
            double klNow = measure ? KlDivergence.of(p, before, dims, z, parallel) : Double.NaN;
            if (measure) {
                kl = klNow;
            }
            if (!listener.iteration(it, klNow, y)) {
                stopped = true;
                it++;
                break;
            }
        }
        return new Result(y, it, kl, stopped);
    }

    static void recentre(double[] y, int n, int dims) {
        for (int c = 0; c < dims; c++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += y[dims * i + c];
            }
            double mean = s / n;
            for (int i = 0; i < n; i++) {
                y[dims * i + c] -= mean;
            }
        }
    }
}
