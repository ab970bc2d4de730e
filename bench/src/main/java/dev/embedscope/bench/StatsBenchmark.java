package dev.embedscope.bench;

import dev.embedscope.data.FloatMatrix;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.StatsOptions;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-feature statistics of an N×784 float32 matrix of pixel-like values (0..255, half zeros):
 * moments alone (the 1 GB/s target) and moments with the quantile and distinct sketches, on 1
 * and 2 threads. Bytes per second = rows × 784 × 4 / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class StatsBenchmark {

    @Param({"10000", "60000"})
    int rows;

    @Param({"1", "2"})
    int threads;

    INDArray matrix;

    @Setup
    public void setup() {
        int d = 784;
        float[] v = new float[rows * d];
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(2) == 0 ? 0 : r.nextInt(256);
        }
        matrix = FloatMatrix.of(v, rows, d);
    }

    @Benchmark
    public FeatureStats moments() {
        return FeatureStatsCalculator.compute(matrix, StatsOptions.defaults().withThreads(threads).withSketches(false));
    }

    @Benchmark
    public FeatureStats momentsAndSketches() {
        return FeatureStatsCalculator.compute(matrix, StatsOptions.defaults().withThreads(threads));
    }
}
