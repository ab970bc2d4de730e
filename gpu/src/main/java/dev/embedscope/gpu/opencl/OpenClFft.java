package dev.embedscope.gpu.opencl;

import static org.jocl.CL.clReleaseKernel;

import dev.embedscope.tsne.FftRepulsion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * The FFT-accelerated interpolation repulsion of one 2-D problem on an OpenCL device (FIt-SNE: Linderman,
 * Rachh, Hoskins, Steinerberger and Kluger, Nature Methods 16, 2019), queued behind the attractive forces
 * with no host synchronisation: each point's four charges spread onto the grid in 64-bit fixed point
 * (integer atomics, so the sums do not depend on the order in which points arrive), the two complex charge
 * grids convolved with the kernel by Stockham autosort FFTs of the zero-padded circulant (Govindaraju et al.,
 * "High performance discrete Fourier transforms on graphics processors", SC 2008), pruned to the rows that
 * hold charges or are read, then the potentials interpolated back into forces and the terms of Z, which one
 * work-group sums in a fixed order. The grid is the CPU's ({@link FftRepulsion#frame}), computed on the host
 * from the positions it reads back every iteration; {@link FftRepulsion} is the twin the tests hold it to.
 */
final class OpenClFft implements AutoCloseable {

    /** Reals in the frame buffer: centre, low corner, width, spacing, four scales and their inverses. */
    private static final int FRAME_LENGTH = 13;
    /** Headroom when the grid outgrows its buffers, so that a growing layout reallocates rarely. */
    private static final double GROWTH = 1.25;

    private final OpenClKernels k;
    private final int n;
    private final FftRepulsion.Grid grid;
    private final boolean real64;
    private final int realBytes;
    private final double maxWeight;
    private final cl_kernel spread;
    private final cl_kernel charges;
    private final cl_kernel kernelGrid;
    private final cl_kernel takeReal;
    private final cl_kernel multiply;
    private final cl_kernel interpolate;
    private final cl_kernel reduce;
    private final cl_mem y;
    private final cl_mem rep;
    private final cl_mem zTotal;
    private final cl_mem frame;
    private final cl_mem zTerm;
    /** The frame on the host, in the kernels' precision: written to the device without waiting. */
    private final java.nio.ByteBuffer frameHost;
    private final double[] frameValues = new double[FRAME_LENGTH];
    private final OpenClStockham fft;
    private final List<OpenClStockham.Launch> spectrum = new ArrayList<>();
    private final List<OpenClStockham.Launch> evaluation = new ArrayList<>();
    private int side = -1;
    private int len = -1;
    private double spacing = Double.NaN;
    private long capacity;
    private cl_mem acc;
    private cl_mem x;
    private cl_mem scratch;
    private cl_mem hat;
    private cl_mem tw;
    private boolean closed;

    /**
     * The FFT repulsion of n points whose positions, forces and Z live in the problem's buffers y, rep and
     * zTotal; {@code forceFloat} builds the float32 kernels even on a double-precision device (tests).
     */
    OpenClFft(OpenClKernels k, int n, FftRepulsion.Grid grid, Buffers buffers, boolean forceFloat) {
        this.k = k;
        this.n = n;
        this.grid = grid;
        this.y = buffers.y();
        this.rep = buffers.rep();
        this.zTotal = buffers.zTotal();
        List<cl_kernel> made = new ArrayList<>();
        try {
            spread = made(made, k.fftKernel("fft_spread", forceFloat));
            charges = made(made, k.fftKernel("fft_charges", forceFloat));
            kernelGrid = made(made, k.fftKernel("fft_kernel_grid", forceFloat));
            takeReal = made(made, k.fftKernel("fft_take_real", forceFloat));
            multiply = made(made, k.fftKernel("fft_multiply", forceFloat));
            interpolate = made(made, k.fftKernel("fft_interpolate", forceFloat));
            reduce = made(made, k.fftKernel("fft_reduce_z", forceFloat));
        } catch (RuntimeException e) {
            made.forEach(org.jocl.CL::clReleaseKernel);
            throw e;
        }
        this.real64 = k.fftDouble();
        this.realBytes = real64 ? Sizeof.cl_double : Sizeof.cl_float;
        this.maxWeight = maxWeight(grid.nodes());
        this.fft = new OpenClStockham(k, forceFloat);
        this.frame = k.buffer((long) FRAME_LENGTH * realBytes, null, true);
        this.frameHost = java.nio.ByteBuffer.allocateDirect(FRAME_LENGTH * realBytes)
                .order(java.nio.ByteOrder.nativeOrder());
        this.zTerm = k.buffer((long) n * realBytes, null, false);
        OpenClKernels.args(reduce, n, zTerm, zTotal, new OpenClKernels.LocalBytes((long) k.reduceLocal() * realBytes));
    }

    /** The problem's buffers the repulsion reads (positions) and writes (forces of one part, Z). */
    record Buffers(cl_mem y, cl_mem rep, cl_mem zTotal) {
    }

