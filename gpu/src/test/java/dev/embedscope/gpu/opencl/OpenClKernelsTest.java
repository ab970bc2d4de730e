package dev.embedscope.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.backend.BackendRequest;
import dev.embedscope.backend.ComputeBackend;
import dev.embedscope.backend.CpuBackend;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.quality.EmbeddingQuality;
import dev.embedscope.tsne.Affinities;
import dev.embedscope.tsne.AttractiveForces;
import dev.embedscope.tsne.Embedding;
import dev.embedscope.tsne.ExactRepulsion;
import dev.embedscope.tsne.SparseP;
import dev.embedscope.tsne.Tsne;
import dev.embedscope.tsne.TsneListener;
import dev.embedscope.tsne.TsneOptions;
import dev.embedscope.util.Parallel;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kernel against the CPU implementation on fresh random inputs (relative error ≤ 1e-4, every
 * output written: outputs start as NaN), on whatever OpenCL device answers (PoCL in CI).
 */
class OpenClKernelsTest {

    static OpenClKernels kernels;

    @BeforeAll
    static void open() {
        OpenClDevices.Device d = OpenClDevices.best();
        assumeTrue(d != null, "needs an OpenCL device: " + OpenClDevices.whyNone());
        kernels = new OpenClKernels(d);
    }

    @AfterAll
    static void close() {
        if (kernels != null) {
            kernels.close();
        }
    }

