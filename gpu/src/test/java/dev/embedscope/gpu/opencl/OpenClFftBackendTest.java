package dev.embedscope.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.pipeline.EmbeddingJob;
import dev.embedscope.pipeline.JobListener;
import dev.embedscope.pipeline.JobOptions;
import dev.embedscope.pipeline.JobResult;
import dev.embedscope.scale.Scaling;
import dev.embedscope.tsne.BackendRequest;
import dev.embedscope.tsne.ComputeBackend;
import dev.embedscope.tsne.CpuBackend;
import dev.embedscope.tsne.RunShape;
import dev.embedscope.tsne.SparseP;
import dev.embedscope.tsne.TsneOptions;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenCL backend with the FFT repulsion against the CPU's: whole iterations, a whole embedding of the sample
 * (10-NN accuracy within 0.02), the same bits when run twice, the choice of method, and the preflight's two
 * estimates, on whatever OpenCL device answers (PoCL in CI).
 */
class OpenClFftBackendTest {

    static OpenClKernels kernels;

    @BeforeAll
    static void open() {
        OpenClDevices.Device d = OpenClDevices.best();
        assumeTrue(d != null, "needs an OpenCL device: " + OpenClDevices.whyNone());
        assumeTrue(d.int64Atomics(), "the FFT repulsion needs cl_khr_int64_base_atomics, which " + d.name()
                + " lacks");
        kernels = new OpenClKernels(d);
    }

    @AfterAll
    static void close() {
        if (kernels != null) {
            kernels.close();
        }
    }

    static BackendRequest fftRequest(int threads) {
        return BackendRequest.of(TsneOptions.builder().threads(threads).method(TsneOptions.Method.FFT).build());
    }

    @Test
    void wholeIterationsFollowTheCpuFft() {
        int n = 800;
        SparseP p = OpenClKernelsTest.randomP(n, 51);
        float[] start = OpenClKernelsTest.random(n * 2, 52, 1e-2);
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
        try (CpuBackend cpu = new CpuBackend(fftRequest(2));
             OpenClBackend gpu = new OpenClBackend(new OpenClKernels(kernels.device()), TsneOptions.Method.FFT)) {
            cpu.prepare(p, n, 2);
            gpu.prepare(p, n, 2);
            for (int it = 0; it < 8; it++) {
                double zc = cpu.iterate(cpuState, attr, rep, q);
                double zg = gpu.iterate(gpuState, attr, rep, q);
                assertEquals(zc, zg, 1e-4 * zc, "Z at iteration " + it);
                // the host re-centres between iterations, as the optimiser does; the device keeps its copy
                for (int i = 0; i < n; i++) {
                    yGpu[2 * i] -= 0.25;
                    yCpu[2 * i] -= 0.25;
                }
            }
            assertTrue(gpu.repulsionUsed().startsWith("FFT interpolation, 3 nodes per interval, on the device"),
                    gpu.repulsionUsed());
        }
        // the layouts up to a translation (the host's shifts reached the CPU's copy only)
        centre(yCpu);
        centre(yGpu);
        double num = 0;
        double den = 0;
        for (int i = 0; i < yCpu.length; i++) {
            num += (yGpu[i] - yCpu[i]) * (yGpu[i] - yCpu[i]);
            den += yCpu[i] * yCpu[i];
        }
        assertTrue(Math.sqrt(num / den) <= 1e-3, "positions after 8 iterations: " + Math.sqrt(num / den));
    }

    static void centre(double[] y) {
        for (int axis = 0; axis < 2; axis++) {
            double mean = 0;
            for (int i = axis; i < y.length; i += 2) {
                mean += y[i];
            }
            mean /= y.length / 2;
            for (int i = axis; i < y.length; i += 2) {
                y[i] -= mean;
            }
        }
    }

    static Dataset sampleRows(int count) throws IOException {
        Dataset sample = FashionMnist.sample().train();
        int[] rows = new int[Math.min(count, sample.rows())];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return sample.subset(rows);
    }