    private static cl_kernel made(List<cl_kernel> made, cl_kernel kernel) {
        made.add(kernel);
        return kernel;
    }

    /** Whether the kernels compute in double precision. */
    boolean doublePrecision() {
        return real64;
    }

    /** The grid's frame for host positions equal to the device's (the CPU's {@link FftRepulsion#frame}). */
    FftRepulsion.Frame frame(float[] yHost) {
        return FftRepulsion.frame(i -> yHost[i], n, grid);
    }

    /** Nodes a side of the last evaluation's grid. */
    int side() {
        return side;
    }

    /**
     * Queues the repulsion at the device's positions, which {@code f} describes: forces into part 0 of rep,
     * Z into zTotal. A new grid side or spacing first rebuilds the plan and the kernel's spectrum.
     */
    void queue(FftRepulsion.Frame f) {
        if (closed) {
            throw new IllegalStateException(k.where() + ": this FFT repulsion's buffers were released (closed)");
        }
        int m = f.side();
        if (m != side) {
            plan(m);
        }
        if (m != side || f.h() != spacing) {
            OpenClKernels.args(kernelGrid, m, len, real(f.h()), x);
            for (OpenClStockham.Launch l : spectrum) {
                k.enqueue(l.kernel(), l.range());
            }
            side = m;
            spacing = f.h();
        }
        writeFrame(f);
        for (OpenClStockham.Launch l : evaluation) {
            k.enqueue(l.kernel(), l.range());
        }
    }

    /**
     * Milliseconds per phase of one evaluation (spread, grids, FFT, interpolate, Z; spectrum when the grid was
     * new), averaged over {@code times} evaluations at the frame {@code f}, each phase waited for alone: a
     * profile for diagnosing, slower than the queued evaluation.
     */
    java.util.Map<String, Double> profile(FftRepulsion.Frame f, int times) {
        java.util.Map<String, Double> ms = new java.util.LinkedHashMap<>();
        for (int t = 0; t < times; t++) {
            int m = f.side();
            if (m != side) {
                plan(m);
            }
            if (m != side || f.h() != spacing) {
                OpenClKernels.args(kernelGrid, m, len, real(f.h()), x);
                timed(spectrum, ms);
                side = m;
                spacing = f.h();
            }
            writeFrame(f);
            timed(evaluation, ms);
        }
        ms.replaceAll((phase, total) -> total / times);
        return ms;
    }

    private void timed(List<OpenClStockham.Launch> launches, java.util.Map<String, Double> ms) {
        k.finish();
        for (OpenClStockham.Launch l : launches) {
            long t0 = System.nanoTime();
            k.enqueue(l.kernel(), l.range());
            k.finish();
            ms.merge(l.phase(), (System.nanoTime() - t0) / 1e6, Double::sum);
        }
    }

    private Object real(double v) {
        return real64 ? (Object) v : (Object) (float) v;
    }

    /**
     * The frame's reals: centre, corner, width, spacing, and per charge (1, x, y, ‖y‖²) a power-of-two
     * fixed-point scale such that n points' sums stay below 2⁶²: the largest weight × the largest charge × n.
     */
    private void writeFrame(FftRepulsion.Frame f) {
        double r = Math.max(Math.abs(f.lo()), Math.abs(f.lo() + f.intervals() * f.width()));
        double[] v = frameValues;
        v[0] = f.cx();
        v[1] = f.cy();
        v[2] = f.lo();
        v[3] = f.width();
        v[4] = f.h();
        for (int c = 0; c < 4; c++) {
            double largest = c == 0 ? 1 : c < 3 ? r : 2 * r * r; // charges 1, x, y, ‖y‖²
            double bound = n * maxWeight * Math.max(largest, 1e-30);
            int e = Math.min(120, 62 - (Math.getExponent(bound) + 1));
            v[5 + c] = Math.scalb(1.0, e);
            v[9 + c] = Math.scalb(1.0, -e);
        }
        // the previous frame was read by launches already waited for (each iteration ends in a blocking read)
        frameHost.clear();
        for (double value : v) {
            if (real64) {
                frameHost.putDouble(value);
            } else {
                frameHost.putFloat((float) value);
            }
        }
        k.writeQueued(frame, frameHost);
    }

    /** The largest |Lagrange weight| product of two axes for this many nodes, with a margin, sampled finely. */
    static double maxWeight(int nodes) {
        double largest = 0;
        int samples = 10_000;
        for (int s = 0; s <= samples; s++) {
            double u = -0.5 + (double) nodes * s / samples;
            for (int j = 0; j < nodes; j++) {
                double l = 1;
                for (int q = 0; q < nodes; q++) {
                    if (q != j) {
                        l *= (u - q) / (j - q);
                    }
                }
                largest = Math.max(largest, Math.abs(l));
            }
        }
        return largest * largest * 1.05;
    }

