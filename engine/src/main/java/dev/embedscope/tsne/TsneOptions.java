package dev.embedscope.tsne;

/**
 * The settings of one t-SNE run, one validated value made by {@link #builder()}, grouped by stage:
 * the neighbour graph and its perplexity, the optimisation schedule, the repulsion method, the
 * output dimensions, the seed and the threads. Defaults (here, and nowhere else) follow
 * scikit-learn ≥ 1.2 and openTSNE: perplexity 30, early exaggeration 12 for 250 iterations at
 * momentum 0.5, then momentum 0.8, 1000 iterations in all, learning rate auto = max(N / early
 * exaggeration / 4, 50) (Belkina et al. 2019), gains with minimum 0.01, Barnes-Hut θ = 0.5 (van der
 * Maaten 2014), 2-D, KL estimated every 50 iterations, seed 1, all cores.
 */
public record TsneOptions(Neighbours neighbours, Schedule schedule, Repulsion repulsion,
        int dims, long seed, int threads) {

    /** How neighbours are found. */
    public enum KnnMethod {
        /** Brute force over all pairs (GEMM tiles on the CPU, distance tiles on OpenCL). */
        EXACT,
        /** A random-projection forest refined by neighbour descent ({@code knn.ApproximateKnn}). */
        APPROXIMATE,
        /** Approximate from {@link #APPROXIMATE_FROM} points, where it was measured faster, else exact. */
        AUTO;

        /** The fewest points for which {@link #AUTO} takes the approximate search. */
        public static final int APPROXIMATE_FROM = 40_000;

        /** This method for a run of n points: AUTO decided, the others as they are. */
        public KnnMethod resolved(int n) {
            return this != AUTO ? this : n >= APPROXIMATE_FROM ? APPROXIMATE : EXACT;
        }
    }

    /** How repulsive forces are computed. */
    public enum Method {
        /** Barnes-Hut space-partitioning tree, O(N log N) per iteration. */
        BARNES_HUT,
        /** All pairs, O(N²): the reference the approximations are tested against. */
        EXACT,
        /** FFT-accelerated interpolation on a grid (FIt-SNE), O(N) plus the grid's FFTs; 2-D only. */
        FFT,
        /**
         * Each evaluation by FFT interpolation or Barnes-Hut, whichever a cost model measured on the CPU says
         * is cheaper for the layout of the moment ({@link AdaptiveRepulsion}): the FFT while the layout is
         * small (its grid's cost grows with the layout's area), Barnes-Hut once it has spread; 2-D only.
         */
        ADAPTIVE,
        /**
         * The fastest measured for the run ({@link #resolved}): in 2-D, FFT interpolation from
         * {@link #FFT_FROM} points, adaptive from {@link #ADAPTIVE_FROM} and Barnes-Hut below; in 1-D and
         * 3-D, Barnes-Hut. On the 2-core machine one evaluation on a late layout took 82 ms by FFT against
         * 35–41 ms by Barnes-Hut (its walk per leaf) at 70,000 points, 243 against 167 ms at 250,000 and 789
         * against 795 ms at 1,000,000; at 70,000 points the FFT took 10–13 ms on layouts up to 35 units wide
         * and 43 ms at 130 (bench/RESULTS.md).
         */
        AUTO;

        /** The fewest points of a 2-D run for which {@link #AUTO} takes the FFT repulsion. */
        public static final int FFT_FROM = 150_000;
        /** The fewest points of a 2-D run for which {@link #AUTO} takes the adaptive repulsion. */
        public static final int ADAPTIVE_FROM = 20_000;

        /** This method for a run of n points in dims dimensions: AUTO decided, the others as they are. */
        public Method resolved(int n, int dims) {
            if (this != AUTO) {
                return this;
            }
            if (dims != 2) {
                return BARNES_HUT;
            }
            return n >= FFT_FROM ? FFT : n >= ADAPTIVE_FROM ? ADAPTIVE : BARNES_HUT;
        }
    }

    /** The neighbour graph: perplexity (k = ⌊3 · perplexity⌋ neighbours) and how they are found. */
    public record Neighbours(double perplexity, KnnMethod method) {
        public Neighbours {
            if (!(perplexity > 0) || !Double.isFinite(perplexity)) {
                throw new IllegalArgumentException("perplexity must be positive, got " + perplexity);
            }
            if (method == null) {
                throw new IllegalArgumentException("the kNN method must be given");
            }
        }

        /** Neighbours per point in the kNN graph: 3 × perplexity, rounded down. */
        public int k() {
            return (int) Math.floor(3 * perplexity);
        }
    }

    /**
     * The optimisation schedule.
     *
     * @param learningRate a positive rate, or {@link Double#NaN} for auto
     */
    public record Schedule(int iterations, double earlyExaggeration, int exaggerationIterations, double learningRate,
                           double initialMomentum, double finalMomentum, double minGain, int klEvery) {
        public Schedule {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
            }
            if (!(earlyExaggeration >= 1)) {
                throw new IllegalArgumentException("early exaggeration must be at least 1, got " + earlyExaggeration);
            }
            if (exaggerationIterations < 0) {
                throw new IllegalArgumentException("exaggeration iterations must not be negative, got "
                        + exaggerationIterations);
            }
            if (!Double.isNaN(learningRate) && !(learningRate > 0)) {
                throw new IllegalArgumentException("learning rate must be positive or auto, got " + learningRate);
            }
            if (!(initialMomentum >= 0 && initialMomentum < 1 && finalMomentum >= 0 && finalMomentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1)");
            }
            if (!(minGain > 0)) {
                throw new IllegalArgumentException("minimum gain must be positive, got " + minGain);
            }
            if (klEvery < 1) {
                throw new IllegalArgumentException("KL interval must be at least 1, got " + klEvery);
            }
        }

        /** The learning rate for N points (resolving auto). */
        public double learningRateFor(int n) {
            return Double.isNaN(learningRate) ? Math.max(n / earlyExaggeration / 4, 50) : learningRate;
        }
    }

    /** The repulsion: method and the Barnes-Hut accuracy θ (0 visits every pair). */
    public record Repulsion(Method method, double theta) {
        public Repulsion {
            if (method == null) {
                throw new IllegalArgumentException("the repulsion method must be given");
            }
            if (!(theta >= 0) || theta > 1.5) {
                throw new IllegalArgumentException("theta must be in [0, 1.5], got " + theta);
            }
        }
    }

    public TsneOptions {
        if (neighbours == null || schedule == null || repulsion == null) {
            throw new IllegalArgumentException("neighbours, schedule and repulsion must be given");
        }
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("output dimensions must be 2 or 3, got " + dims);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** The defaults (see the class comment). */
    public static TsneOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.perplexity = neighbours.perplexity();
        b.knnMethod = neighbours.method();
        b.iterations = schedule.iterations();
        b.earlyExaggeration = schedule.earlyExaggeration();
        b.exaggerationIterations = schedule.exaggerationIterations();
        b.learningRate = schedule.learningRate();
        b.initialMomentum = schedule.initialMomentum();
        b.finalMomentum = schedule.finalMomentum();
        b.minGain = schedule.minGain();
        b.klEvery = schedule.klEvery();
        b.method = repulsion.method();
        b.theta = repulsion.theta();
        b.dims = dims;
        b.seed = seed;
        b.threads = threads;
        return b;
    }

    /** Neighbours per point in the kNN graph: 3 × perplexity, rounded down. */
    public int k() {
        return neighbours.k();
    }

    /** The perplexity of the affinities. */
    public double perplexity() {
        return neighbours.perplexity();
    }

    /** Named construction of {@link TsneOptions}; every value starts at its default, {@link #build()} validates. */
    public static final class Builder {
        private double perplexity = 30;
        private KnnMethod knnMethod = KnnMethod.AUTO;
        private int iterations = 1000;
        private double earlyExaggeration = 12;
        private int exaggerationIterations = 250;
        private double learningRate = Double.NaN;
        private double initialMomentum = 0.5;
        private double finalMomentum = 0.8;
        private double minGain = 0.01;
        private int klEvery = 50;
        private Method method = Method.AUTO;
        private double theta = 0.5;
        private int dims = 2;
        private long seed = 1;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        public Builder perplexity(double p) {
            this.perplexity = p;
            return this;
        }

        public Builder knnMethod(KnnMethod m) {
            this.knnMethod = m;
            return this;
        }

        /** Iterations in all; the early-exaggeration phase is cut to them when it is longer. */
        public Builder iterations(int n) {
            this.iterations = n;
            return this;
        }

        public Builder earlyExaggeration(double factor, int forIterations) {
            this.earlyExaggeration = factor;
            this.exaggerationIterations = forIterations;
            return this;
        }

        /** A positive rate, or NaN for auto. */
        public Builder learningRate(double rate) {
            this.learningRate = rate;
            return this;
        }

        public Builder momentum(double initial, double last) {
            this.initialMomentum = initial;
            this.finalMomentum = last;
            return this;
        }

        public Builder minGain(double g) {
            this.minGain = g;
            return this;
        }

        public Builder klEvery(int every) {
            this.klEvery = every;
            return this;
        }

        public Builder method(Method m) {
            this.method = m;
            return this;
        }

        public Builder theta(double t) {
            this.theta = t;
            return this;
        }

        public Builder dims(int d) {
            this.dims = d;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder threads(int t) {
            this.threads = t;
            return this;
        }

        public TsneOptions build() {
            return new TsneOptions(new Neighbours(perplexity, knnMethod),
                    new Schedule(iterations, earlyExaggeration,
                    Math.min(exaggerationIterations, iterations), learningRate,
                            initialMomentum, finalMomentum, minGain, klEvery),
                    new Repulsion(method, theta), dims, seed, threads);
        }
    }
}
