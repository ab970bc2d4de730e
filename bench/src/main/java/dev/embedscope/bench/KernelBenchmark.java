package dev.embedscope.bench;

import dev.embedscope.backend.Backends;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;
import dev.embedscope.tsne.Affinities;
import dev.embedscope.tsne.BackendRequest;
import dev.embedscope.tsne.ComputeBackend;
import dev.embedscope.tsne.SparseP;
import dev.embedscope.tsne.TsneOptions;
import dev.embedscope.util.Parallel;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The backend operations per backend (cpu: Barnes-Hut repulsion; opencl: exact repulsion on the
 * device, PoCL where there is no GPU): kNN graph, attractive forces, repulsive forces, one step.
 * A backend without a device fails its trial with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1)
public class KernelBenchmark {

    @Param({"cpu", "opencl"})
    String backend;

    @Param({"2000", "10000"})
    int n;

    ComputeBackend compute;
    Points x;
    double[] y;
    double[] out;
    ComputeBackend.StepState state;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom r = new SplittableRandom(3);
        int d = 50;
        float[] v = new float[n * d];
        y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (r.nextGaussian() + (j == i % 10 ? 8 : 0));
            }
            y[2 * i] = 30 * Math.cos(i % 10) + r.nextGaussian() * 4;
            y[2 * i + 1] = 30 * Math.sin(i % 10) + r.nextGaussian() * 4;
        }
        x = new Points(v, n, d);
        compute = Backends.open(backend, BackendRequest.of(TsneOptions.builder().threads(2).build()), null, m -> { });
        KnnGraph g = compute.knn(x, 90, null);
        SparseP p;
        try (Parallel parallel = new Parallel(2)) {
            p = Affinities.symmetric(g, Affinities.conditional(g, 30, parallel));
        }
        compute.prepare(p, n, 2);
        out = new double[2 * n];
        double[] gains = new double[2 * n];
        Arrays.fill(gains, 1);
        state = new ComputeBackend.StepState(y.clone(), new double[2 * n], gains);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        compute.close();
    }

    @Benchmark
    public KnnGraph knn() {
        return compute.knn(x, 90, null);
    }

    @Benchmark
    public double[] attractive() {
        compute.attractive(y, out);
        return out;
    }

    @Benchmark
    public double repulsive() {
        return compute.repulsive(y, out);
    }

    @Benchmark
    public double[] step() {
        compute.step(state, out, out, 1e4, new ComputeBackend.StepParameters(1, 0.8, 200, 0.01));
        return state.y();
    }
}
