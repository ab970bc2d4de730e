package dev.embedscope.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;
import dev.embedscope.pipeline.EmbeddingJob;
import dev.embedscope.pipeline.JobListener;
import dev.embedscope.pipeline.JobOptions;
import dev.embedscope.scale.Scaling;
import dev.embedscope.tsne.Affinities;
import dev.embedscope.tsne.AttractiveForces;
import dev.embedscope.tsne.BackendRequest;
import dev.embedscope.tsne.ComputeBackend;
import dev.embedscope.tsne.CpuBackend;
import dev.embedscope.tsne.DeviceLimitException;
import dev.embedscope.tsne.ExactRepulsion;
import dev.embedscope.tsne.RunShape;
import dev.embedscope.tsne.SparseP;
import dev.embedscope.tsne.TsneOptions;
import dev.embedscope.util.Parallel;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    @ParameterizedTest
    @CsvSource({"700, 10, 15", "300, 50, 90", "129, 77, 128", "65, 33, 1"})
    void knnMatchesTheCpuSearch(int n, int d, int k) {
        // sizes not multiples of the tiles; d below, across and over the 32-dimension chunks; k up to the limit
        float[] x = random(n * d, n + d, 1);
        Points rows = new Points(x, n, d);
        KnnGraph g = kernels.knn(rows, rows, k, true);
        int[] idx = g.indices();
        float[] dist = g.sqDistances();
        assertEquals(n, g.n());
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

    @ParameterizedTest
    @ValueSource(ints = {8, 32}) // PoCL compiles a kernel per work-group size: ~2.5 s each
    void smallerKnnWorkGroupsGiveTheSameGraph(int ls) {
        // a GPU with 48 KB of local memory runs the search in work-groups of 32 queries for k = 90 (the
        // top-k lists live in local memory); every size gives the graph of the largest one, bit for bit
        int n = 333;
        int d = 40;
        int k = 90;
        Points rows = new Points(random(n * d, 77, 1), n, d);
        KnnGraph wide = kernels.knn(rows, rows, k, true, 64);
        KnnGraph narrow = kernels.knn(rows, rows, k, true, ls);
        assertArrayEquals(wide.indices(), narrow.indices());
        assertArrayEquals(wide.sqDistances(), narrow.sqDistances());
        assertTrue(kernels.knnLocal(k) >= 8);
        assertTrue(OpenClKernels.knnLocalBytes(32, 90) <= 48 * 1024 * 9 / 10, "k = 90 fits a 48 KB device at 32");
    }

    @Test
    void knnOfOtherQueriesMatchesBruteForce() {
        int nRef = 333;
        int nQuery = 97;
        int d = 40;
        int k = 7;
        float[] ref = random(nRef * d, 41, 1);
        float[] query = random(nQuery * d, 42, 1);
        // ties: query 0 sits exactly on reference 5 and on its duplicate 200; the lower index comes first
        System.arraycopy(ref, 5 * d, ref, 200 * d, d);
        System.arraycopy(ref, 5 * d, query, 0, d);
        KnnGraph g = kernels.knn(new Points(ref, nRef, d), new Points(query, nQuery, d), k, false);
        int[] idx = g.indices();
        float[] dist = g.sqDistances();
        for (int q = 0; q < nQuery; q++) {
            double[] all = new double[nRef];
            Integer[] order = new Integer[nRef];
            for (int r = 0; r < nRef; r++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double diff = query[q * d + t] - ref[r * d + t];
                    s += diff * diff;
                }
                all[r] = s;
                order[r] = r;
            }
            Arrays.sort(order, (a, b) -> all[a] != all[b] ? Double.compare(all[a], all[b]) : Integer.compare(a, b));
            for (int j = 0; j < k; j++) {
                assertEquals(all[order[j]], dist[q * k + j], 1e-4 * Math.max(all[order[j]], 1e-6), "query " + q
                        + " rank " + j);
                if (j + 1 < k && all[order[j + 1]] - all[order[j]] > 1e-4 * all[order[j]]) {
                    assertEquals(order[j], idx[q * k + j], "query " + q + " rank " + j);
                }
            }
        }
        assertEquals(5, idx[0]);
        assertEquals(200, idx[1]);
        assertEquals(0f, dist[0]);
    }

    @Test
    void problemsLargerThanTheDeviceAreRefusedBeforeAllocating() {
        OpenClDevices.Device d = kernels.device();
        DeviceLimitException total = assertThrows(DeviceLimitException.class,
                () -> kernels.requireFits("the optimisation of many points", d.globalMemory() / 2,
                d.globalMemory() / 2 + 4096));
        assertEquals(DeviceLimitException.Limit.MEMORY, total.limit());
        assertEquals(d.globalMemory() + 4096, total.asked());
        assertEquals(d.globalMemory(), total.available());
        assertTrue(total.getMessage().contains(d.name()) && total.getMessage().contains(
                String.format(java.util.Locale.ROOT, "%,d MB", (d.globalMemory() + 4096) >> 20)), total.getMessage());
        if (d.maxAllocation() < d.globalMemory()) {
            DeviceLimitException one = assertThrows(DeviceLimitException.class,
                    () -> kernels.requireFits("a big buffer", d.maxAllocation() + (1 << 20)));
            assertEquals(DeviceLimitException.Limit.LARGEST_ALLOCATION, one.limit());
            assertTrue(one.getMessage().contains("at most"), one.getMessage());
        }
        kernels.requireFits("a small problem", 1 << 20, 1 << 20);
    }

    @Test
    void preflightRefusesWhatTheDeviceCannotTakeAndEstimatesTheRest() {
        try (OpenClBackend b = new OpenClBackend(new OpenClKernels(kernels.device()))) {
            DeviceLimitException k = assertThrows(DeviceLimitException.class,
                    () -> b.preflight(new RunShape(1000, 50, 150, 2, 10)));
            assertEquals(128, k.available());
            assertTrue(k.getMessage().contains("at most 128 neighbours and this run needs 150 (3 × perplexity)"),
                    k.getMessage());
            DeviceLimitException memory = assertThrows(DeviceLimitException.class,
                    () -> b.preflight(new RunShape(100_000_000, 50, 90, 2, 10)));
            assertTrue(memory.getMessage().startsWith("OpenCL on " + kernels.device().name()
                    + ": embedding 100,000,000 points"
                    + " needs "), memory.getMessage());
            assertEquals(DeviceLimitException.Limit.DIMENSIONS,
                    assertThrows(DeviceLimitException.class,
                    () -> b.preflight(new RunShape(1000, 50, 90, 1, 10))).limit());
            double small = b.preflight(new RunShape(500, 50, 90, 2, 100));
            double large = b.preflight(new RunShape(50_000, 50, 90, 2, 100));
            assertTrue(small > 0 && Double.isFinite(small), "estimate " + small);
            // quadratic in N: 100× the points is 10,000× the pair terms, less what small runs lose to fixed costs
            assertTrue(large > 100 * small, "estimates " + small + " s and " + large + " s");
        }
    }

    static SparseP randomP(int n, long seed) {
        float[] x = random(n * 5, seed, 1);
        try (Parallel p = new Parallel(2)) {
            KnnGraph g = ExactKnn.selfGraph(FloatMatrix.of(x, n, 5), 30, p, null);
            return Affinities.symmetric(g, Affinities.conditional(g, 10, p));
        }
    }

    @ParameterizedTest
    @CsvSource({"2, 1, false", "3, 1, false", "2, 3, false", "3, 4, false", "2, 0, false", "2, 3, true", "3, 1, true"})
    void attractiveAndRepulsiveForcesMatchTheCpu(int dims, int parts, boolean fastReciprocal) {
        // parts 0: as the device chooses; otherwise the repulsion split into that many parts. fastReciprocal:
        // the kernels as a GPU builds them (native_recip), here on whatever device answers
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
        float[] vals = p.vals();
        float[] attr = new float[y.length];
        float[] rep = new float[y.length];
        Arrays.fill(attr, Float.NaN);
        Arrays.fill(rep, Float.NaN);
        try (OpenClKernels built = new OpenClKernels(kernels.device(), fastReciprocal);
             OpenClKernels.Problem problem = parts == 0 ? built.problem(p.rowStart(), p.cols(), vals, n, dims)
                : built.problem(p.rowStart(), p.cols(), vals, n, dims, parts)) {
            assertEquals(parts == 0 ? problem.parts() : parts, problem.parts());
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
        try (CpuBackend backend = new CpuBackend(exact(1))) {
            backend.step(new ComputeBackend.StepState(cpu[0], cpu[1], cpu[2]), attrD, repD, z, q);
        }
        SparseP p = randomP(n, 25);
        float[] vals = new float[p.vals().length];
        try (OpenClKernels.Problem problem = kernels.problem(p.rowStart(), p.cols(), vals, n, dims)) {
            problem.step(new OpenClKernels.FloatState(y, update, gains), attr, rep, z, q);
        }
        assertTrue(relativeError(y, cpu[0]) <= 1e-4, "positions");
        assertTrue(relativeError(update, cpu[1]) <= 1e-4, "updates");
        assertTrue(relativeError(gains, cpu[2]) <= 1e-4, "gains");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void wholeIterationsOnTheDeviceFollowTheCpu(int parts) {
        // parts 0: the backend as it runs (the device's own split); 3: the repulsion in three parts
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
        float[] vals = p.vals();
        float[] yf = start.clone();
        try (CpuBackend cpu = new CpuBackend(exact(2));
             OpenClBackend gpu = new OpenClBackend(new OpenClKernels(kernels.device()));
             OpenClKernels.Problem split = kernels.problem(p.rowStart(), p.cols(), vals, n, 2, Math.max(parts, 1))) {
            cpu.prepare(p, n, 2);
            gpu.prepare(p, n, 2);
            for (int it = 0; it < 5; it++) {
                double zc = cpu.iterate(cpuState, attr, rep, q);
                double zg = parts == 0 ? gpu.iterate(gpuState, attr, rep, q)
                        : split.iterate(yf, q);
                assertEquals(zc, zg, 1e-4 * zc, "Z at iteration " + it);
            }
        }
        float[] got = new float[n * 2];
        for (int i = 0; i < got.length; i++) {
            got[i] = parts == 0 ? (float) yGpu[i] : yf[i];
        }
        assertTrue(relativeError(got, yCpu) <= 1e-3, "positions after 5 device iterations " + relativeError(got, yCpu));
    }


    static float[] iterateAlone(SparseP p, float[] start, int parts, ComputeBackend.StepParameters[] phases) {
        float[] y = start.clone();
        try (OpenClKernels own = new OpenClKernels(kernels.device());
             OpenClKernels.Problem problem = own.problem(p.rowStart(), p.cols(), p.vals(), p.n(), 2, parts)) {
            for (ComputeBackend.StepParameters q : phases) {
                problem.iterate(y, q);
            }
        }
        return y;
    }

    @Test
    void problemsSharingTheKernelsKeepTheirOwnArguments() {
        // kernel arguments are bound once per problem: interleaving two problems (different sizes,
        // splits and step scalars) on one set of kernels must give exactly what each gives alone
        SparseP a = randomP(600, 41);
        SparseP b = randomP(300, 42);
        float[] startA = random(1200, 43, 1e-2);
        float[] startB = random(600, 44, 1e-2);
        ComputeBackend.StepParameters early = new ComputeBackend.StepParameters(12, 0.5, 50, 0.01);
        ComputeBackend.StepParameters late = new ComputeBackend.StepParameters(1, 0.8, 50, 0.01);
        ComputeBackend.StepParameters[] phasesA = {early, early, late, late};
        ComputeBackend.StepParameters[] phasesB = {late, early, early, late};
        float[] yA = startA.clone();
        float[] yB = startB.clone();
        try (OpenClKernels shared = new OpenClKernels(kernels.device());
             OpenClKernels.Problem pa = shared.problem(a.rowStart(), a.cols(), a.vals(), 600, 2, 1);
             OpenClKernels.Problem pb = shared.problem(b.rowStart(), b.cols(), b.vals(), 300, 2, 2)) {
            for (int it = 0; it < 4; it++) {
                pa.iterate(yA, phasesA[it]);
                pb.iterate(yB, phasesB[it]);
            }
        }
        assertTrue(Arrays.equals(iterateAlone(a, startA, 1, phasesA), yA), "problem A");
        assertTrue(Arrays.equals(iterateAlone(b, startB, 2, phasesB), yB), "problem B");
    }

    @Test
    void aClosedProblemIsNeverLaunchedAndTheOtherKeepsItsOwnBuffers() {
        // closing A while B is bound, then using B, then closing B and using A: A must refuse (its buffers are
        // released; launching kernels with them crashed PoCL's pthread driver), B must give what it gives alone
        SparseP a = randomP(200, 51);
        SparseP b = randomP(300, 52);
        float[] startB = random(600, 54, 1e-2);
        ComputeBackend.StepParameters q = new ComputeBackend.StepParameters(12, 0.5, 50, 0.01);
        float[] yB = startB.clone();
        try (OpenClKernels shared = new OpenClKernels(kernels.device())) {
            OpenClKernels.Problem pa = shared.problem(a.rowStart(), a.cols(), a.vals(), 200, 2, 1);
            OpenClKernels.Problem pb = shared.problem(b.rowStart(), b.cols(), b.vals(), 300, 2, 2);
            pa.iterate(random(400, 53, 1e-2), q);
            pb.iterate(yB, q);
            pa.close();
            pb.iterate(yB, q);
            pb.close();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> pa.iterate(new float[400], q));
            assertTrue(e.getMessage().endsWith("this problem's buffers were released (closed)"), e.getMessage());
            pa.close(); // twice is harmless
        }
        assertTrue(Arrays.equals(iterateAlone(b, startB, 2, new ComputeBackend.StepParameters[] {q, q}), yB));
    }

    static BackendRequest exact(int threads) {
        return BackendRequest.of(TsneOptions.builder().threads(threads).method(TsneOptions.Method.EXACT).build());
    }

    @Test
    void embeddingOnOpenClReachesTheCpuAccuracy() throws java.io.IOException {
        Dataset sample = FashionMnist.sample().train();
        int[] rows = new int[1000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        Dataset d = sample.subset(rows);
        JobOptions o = JobOptions.builder(TsneOptions.builder().threads(2).build()).quality(1000).build();
        Scaling scaling = Scaling.fitOn(d, null);
        double accCpu = EmbeddingJob.of(o).run(d, scaling, JobListener.NONE).quality().knnAccuracy();
        double accGpu;
        try (OpenClBackend backend = new OpenClBackend(new OpenClKernels(kernels.device()))) {
            accGpu = EmbeddingJob.on(backend, o).run(d, scaling, JobListener.NONE).quality().knnAccuracy();
        }
        assertEquals(accCpu, accGpu, 0.02, "10-NN accuracy CPU " + accCpu + ", OpenCL " + accGpu);
    }
}