    @Test
    void anFftEmbeddingOnOpenClReachesTheCpuFftAccuracy() throws IOException {
        // 500 iterations: on PoCL an evaluation on the smallest grid (150 nodes a side) takes ~25 ms
        Dataset d = sampleRows(2000);
        JobOptions o = JobOptions.builder(TsneOptions.builder().threads(2).method(TsneOptions.Method.FFT)
                .iterations(500).build()).quality(1000).build();
        Scaling scaling = Scaling.fitOn(d, null);
        double accCpu = EmbeddingJob.of(o).run(d, scaling, JobListener.NONE).quality().knnAccuracy();
        JobResult r;
        try (OpenClBackend backend = new OpenClBackend(new OpenClKernels(kernels.device()), TsneOptions.Method.FFT)) {
            r = EmbeddingJob.on(backend, o).run(d, scaling, JobListener.NONE);
        }
        assertEquals(accCpu, r.quality().knnAccuracy(), 0.02, "10-NN accuracy CPU FFT " + accCpu + ", OpenCL FFT "
                + r.quality().knnAccuracy());
        assertTrue(r.backend().repulsion().startsWith("FFT interpolation"), r.backend().repulsion());
    }

    @Test
    void anFftRunOnTheDeviceRepeatsBitForBit() throws IOException {
        Dataset d = sampleRows(1000);
        JobOptions o = JobOptions.builder(TsneOptions.builder().threads(2).method(TsneOptions.Method.FFT)
                .iterations(120).earlyExaggeration(12, 60).build()).build();
        Scaling scaling = Scaling.fitOn(d, null);
        try (OpenClBackend backend = new OpenClBackend(new OpenClKernels(kernels.device()), TsneOptions.Method.FFT)) {
            double[] first = EmbeddingJob.on(backend, o).run(d, scaling, JobListener.NONE).embedding().y();
            double[] second = EmbeddingJob.on(backend, o).run(d, scaling, JobListener.NONE).embedding().y();
            assertArrayEquals(first, second, "the same run twice on the device");
        }
    }

    @Test
    void theMethodIsChosenByPointsAndDimensionsAndCpuMethodsAreRefused() {
        try (OpenClBackend auto = new OpenClBackend(new OpenClKernels(kernels.device()))) {
            assertFalse(auto.usesFft(OpenClBackend.FFT_FROM - 1, 2));
            assertTrue(auto.usesFft(OpenClBackend.FFT_FROM, 2));
            assertFalse(auto.usesFft(1_000_000, 3), "3-D stays exact");
        }
        try (OpenClBackend fft = new OpenClBackend(new OpenClKernels(kernels.device()), TsneOptions.Method.FFT)) {
            assertTrue(fft.usesFft(100, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fft.usesFft(100, 3));
            assertEquals("the FFT repulsion embeds in 2 dimensions, not 3; use --method exact", e.getMessage());
        }
        try (OpenClBackend bh = new OpenClBackend(new OpenClKernels(kernels.device()),
                TsneOptions.Method.BARNES_HUT)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> bh.preflight(new RunShape(1000, 50, 90, 2, 100)));
            assertEquals("the OpenCL backend computes the repulsion exactly or by FFT interpolation, not by"
                    + " Barnes-Hut; use --method exact, fft or auto, or --backend cpu", e.getMessage());
        }
    }

    @Test
    void thePreflightEstimatesBothMethods() {
        try (OpenClBackend fft = new OpenClBackend(new OpenClKernels(kernels.device()), TsneOptions.Method.FFT)) {
            double seconds = fft.preflight(new RunShape(6000, 50, 90, 2, 100));
            assertTrue(seconds > 0 && Double.isFinite(seconds), "estimate " + seconds);
            String said = fft.plannedRepulsion(new RunShape(6000, 50, 90, 2, 100));
            assertTrue(said.matches("FFT-interpolated repulsion \\(exact: about .+\\)"), said);
        }
        try (OpenClBackend exact = new OpenClBackend(new OpenClKernels(kernels.device()),
                TsneOptions.Method.EXACT)) {
            exact.preflight(new RunShape(3000, 50, 90, 2, 100));
            String said = exact.plannedRepulsion(new RunShape(3000, 50, 90, 2, 100));
            assertTrue(said.matches("exact repulsion, 9\\.0e\\+06 pair terms an iteration \\(FFT: about .+\\)"), said);
            exact.preflight(new RunShape(3000, 50, 90, 3, 100));
            assertEquals("exact repulsion, 9.0e+06 pair terms an iteration",
                    exact.plannedRepulsion(new RunShape(3000, 50, 90, 3, 100)), "3-D: no FFT to estimate");
        }
    }
}
