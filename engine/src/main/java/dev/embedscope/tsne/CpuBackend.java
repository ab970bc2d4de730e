package dev.embedscope.tsne;

import dev.embedscope.knn.ApproximateKnn;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;
import dev.embedscope.util.Parallel;

/**
 * The CPU backend: exact GEMM kNN, parallel attractive forces, Barnes-Hut (van der Maaten 2014),
 * FFT-interpolated (Linderman et al. 2019) or exact repulsion, and the gradient step, all on the
 * worker threads of one {@link Parallel} pool; the reference every other backend is tested against.
 */
public final class CpuBackend implements ComputeBackend {

    /** The name this backend is asked for by. */
    public static final String NAME = "cpu";

    private final BackendRequest request;
    private final Parallel parallel;
    private SparseP p;
    private int dims;
    private RepulsiveForces repulsion;
    /** The float copy of the positions the 2-D attractive forces read. */
    private float[] positions;

    public CpuBackend(BackendRequest request) {
        this.request = request;
        this.parallel = new Parallel(request.threads());
    }

    public Parallel parallel() {
        return parallel;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean exactRepulsion() {
        return request.repulsion().method() == TsneOptions.Method.EXACT;
    }

    @Override
    public String device() {
        return request.threads() + " CPU thread" + (request.threads() == 1 ? "" : "s");
    }

    @Override
    public boolean approximateKnn(int n) {
        return request.knn().resolved(n) == TsneOptions.KnnMethod.APPROXIMATE;
    }

    @Override
    public KnnGraph knn(Points x, int k, ExactKnn.Progress progress) {
        if (approximateKnn(x.n())) {
            KnnGraph g = ApproximateKnn.selfGraph(x, k, ApproximateKnn.Settings.forK(k, request.seed()), parallel);
            if (progress != null) {
                progress.update(x.n(), x.n());
            }
            return g;
        }
        return ExactKnn.selfGraph(x, k, parallel, progress);
    }

    @Override
    public void prepare(SparseP matrix, int n, int dimensions) {
        this.p = matrix;
        this.dims = dimensions;
        this.positions = dimensions == 2 ? new float[2 * n] : null;
        this.repulsion = switch (request.repulsion().method().resolved(n, dimensions)) {
            case EXACT -> new ExactRepulsion(n, dimensions, parallel);
            case FFT -> {
                if (dimensions != 2) {
                    throw new IllegalArgumentException("the FFT repulsion embeds in 2 dimensions, not " + dimensions
                            + "; use --method bh");
                }
                yield new FftRepulsion(n, parallel);
            }
            case ADAPTIVE -> {
                if (dimensions != 2) {
                    throw new IllegalArgumentException("the adaptive repulsion embeds in 2 dimensions, not "
                            + dimensions + "; use --method bh");
                }
                yield new AdaptiveRepulsion(n, request.repulsion().theta(), parallel);
            }
            default -> new BarnesHutRepulsion(n, dimensions, request.repulsion().theta(), parallel);
        };
    }

    @Override
    public String repulsionNote() {
        if (repulsion instanceof AdaptiveRepulsion a) {
            int[] e = a.evaluations();
            return String.format(java.util.Locale.ROOT, "%,d evaluations by FFT, %,d by Barnes-Hut", e[0], e[1]);
        }
        return null;
    }

    @Override
    public void attractive(double[] y, double[] attr) {
        if (dims == 2) {
            AttractiveForces.compute2d(p, y, positions, attr, parallel);
        } else {
            AttractiveForces.compute(p, y, dims, attr, parallel);
        }
    }

    @Override
    public double repulsive(double[] y, double[] rep) {
        return repulsion.compute(y, rep);
    }

    @Override
    public void step(StepState s, double[] attr, double[] rep, double z, StepParameters q) {
        double[] y = s.y();
        double[] update = s.update();
        double[] gains = s.gains();
        double invZ = 1 / z;
        for (int e = 0; e < y.length; e++) {
            double grad = 4 * (q.exaggeration() * attr[e] - rep[e] * invZ);
            double g = grad * update[e] < 0 ? gains[e] + 0.2 : gains[e] * 0.8;
            g = Math.max(g, q.minGain());
            gains[e] = g;
            update[e] = q.momentum() * update[e] - q.rate() * g * grad;
            y[e] += update[e];
        }
    }

    @Override
    public void close() {
        parallel.close();
    }
}
