package dev.embedscope.bench;

import dev.embedscope.tsne.AttractiveForces;
import dev.embedscope.tsne.SparseP;
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
 * One evaluation of the attractive forces in 2-D, exact in double precision against the optimiser's single
 * precision per edge, on a graph the size of a 70,000-point run (126 neighbours a row, near the row's own index
 * as after the Morton renumbering) and a layout 200 units wide.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class AttractiveBenchmark {

    @Param({"70000"})
    int n;

    @Param({"2"})
    int threads;

    SparseP p;
    double[] y;
    float[] positions;
    double[] attr;
    Parallel parallel;

    @Setup(Level.Trial)
    public void setup() {
        int per = 126;
        SplittableRandom r = new SplittableRandom(1);
        int[] start = new int[n + 1];
        int[] cols = new int[n * per];
        float[] vals = new float[n * per];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + per;
            for (int e = start[i]; e < start[i + 1]; e++) {
                cols[e] = Math.floorMod(i + (int) (r.nextGaussian() * 2000), n);
                vals[e] = (float) r.nextDouble(1e-7, 1e-5);
            }
            Arrays.sort(cols, start[i], start[i + 1]);
        }
        p = new SparseP(n, start, cols, vals);
        y = new double[2 * n];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextDouble(-100, 100);
        }
        positions = new float[2 * n];
        attr = new double[2 * n];
        parallel = new Parallel(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parallel.close();
    }

    @Benchmark
    public double[] exactDouble() {
        AttractiveForces.compute(p, y, 2, attr, parallel);
        return attr;
    }

    @Benchmark
    public double[] singlePrecision() {
        AttractiveForces.compute2d(p, y, positions, attr, parallel);
        return attr;
    }
}
