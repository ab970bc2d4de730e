package dev.embedscope.tsne;

import dev.embedscope.util.Parallel;

/**
 * Gradient descent on the t-SNE cost as scikit-learn and openTSNE run it (after van der Maaten
 * 2014 and Jacobs 1988 for the gains): gradient {@code 4 (α · attr_i − rep_i / Z)} with early
 * exaggeration α, momentum, per-coordinate gains (+0.2 when the gradient changes sign against
 * the last update, ×0.8 otherwise, at least {@code minGain}), and the embedding re-centred after
 * every step. Every buffer is allocated once, before the first iteration.
 */
public final class Optimizer {

    /** The outcome: final positions, iterations run, last KL estimate, whether the listener stopped it. */
    public record Result(double[] y, int iterations, double kl, boolean stopped) {
    }

    private Optimizer() {
    }

    public static Result run(SparseP p, double[] y, int dims, TsneOptions o, RepulsiveForces repulsion, Parallel parallel,
                             TsneListener listener) {
        int n = p.n();
        int len = n * dims;
        double[] attr = new double[len];
        double[] rep = new double[len];
        double[] update = new double[len];
        double[] gains = new double[len];
        java.util.Arrays.fill(gains, 1);
        double rate = o.learningRateFor(n);
        double kl = Double.NaN;
        int it = 0;
        boolean stopped = false;
        for (; it < o.iterations(); it++) {
            boolean early = it < o.exaggerationIterations();
            double exaggeration = early ? o.earlyExaggeration() : 1;
            double momentum = early ? o.initialMomentum() : o.finalMomentum();
            AttractiveForces.compute(p, y, dims, attr, parallel);
            double z = repulsion.compute(y, rep);
            boolean measure = (it + 1) % o.klEvery() == 0 || it == o.iterations() - 1;
            double klNow = measure ? KlDivergence.of(p, y, dims, z, parallel) : Double.NaN;
            if (measure) {
                kl = klNow;
            }
            double invZ = 1 / z;
            for (int e = 0; e < len; e++) {
                double grad = 4 * (exaggeration * attr[e] - rep[e] * invZ);
                double g = grad * update[e] < 0 ? gains[e] + 0.2 : gains[e] * 0.8;
                g = Math.max(g, o.minGain());
                gains[e] = g;
                update[e] = momentum * update[e] - rate * g * grad;
                y[e] += update[e];
            }
            recentre(y, n, dims);
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
