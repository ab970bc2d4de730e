package dev.embedscope.gpu.opencl;

import static org.jocl.CL.clReleaseKernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Batched one-dimensional FFTs on an OpenCL device by Stockham's autosort algorithm in mixed radix 4, 2, 3
 * and 5 (Govindaraju, Lloyd, Dotsenko, Smith and Manferdelli, "High performance discrete Fourier transforms on
 * graphics processors", SC 2008): one launch of {@code fft_stageR} per radix R, ping-ponging between two buffers,
 * so that a pass is queued with its arguments bound once and no host synchronisation. Used by
 * {@link OpenClFft} for the rows and columns of its grids; tested against JTransforms.
 */
final class OpenClStockham implements AutoCloseable {

    private final OpenClKernels k;
    private final boolean forceFloat;
    private final List<cl_kernel> made = new ArrayList<>();

    /** One queued kernel with its arguments bound, and the phase it belongs to (for profiles). */
    record Launch(cl_kernel kernel, OpenClKernels.Range range, String phase) {
    }

    /** The two buffers a pass ping-pongs between, the twiddle table and the transform length. */
    record Buffers(cl_mem a, cl_mem b, cl_mem twiddles, int len) {
    }

    /**
     * A batch of transforms: how many, how many per plane (transform t starts at (t / inner) · outerStride +
     * (t mod inner) · innerStride), the step between a transform's elements, and whether the transforms are
     * adjacent in memory (columns: the batch goes on the first NDRange dimension, so reads coalesce).
     */
    record Pass(int batches, int inner, int innerStride, int elemStride, long outerStride, boolean batchFirst) {
    }

    OpenClStockham(OpenClKernels k, boolean forceFloat) {
        this.k = k;
        this.forceFloat = forceFloat;
    }

    /** The radices (4s first, then 2, 3, 5) whose product is len; refuses other factors, naming {@code what}. */
    static int[] radices(int len, String what) {
        List<Integer> out = new ArrayList<>();
        int rest = len;
        for (int r : new int[] {4, 2, 3, 5}) {
            while (rest % r == 0) {
                out.add(r);
                rest /= r;
            }
        }
        if (rest != 1 || len < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the OpenCL FFT transforms lengths whose"
                    + " only factors are 2, 3 and 5; %s makes %d", what, len));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Appends one launch per radix of pass {@code p} (sign −1 forward, +1 inverse, unnormalised) over the data
     * in {@code from} (one of the pair); returns the buffer the result lands in.
     */
    cl_mem pass(List<Launch> out, Buffers buffers, Pass p, cl_mem from, int sign) {
        int len = buffers.len();
        cl_mem in = from;
        int ns = 1;
        int local = k.fftLocal();
        for (int radix : radices(len, "a transform")) {
            cl_mem to = in == buffers.a() ? buffers.b() : buffers.a();
            cl_kernel stage = k.fftKernel("fft_stage" + radix, forceFloat);
            made.add(stage);
            OpenClKernels.args(stage, len, ns, sign, p.elemStride(), p.inner(), p.innerStride(),
                    p.outerStride(), p.batches(), p.batchFirst() ? 1 : 0, buffers.twiddles(), in, to);
            int span = len / radix;
            OpenClKernels.Range range = p.batchFirst() ? OpenClKernels.Range.of(p.batches(), span, local)
                    : OpenClKernels.Range.of(span, p.batches(), local);
            out.add(new Launch(stage, range, "FFT"));
            ns *= radix;
            in = to;
        }
        return in;
    }

    /** Writes tw[t] = exp(−2πi t / len), computed in double, in the kernels' precision. */
    void writeTwiddles(cl_mem tw, int len) {
        double[] t = new double[2 * len];
        for (int i = 0; i < len; i++) {
            double a = -2 * Math.PI * i / len;
            t[2 * i] = Math.cos(a);
            t[2 * i + 1] = Math.sin(a);
        }
        if (k.fftDouble()) {
            k.write(tw, t);
        } else {
            float[] f = new float[t.length];
            for (int i = 0; i < t.length; i++) {
                f[i] = (float) t[i];
            }
            k.write(tw, f);
        }
    }

    /**
     * Transforms {@code batches} contiguous rows of length len (interleaved re, im) on the device and reads them
     * back: the passes as the repulsion queues them, for tests against a CPU FFT.
     */
    double[] transformRows(double[] rows, int len, int batches, int sign) {
        clReleaseKernel(k.fftKernel("fft_stage2", forceFloat)); // builds the program: its precision is then known
        boolean real64 = k.fftDouble();
        long bytes = (long) rows.length * (real64 ? Sizeof.cl_double : Sizeof.cl_float);
        float[] asFloat = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            asFloat[i] = (float) rows[i];
        }
        cl_mem a = k.buffer(bytes, real64 ? Pointer.to(rows) : Pointer.to(asFloat), false);
        cl_mem b = k.buffer(bytes, null, false);
        cl_mem tw = k.buffer(2L * len * (real64 ? Sizeof.cl_double : Sizeof.cl_float), null, true);
        try {
            writeTwiddles(tw, len);
            List<Launch> launches = new ArrayList<>();
            cl_mem at = pass(launches, new Buffers(a, b, tw, len), new Pass(batches, batches, len, 1, 0, false), a,
                    sign);
            for (Launch l : launches) {
                k.enqueue(l.kernel(), l.range());
            }
            double[] out = new double[rows.length];
            if (real64) {
                k.read(at, out);
            } else {
                k.read(at, asFloat);
                for (int i = 0; i < out.length; i++) {
                    out[i] = asFloat[i];
                }
            }
            return out;
        } finally {
            k.finish();
            clear();
            k.release(a);
            k.release(b);
            k.release(tw);
        }
    }

    /** Releases the stage kernels made so far (nothing queued may still use them). */
    void clear() {
        for (cl_kernel s : made) {
            clReleaseKernel(s);
        }
        made.clear();
    }

    @Override
    public void close() {
        clear();
    }
}