    /** Rebuilds the launches for a grid of m nodes a side (circulant side 2m), growing the buffers if needed. */
    private void plan(int m) {
        int newLen = 2 * m;
        OpenClStockham.radices(newLen, "the FFT grid of " + grid.nodes() + " nodes per interval"); // refuses early
        k.finish(); // nothing queued may still use the kernels or buffers released below
        releasePlan();
        if ((long) newLen * newLen > capacity) {
            long want = (long) Math.ceil(newLen * GROWTH);
            long cells = want * want;
            k.requireFits(String.format(Locale.ROOT, "the FFT grid of %,d nodes a side", m),
                    buffers(n, (int) Math.ceil(want / 2.0), real64));
            for (cl_mem b : new cl_mem[] {acc, x, scratch, hat, tw}) {
                if (b != null) {
                    k.release(b);
                }
            }
            acc = k.buffer(cells * Sizeof.cl_long, null, false); // four m × m grids: cells ≥ (2m)²
            k.fill(acc, cells * Sizeof.cl_long);
            x = k.buffer(2 * cells * 2 * realBytes, null, false);
            scratch = k.buffer(2 * cells * 2 * realBytes, null, false);
            hat = k.buffer(cells * realBytes, null, false);
            tw = k.buffer(want * 2 * realBytes, null, true);
            capacity = cells;
        }
        len = newLen;
        fft.writeTwiddles(tw, newLen);
        OpenClStockham.Buffers pair = new OpenClStockham.Buffers(x, scratch, tw, len);
        int local = k.fftLocal();
        long plane = (long) len * len;
        OpenClKernels.Range cells = OpenClKernels.Range.of(len, len, local);
        // the kernel's spectrum: sampled into x's first plane, a full 2-D forward transform, its real part
        spectrum.add(new OpenClStockham.Launch(kernelGrid, cells, "spectrum"));
        cl_mem at = fft.pass(spectrum, pair, new OpenClStockham.Pass(len, len, len, 1, 0, false), x, -1);
        at = fft.pass(spectrum, pair, new OpenClStockham.Pass(len, len, 1, len, 0, true), at, -1);
        OpenClKernels.args(takeReal, len, at, hat);
        spectrum.add(new OpenClStockham.Launch(takeReal, cells, "spectrum"));
        // one evaluation: spread, charge grids, rows of both grids forward (m rows), columns forward, the
        // spectrum, columns back, the m rows that are read back, interpolation, Z
        OpenClKernels.args(spread, n, frameIntervals(m), grid.nodes(), m, y, frame, acc);
        evaluation.add(new OpenClStockham.Launch(spread, OpenClKernels.Range.of(n, 1, OpenClKernels.LOCAL), "spread"));
        OpenClKernels.args(charges, m, len, acc, frame, x, scratch);
        evaluation.add(new OpenClStockham.Launch(charges, cells, "grids"));
        at = fft.pass(evaluation, pair, new OpenClStockham.Pass(2 * m, m, len, 1, plane, false), x, -1);
        at = fft.pass(evaluation, pair, new OpenClStockham.Pass(2 * len, len, 1, len, plane, true), at, -1);
        OpenClKernels.args(multiply, len, hat, at);
        evaluation.add(new OpenClStockham.Launch(multiply, cells, "FFT"));
        at = fft.pass(evaluation, pair, new OpenClStockham.Pass(2 * len, len, 1, len, plane, true), at, 1);
        at = fft.pass(evaluation, pair, new OpenClStockham.Pass(2 * m, m, len, 1, plane, false), at, 1);
        OpenClKernels.args(interpolate, n, frameIntervals(m), grid.nodes(), len, y, frame, at, rep, zTerm);
        evaluation.add(new OpenClStockham.Launch(interpolate, OpenClKernels.Range.of(n, 1, OpenClKernels.LOCAL),
                "interpolate"));
        evaluation.add(new OpenClStockham.Launch(reduce, OpenClKernels.Range.of(k.reduceLocal(), 1, k.reduceLocal()),
                "Z"));
    }

    private int frameIntervals(int m) {
        return m / grid.nodes();
    }

    private void releasePlan() {
        fft.clear();
        spectrum.clear();
        evaluation.clear();
    }

    /**
     * The device buffers of the FFT repulsion in bytes for n points and a grid of m nodes a side: fixed-point
     * sums, the two grids and their scratch, the spectrum, the terms of Z, the twiddles.
     */
    static long[] buffers(int n, int m, boolean real64) {
        long rb = real64 ? Sizeof.cl_double : Sizeof.cl_float;
        long len = 2L * m;
        long cells = len * len;
        return new long[] {cells * Sizeof.cl_long, 4 * cells * rb, 4 * cells * rb, cells * rb, n * rb, 2 * len * rb};
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        k.finish();
        releasePlan();
        fft.close();
        for (cl_kernel kernel : new cl_kernel[] {spread, charges, kernelGrid, takeReal, multiply, interpolate,
            reduce}) {
            clReleaseKernel(kernel);
        }
        for (cl_mem b : new cl_mem[] {acc, x, scratch, hat, tw, frame, zTerm}) {
            if (b != null) {
                k.release(b);
            }
        }
    }
}
