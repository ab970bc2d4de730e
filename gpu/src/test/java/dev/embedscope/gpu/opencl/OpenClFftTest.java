package dev.embedscope.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.tsne.ExactRepulsion;
import dev.embedscope.tsne.FftRepulsion;
import dev.embedscope.tsne.SparseP;
import dev.embedscope.util.Parallel;
import java.util.Arrays;
import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FFT-interpolated repulsion on OpenCL against the CPU: the Stockham transforms against JTransforms, the
 * forces and Z against the CPU's {@link FftRepulsion} on the same grid (relative error ≤ 1e-4, every output
 * written: outputs start as NaN) and against the exact repulsion, runs repeated bit for bit, on whatever OpenCL
 * device answers (PoCL in CI).
 */
class OpenClFftTest {

    static OpenClKernels kernels;

    @BeforeAll
    static void open() {
        OpenClDevices.Device d = OpenClDevices.best();
        assumeTrue(d != null, "needs an OpenCL device: " + OpenClDevices.whyNone());
        assumeTrue(d.int64Atomics(), "the FFT repulsion needs cl_khr_int64_base_atomics, which "
                + d.name() + " lacks");
        kernels = new OpenClKernels(d);
    }

    @AfterAll
    static void close() {
        if (kernels != null) {
            kernels.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"3, 1, -1", "5, 1, -1", "6, 1, -1", "12, 1, -1", "2, 3, -1", "4, 5, -1", "8, 2, 1", "30, 4, -1",
        "60, 3, 1", "96, 2, -1", "300, 2, 1", "1200, 2, -1", "750, 1, 1"})
    void stockhamTransformsMatchJTransforms(int len, int batches, int sign) {
        Random r = new Random(len * 31L + batches);
        double[] rows = new double[2 * len * batches];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = r.nextGaussian();
        }
        double[] expected = rows.clone();
        DoubleFFT_1D reference = new DoubleFFT_1D(len);
        for (int b = 0; b < batches; b++) {
            if (sign < 0) {
                reference.complexForward(expected, 2 * len * b);
            } else {
                reference.complexInverse(expected, 2 * len * b, false);
            }
        }
        double[] got;
        try (OpenClStockham fft = new OpenClStockham(kernels, false)) {
            got = fft.transformRows(rows, len, batches, sign);
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < got.length; i++) {
            num += (got[i] - expected[i]) * (got[i] - expected[i]);
            den += expected[i] * expected[i];
        }
        double bound = kernels.fftDouble() ? 1e-12 : 1e-5;
        assertTrue(Math.sqrt(num / den) <= bound, "length " + len + ": relative error " + Math.sqrt(num / den));
    }

    @Test
    void lengthsWithOtherFactorsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenClStockham.radices(2 * 7 * 3, "7 nodes per interval"));
        assertTrue(e.getMessage().contains("only factors are 2, 3 and 5; 7 nodes per interval makes 42"),
                e.getMessage());
        assertArrayEquals(new int[] {4, 4, 2, 3, 5, 5}, OpenClStockham.radices(2400, "x"));
    }

    /** Points like a late embedding: seven clusters of different sizes, spread apart; float32 like the device. */
    static float[] embeddingLike(int n, long seed, double spread) {
        Random r = new Random(seed);
        float[] y = new float[2 * n];
        for (int i = 0; i < n; i++) {
            int c = i % 7;
            double angle = 2 * Math.PI * c / 7;
            double scale = 1 + c % 3;
            y[2 * i] = (float) (spread * Math.cos(angle) + scale * r.nextGaussian() + 3);
            y[2 * i + 1] = (float) (spread * Math.sin(angle) + scale * r.nextGaussian() - 5);
        }
        return y;
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** A P of n rows with no entries: the repulsion does not read it. */
    static SparseP emptyP(int n) {
        return new SparseP(n, new int[n + 1], new int[0], new float[0]);
    }

    record DeviceResult(float[] rep, double z, int side) {
    }

    static DeviceResult onDevice(float[] y, FftRepulsion.Grid grid, boolean forceFloat) {
        int n = y.length / 2;
        SparseP p = emptyP(n);
        float[] rep = new float[2 * n];
        Arrays.fill(rep, Float.NaN);
        OpenClKernels.Repulsion how = forceFloat ? OpenClKernels.Repulsion.fftFloat(grid)
                : OpenClKernels.Repulsion.fft(grid);
        try (OpenClKernels own = new OpenClKernels(kernels.device());
             OpenClKernels.Problem problem = own.problem(p.rowStart(), p.cols(), p.vals(), n, 2, how)) {
            double z = problem.repulsive(y, rep);
            for (int i = 0; i < rep.length; i++) {
                assertTrue(Float.isFinite(rep[i]), "force " + i + " was not written");
            }
            return new DeviceResult(rep, z, problem.fftSide());
        }
    }

    static double relativeError(float[] got, double[] expected) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < got.length; i++) {
            num += (got[i] - expected[i]) * (got[i] - expected[i]);
            den += expected[i] * expected[i];
        }
        return Math.sqrt(num / den);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 1500, 3, 1, 50", "3, 2000, 3, 1, 50", "25, 2500, 3, 1, 50", "60, 1777, 3, 1, 50",
        "20, 1200, 2, 0.5, 10", "20, 1200, 5, 2, 50", "8, 1000, 4, 1, 30"})
    void forcesAndZMatchTheCpuFftOnTheSameGrid(double spread, int n, int nodes, double perUnit, int minIntervals) {
        FftRepulsion.Grid grid = new FftRepulsion.Grid(nodes, perUnit, minIntervals);
        float[] y = embeddingLike(n, 7 + n, spread);
        double[] yd = toDouble(y);
        double[] cpu = new double[2 * n];
        double zCpu;
        FftRepulsion.Frame frame;
        try (Parallel par = new Parallel(2)) {
            FftRepulsion f = new FftRepulsion(n, grid, par);
            frame = f.frame(yd);
            zCpu = f.compute(yd, cpu, frame);
        }
        DeviceResult got = onDevice(y, grid, false);
        assertEquals(frame.side(), got.side(), "the device's grid is the CPU's");
        double bound = kernels.fftDouble() ? 1e-4 : 1e-3;
        assertTrue(relativeError(got.rep(), cpu) <= bound, "forces: relative error " + relativeError(got.rep(), cpu));
        assertEquals(zCpu, got.z(), bound * zCpu, "Z");
    }

    @Test
    void theFloatBuildStaysNearTheCpu() {
        // the kernels as a device without double precision builds them: forces within 1e-3 on a wide layout
        float[] y = embeddingLike(2000, 11, 30);
        double[] yd = toDouble(y);
        double[] cpu = new double[y.length];
        double zCpu;
        try (Parallel par = new Parallel(2)) {
            zCpu = new FftRepulsion(2000, FftRepulsion.Grid.DEFAULT, par).compute(yd, cpu);
        }
        DeviceResult got = onDevice(y, FftRepulsion.Grid.DEFAULT, true);
        double e = relativeError(got.rep(), cpu);
        assertTrue(e <= 1e-3, "float build: relative error of the forces " + e);
        assertEquals(zCpu, got.z(), 1e-3 * zCpu, "float build: Z");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1, 2})
    void matchesTheExactRepulsionOnSmallLayouts(double spread) {
        // the approximation itself: rep / Z within 1e-3 of the exact repulsion's, as the CPU FFT's test holds it
        int n = 1500;
        float[] y = embeddingLike(n, 3, spread);
        double[] exact = new double[2 * n];
        double zExact;
        try (Parallel par = new Parallel(2)) {
            zExact = new ExactRepulsion(n, 2, par).compute(toDouble(y), exact);
        }
        DeviceResult got = onDevice(y, FftRepulsion.Grid.DEFAULT, false);
        double num = 0;
        double den = 0;
        for (int e = 0; e < 2 * n; e++) {
            double d = got.rep()[e] / got.z() - exact[e] / zExact;
            num += d * d;
            den += exact[e] / zExact * exact[e] / zExact;
        }
        assertTrue(Math.sqrt(num / den) <= 1e-3, "rep / Z against the exact repulsion " + Math.sqrt(num / den));
        assertEquals(zExact, got.z(), 1e-4 * zExact, "Z against the exact one");
    }

    @Test
    void repeatedEvaluationsGiveTheSameBits() {
        // fixed-point spreading: the order in which work-items add their charges does not change a bit
        float[] y = embeddingLike(3000, 17, 15);
        DeviceResult a = onDevice(y, FftRepulsion.Grid.DEFAULT, false);
        DeviceResult b = onDevice(y, FftRepulsion.Grid.DEFAULT, false);
        assertArrayEquals(a.rep(), b.rep());
        assertEquals(a.z(), b.z());
    }
}