    static float[] random(int len, long seed, double scale) {
        Random r = new Random(seed);
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    static double relativeError(float[] got, double[] expected) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < got.length; i++) {
            assertTrue(Float.isFinite(got[i]), "output " + i + " was not written");
            num += (got[i] - expected[i]) * (got[i] - expected[i]);
            den += expected[i] * expected[i];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void knnMatchesTheCpuSearch() {
        int n = 700;
        int d = 10;
        int k = 15;
        float[] x = random(n * d, 1, 1);
        int[] idx = new int[n * k];
        float[] dist = new float[n * k];
        Arrays.fill(idx, -1);
        Arrays.fill(dist, Float.NaN);
        kernels.knn(x, n, x, n, d, k, true, idx, dist);
        KnnGraph cpu;
        try (Parallel p = new Parallel(2)) {
            cpu = ExactKnn.selfGraph(FloatMatrix.of(x, n, d), k, p, null);
        }
        int same = 0;
        for (int i = 0; i < n * k; i++) {
            assertTrue(idx[i] >= 0 && Float.isFinite(dist[i]), "entry " + i + " written");
            assertEquals(cpu.sqDistances()[i], dist[i], 1e-4 * cpu.sqDistances()[i], "distance " + i);
            same += idx[i] == cpu.indices()[i] ? 1 : 0;
        }
        assertTrue(same >= n * k - 10, "indices agree but for near-ties: " + same + " of " + n * k);
    }

    static SparseP randomP(int n, long seed) {
        float[] x = random(n * 5, seed, 1);
        try (Parallel p = new Parallel(2)) {
            KnnGraph g = ExactKnn.selfGraph(FloatMatrix.of(x, n, 5), 30, p, null);
            return Affinities.symmetric(g, Affinities.conditional(g, 10, p));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void attractiveAndRepulsiveForcesMatchTheCpu(int dims) {
        int n = 900; // not a multiple of the work-group size
        SparseP p = randomP(n, dims);
        float[] y = random(n * dims, 10 + dims, 5);
        double[] yd = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            yd[i] = y[i];
        }
        double[] attrCpu = new double[y.length];
        double[] repCpu = new double[y.length];
        double zCpu;
        try (Parallel par = new Parallel(2)) {
            AttractiveForces.compute(p, yd, dims, attrCpu, par);
            zCpu = new ExactRepulsion(n, dims, par).compute(yd, repCpu);
        }
        float[] vals = new float[p.vals().length];
        for (int e = 0; e < vals.length; e++) {
            vals[e] = (float) p.vals()[e];
        }
        float[] attr = new float[y.length];
        float[] rep = new float[y.length];
        Arrays.fill(attr, Float.NaN);
        Arrays.fill(rep, Float.NaN);
        try (OpenClKernels.Problem problem = kernels.problem(p.rowStart(), p.cols(), vals, n, dims)) {
            problem.attractive(y, attr);
            double z = problem.repulsive(y, rep);
            assertEquals(zCpu, z, 1e-4 * zCpu);
        }
        assertTrue(relativeError(attr, attrCpu) <= 1e-4, "attractive " + relativeError(attr, attrCpu));
        assertTrue(relativeError(rep, repCpu) <= 1e-4, "repulsive " + relativeError(rep, repCpu));
    }

    @Test
    void gradientStepMatchesTheCpu() {
        int n = 500;
        int dims = 2;
        int len = n * dims;
        float[] y = random(len, 20, 3);
        float[] attr = random(len, 21, 1e-3);
        float[] rep = random(len, 22, 1);
        float[] update = random(len, 23, 0.1);
        float[] gains = new float[len];
        Random r = new Random(24);
        for (int e = 0; e < len; e++) {
            gains[e] = (float) (0.01 + r.nextDouble() * 2);
        }
        double z = 1234.5;
        double[][] cpu = new double[3][len];
        for (int e = 0; e < len; e++) {
            cpu[0][e] = y[e];
            cpu[1][e] = update[e];
            cpu[2][e] = gains[e];
        }
        double[] attrD = new double[len];
        double[] repD = new double[len];
        for (int e = 0; e < len; e++) {
            attrD[e] = attr[e];
            repD[e] = rep[e];
        }
        ComputeBackend.StepParameters q = new ComputeBackend.StepParameters(12, 0.5, 200, 0.01);
        try (CpuBackend backend = new CpuBackend(new BackendRequest(1, TsneOptions.Method.EXACT, 0.5))) {
            backend.step(new ComputeBackend.StepState(cpu[0], cpu[1], cpu[2]), attrD, repD, z, q);
        }
        SparseP p = randomP(n, 25);
        float[] vals = new float[p.vals().length];
        try (OpenClKernels.Problem problem = kernels.problem(p.rowStart(), p.cols(), vals, n, dims)) {
            problem.step(y, attr, rep, update, gains, z, 12f, 0.5f, 200f, 0.01f);
        }
        assertTrue(relativeError(y, cpu[0]) <= 1e-4, "positions");
        assertTrue(relativeError(update, cpu[1]) <= 1e-4, "updates");
        assertTrue(relativeError(gains, cpu[2]) <= 1e-4, "gains");
    }

    @Test
    void wholeIterationsOnTheDeviceFollowTheCpu() {
        int n = 600;
        SparseP p = randomP(n, 31);
        float[] start = random(n * 2, 32, 1e-2);
        double[] yCpu = new double[n * 2];
        double[] yGpu = new double[n * 2];
        for (int i = 0; i < start.length; i++) {
            yCpu[i] = start[i];
            yGpu[i] = start[i];
        }
        ComputeBackend.StepParameters q = new ComputeBackend.StepParameters(12, 0.5, 50, 0.01);
        double[] gains = new double[n * 2];
        Arrays.fill(gains, 1);
        ComputeBackend.StepState cpuState = new ComputeBackend.StepState(yCpu, new double[n * 2], gains);
        ComputeBackend.StepState gpuState = new ComputeBackend.StepState(yGpu, new double[n * 2], gains.clone());
        double[] attr = new double[n * 2];
        double[] rep = new double[n * 2];
        try (CpuBackend cpu = new CpuBackend(new BackendRequest(2, TsneOptions.Method.EXACT, 0.5));
             OpenClBackend gpu = new OpenClBackend(new OpenClKernels(kernels.device()))) {
            cpu.prepare(p, n, 2);
            gpu.prepare(p, n, 2);
            for (int it = 0; it < 5; it++) {
                double zc = cpu.iterate(cpuState, attr, rep, q);
                double zg = gpu.iterate(gpuState, attr, rep, q);
                assertEquals(zc, zg, 1e-4 * zc, "Z at iteration " + it);
            }
        }
        float[] got = new float[n * 2];
        for (int i = 0; i < got.length; i++) {
            got[i] = (float) yGpu[i];
        }
        assertTrue(relativeError(got, yCpu) <= 1e-3, "positions after 5 device iterations " + relativeError(got, yCpu));
    }

    @Test
    void embeddingOnOpenClReachesTheCpuAccuracy() throws java.io.IOException {
        Dataset sample = FashionMnist.sample().train();
        int[] rows = new int[1000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        Dataset d = sample.subset(rows);
        var x = d.features().div(255f).dup('c');
        TsneOptions o = TsneOptions.defaults().withThreads(2);
        Embedding cpu = Tsne.fit(x, 50, o, TsneListener.NONE);
        Embedding gpu;
        try (OpenClBackend backend = new OpenClBackend(new OpenClKernels(kernels.device()))) {
            gpu = Tsne.fit(x, 50, o, TsneListener.NONE, backend);
        }
        try (Parallel p = new Parallel(2)) {
            double accCpu = EmbeddingQuality.measure(cpu.reference(), cpu.y(), 2, cpu.p(), cpu.kl(), d.labels(), 1000, 1, p).knnAccuracy();
            double accGpu = EmbeddingQuality.measure(gpu.reference(), gpu.y(), 2, gpu.p(), gpu.kl(), d.labels(), 1000, 1, p).knnAccuracy();
            assertEquals(accCpu, accGpu, 0.02, "10-NN accuracy CPU " + accCpu + ", OpenCL " + accGpu);
        }
    }
}
