package dev.embedscope.bench;

import dev.embedscope.tsne.BarnesHutRepulsion;
import dev.embedscope.tsne.FftRepulsion;
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

/**
 * One FFT-interpolated repulsion evaluation against one Barnes-Hut evaluation (θ 0.5) of the same 2-D layout
 * at the size of a late embedding: ten Gaussian clusters on a circle, the whole {@code span} units wide (a
 * 70,000-point Fashion-MNIST embedding spans about 190 units after 1000 iterations). {@code layout} is
 * N:span; the thread count is {@code threads}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
public class RepulsionBenchmark {

    @Param({"70000:190", "250000:300", "1000000:500"})
    String layout;

    @Param({"2"})
    int threads;

    double[] y;
    double[] out;
    Parallel parallel;
    FftRepulsion fft;
    BarnesHutRepulsion bh;
    BarnesHutRepulsion bhPerPoint;

    @Setup(Level.Trial)
    public void setup() {
        String[] parts = layout.split(":");
        int n = Integer.parseInt(parts[0]);
        double span = Double.parseDouble(parts[1]);
        parallel = new Parallel(threads);
        SplittableRandom r = new SplittableRandom(3);
        y = new double[n * 2];
        double radius = 0.4 * span;
        double sd = span / 25;
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * (i % 10) / 10;
            y[2 * i] = radius * Math.cos(angle) + sd * r.nextGaussian();
            y[2 * i + 1] = radius * Math.sin(angle) + sd * r.nextGaussian();
        }
        out = new double[n * 2];
        fft = new FftRepulsion(n, parallel);
        bh = new BarnesHutRepulsion(n, 2, 0.5, parallel);
        bhPerPoint = new BarnesHutRepulsion(n, 2, 0.5, parallel).perPoint();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parallel.close();
    }

    @Benchmark
    public double fft() {
        return fft.compute(y, out);
    }

    @Benchmark
    public double barnesHut() {
        return bh.compute(y, out);
    }

    /** Barnes-Hut with a walk of the tree per point instead of per leaf (the grouped walk's twin). */
    @Benchmark
    public double barnesHutPerPoint() {
        return bhPerPoint.compute(y, out);
    }
}
