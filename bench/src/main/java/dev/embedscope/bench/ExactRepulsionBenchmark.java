package dev.embedscope.bench;

import dev.embedscope.tsne.BarnesHutRepulsion;
import dev.embedscope.tsne.ExactRepulsion;
import dev.embedscope.util.Parallel;
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

/** One exact O(N²) repulsion evaluation against one Barnes-Hut evaluation of the same 2-D layout. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1)
public class ExactRepulsionBenchmark {

    @Param({"2000", "5000", "20000"})
    int n;

    double[] y;
    double[] out;
    Parallel parallel;
    ExactRepulsion exact;
    BarnesHutRepulsion bh;

    @Setup(Level.Trial)
    public void setup() {
        parallel = new Parallel(2);
        SplittableRandom r = new SplittableRandom(3);
        y = new double[n * 2];
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * (i % 10) / 10;
            y[2 * i] = 40 * Math.cos(angle) + 5 * r.nextGaussian();
            y[2 * i + 1] = 40 * Math.sin(angle) + 5 * r.nextGaussian();
        }
        out = new double[n * 2];
        exact = new ExactRepulsion(n, 2, parallel);
        bh = new BarnesHutRepulsion(n, 2, 0.5, parallel);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parallel.close();
    }

    @Benchmark
    public double exact() {
        return exact.compute(y, out);
    }

    @Benchmark
    public double barnesHut() {
        return bh.compute(y, out);
    }
}
