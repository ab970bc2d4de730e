package dev.embedscope.bench;

import dev.embedscope.data.FloatMatrix;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.tsne.Affinities;
import dev.embedscope.tsne.AttractiveForces;
import dev.embedscope.tsne.BarnesHutRepulsion;
import dev.embedscope.tsne.SparseP;
import dev.embedscope.util.Parallel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * The stages of t-SNE at a few sizes, on 50-dimensional input made of Gaussian clusters (the shape
 * of PCA-reduced image data) and a 2-D layout of clusters (the shape of an embedding mid-run):
 * exact kNN search (k = 90), affinity calibration and symmetrisation (perplexity 30), one
 * attractive-force evaluation, one Barnes-Hut repulsion (θ = 0.5) and one exact repulsion.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class TsneBenchmark {

    @Param({"5000", "20000", "70000"})
    int n;

    @Param({"2"})
    int threads;

    INDArray x;
    KnnGraph graph;
    SparseP p;
    double[] y;
    double[] out;
    Parallel parallel;
    BarnesHutRepulsion bh;

    @Setup(Level.Trial)
    public void setup() {
        parallel = new Parallel(threads);
        SplittableRandom r = new SplittableRandom(7);
        int d = 50;
        float[] v = new float[n * d];
        y = new double[n * 2];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (r.nextGaussian() + (j == c ? 8 : 0));
            }
            double angle = 2 * Math.PI * c / 10;
            y[2 * i] = 40 * Math.cos(angle) + 5 * r.nextGaussian();
            y[2 * i + 1] = 40 * Math.sin(angle) + 5 * r.nextGaussian();
        }
        x = FloatMatrix.of(v, n, d);
        graph = ExactKnn.selfGraph(x, 90, parallel, null);
        p = Affinities.symmetric(graph, Affinities.conditional(graph, 30, parallel));
        out = new double[n * 2];
        bh = new BarnesHutRepulsion(n, 2, 0.5, parallel);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        parallel.close();
    }

    @Benchmark
    public KnnGraph knn() {
        return ExactKnn.selfGraph(x, 90, parallel, null);
    }

    @Benchmark
    public SparseP affinities() {
        return Affinities.symmetric(graph, Affinities.conditional(graph, 30, parallel));
    }

    @Benchmark
    public double[] attractive() {
        AttractiveForces.compute(p, y, 2, out, parallel);
        return out;
    }

    @Benchmark
    public double barnesHut() {
        return bh.compute(y, out);
    }

}
