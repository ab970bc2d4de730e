package dev.embedscope.gpu.opencl;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clSetKernelArg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;

/**
 * The t-SNE OpenCL kernels ({@code tsne.cl}, loaded from the class path) built once for one device,
 * with host-array entry points: the kNN top-k, attractive forces over CSR, exact tiled repulsion and
 * the gradient step. Every OpenCL object is released on {@link #close()}; OpenCL errors become
 * messages that name the device.
 */
public final class OpenClKernels implements AutoCloseable {

    static final String SOURCE = "/dev/embedscope/gpu/opencl/tsne.cl";
    static final int MAX_K = 128;
    private static final int LOCAL = 64;

    private final OpenClDevices.Device device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final cl_kernel knn;
    private final cl_kernel attractive;
    private final cl_kernel repulsive;
    private final cl_kernel step;
    private final List<cl_mem> owned = new ArrayList<>();

    public OpenClKernels(OpenClDevices.Device device) {
        this.device = device;
        CL.setExceptionsEnabled(true);
        try {
            context = clCreateContext(null, 1, new cl_device_id[] {device.id()}, null, null, null);
            queue = clCreateCommandQueueWithProperties(context, device.id(), new cl_queue_properties(), null);
            program = clCreateProgramWithSource(context, 1, new String[] {source()}, null, null);
            clBuildProgram(program, 0, null, "-cl-std=CL1.2", null, null);
            knn = clCreateKernel(program, "knn_topk", null);
            attractive = clCreateKernel(program, "attractive", null);
            repulsive = clCreateKernel(program, "repulsive", null);
            step = clCreateKernel(program, "gradient_step", null);
        } catch (CLException e) {
            throw new IllegalStateException("OpenCL on " + device.name() + ": " + e.getMessage(), e);
        }
    }

    public OpenClDevices.Device device() {
        return device;
    }

    static String source() {
        try (InputStream in = OpenClKernels.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A device buffer of {@code bytes}, filled from {@code host} when given; released with the kernels. */
    cl_mem buffer(long bytes, Pointer host, boolean readOnly) {
        try {
            long flags = (readOnly ? CL_MEM_READ_ONLY : CL_MEM_READ_WRITE) | (host != null ? CL_MEM_COPY_HOST_PTR : 0);
            cl_mem m = clCreateBuffer(context, flags, Math.max(4, bytes), host, null);
            owned.add(m);
            return m;
        } catch (CLException e) {
            throw new IllegalStateException(String.format("OpenCL on %s: cannot allocate %,d bytes of device memory (%s; the"
                    + " device has %,d MB)", device.name(), bytes, e.getMessage(), device.globalMemory() >> 20), e);
        }
    }

    void release(cl_mem m) {
        if (owned.remove(m)) {
            clReleaseMemObject(m);
        }
    }

    void write(cl_mem m, float[] host) {
        clEnqueueWriteBuffer(queue, m, CL_TRUE, 0, (long) host.length * Sizeof.cl_float, Pointer.to(host), 0, null, null);
    }

    void read(cl_mem m, float[] host) {
        clEnqueueReadBuffer(queue, m, CL_TRUE, 0, (long) host.length * Sizeof.cl_float, Pointer.to(host), 0, null, null);
    }

    void read(cl_mem m, int[] host) {
        clEnqueueReadBuffer(queue, m, CL_TRUE, 0, (long) host.length * Sizeof.cl_int, Pointer.to(host), 0, null, null);
    }

    private void run(cl_kernel kernel, int items) {
        long global = ((items + LOCAL - 1) / LOCAL) * (long) LOCAL;
        try {
            clEnqueueNDRangeKernel(queue, kernel, 1, null, new long[] {Math.max(LOCAL, global)}, new long[] {LOCAL}, 0, null, null);
            clFinish(queue);
        } catch (CLException e) {
            throw new IllegalStateException("OpenCL on " + device.name() + ": a kernel of " + items + " work items failed ("
                    + e.getMessage() + ")", e);
        }
    }

    private static void args(cl_kernel k, Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Integer x) {
                clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {x}));
            } else if (v instanceof Float x) {
                clSetKernelArg(k, i, Sizeof.cl_float, Pointer.to(new float[] {x}));
            } else if (v instanceof cl_mem m) {
                clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
            } else if (v instanceof LocalBytes l) {
                clSetKernelArg(k, i, l.bytes(), null);
            } else {
                throw new IllegalArgumentException("unsupported kernel argument " + v);
            }
        }
    }

    /** Local memory of a given size, as a kernel argument. */
    record LocalBytes(long bytes) {
    }

    /**
     * For each of the {@code nQuery} rows of {@code query} (row-major, d columns) its k nearest rows of
     * {@code ref}, nearest first: indices into outIdx and squared distances into outDist (both nQuery×k).
     */
    public void knn(float[] ref, int nRef, float[] query, int nQuery, int d, int k, boolean excludeSelf, int[] outIdx,
                    float[] outDist) {
        if (k > MAX_K) {
            throw new IllegalArgumentException("the OpenCL kNN keeps at most " + MAX_K + " neighbours, " + k + " asked");
        }
        cl_mem r = buffer((long) ref.length * Sizeof.cl_float, Pointer.to(ref), true);
        cl_mem q = buffer((long) query.length * Sizeof.cl_float, Pointer.to(query), true);
        cl_mem oi = buffer((long) nQuery * k * Sizeof.cl_int, null, false);
        cl_mem od = buffer((long) nQuery * k * Sizeof.cl_float, null, false);
        try {
            args(knn, nRef, nQuery, d, k, excludeSelf ? 1 : 0, r, q, oi, od, new LocalBytes((long) LOCAL * d * Sizeof.cl_float));
            run(knn, nQuery);
            read(oi, outIdx);
            read(od, outDist);
        } finally {
            release(r);
            release(q);
            release(oi);
            release(od);
        }
    }

    /** Device-resident CSR P and per-iteration buffers for n points in dims dimensions. */
    public final class Problem implements AutoCloseable {
        final int n;
        final int dims;
        final cl_mem rowStart;
        final cl_mem cols;
        final cl_mem vals;
        final cl_mem y;
        final cl_mem attr;
        final cl_mem rep;
        final cl_mem z;
        final cl_mem update;
        final cl_mem gains;
        final float[] hostZ;

        Problem(int[] rowStartHost, int[] colsHost, float[] valsHost, int n, int dims) {
            this.n = n;
            this.dims = dims;
            rowStart = buffer((long) rowStartHost.length * Sizeof.cl_int, Pointer.to(rowStartHost), true);
            cols = buffer((long) colsHost.length * Sizeof.cl_int, Pointer.to(colsHost), true);
            vals = buffer((long) valsHost.length * Sizeof.cl_float, Pointer.to(valsHost), true);
            long len = (long) n * dims * Sizeof.cl_float;
            y = buffer(len, null, false);
            attr = buffer(len, null, false);
            rep = buffer(len, null, false);
            z = buffer((long) n * Sizeof.cl_float, null, false);
            update = buffer(len, null, false);
            gains = buffer(len, null, false);
            hostZ = new float[n];
        }

        /** attr for positions y (uploaded), read back into attrOut. */
        public void attractive(float[] yHost, float[] attrOut) {
            write(y, yHost);
            args(attractive, n, dims, rowStart, cols, vals, y, attr);
            run(attractive, n);
            read(attr, attrOut);
        }

        /** Exact repulsion for positions y (uploaded); returns Z summed on the host in index order. */
        public double repulsive(float[] yHost, float[] repOut) {
            write(y, yHost);
            args(repulsive, n, dims, y, rep, z, new LocalBytes((long) LOCAL * 3 * Sizeof.cl_float));
            run(repulsive, n);
            read(rep, repOut);
            read(z, hostZ);
            double total = 0;
            for (float v : hostZ) {
                total += v;
            }
            return total;
        }

        /** One gradient step on the device for host arrays (uploaded and read back). */
        public void step(float[] yHost, float[] attrHost, float[] repHost, float[] updateHost, float[] gainsHost, double zValue,
                         float exaggeration, float momentum, float rate, float minGain) {
            write(y, yHost);
            write(attr, attrHost);
            write(rep, repHost);
            write(update, updateHost);
            write(gains, gainsHost);
            args(step, n * dims, exaggeration, momentum, rate, minGain, (float) (1 / zValue), y, attr, rep, update, gains);
            run(step, n * dims);
            read(y, yHost);
            read(update, updateHost);
            read(gains, gainsHost);
        }

        private boolean resident;

        /**
         * One whole iteration on the device: attractive and repulsive forces at the device's y, then
         * the step with the device's updates and gains; reads back y (into yHost) and returns Z. The
         * first call uploads yHost and starts updates at 0 and gains at 1; later calls keep everything
         * on the device (yHost may only have been translated in between, which changes no force).
         */
        public double iterate(float[] yHost, float exaggeration, float momentum, float rate, float minGain) {
            if (!resident) {
                write(y, yHost);
                float[] zeros = new float[n * dims];
                float[] ones = new float[n * dims];
                java.util.Arrays.fill(ones, 1f);
                write(update, zeros);
                write(gains, ones);
                resident = true;
            }
            args(attractive, n, dims, rowStart, cols, vals, y, attr);
            run(attractive, n);
            args(repulsive, n, dims, y, rep, z, new LocalBytes((long) LOCAL * 3 * Sizeof.cl_float));
            run(repulsive, n);
            read(z, hostZ);
            double total = 0;
            for (float v : hostZ) {
                total += v;
            }
            args(step, n * dims, exaggeration, momentum, rate, minGain, (float) (1 / total), y, attr, rep, update, gains);
            run(step, n * dims);
            read(y, yHost);
            return total;
        }

        @Override
        public void close() {
            for (cl_mem m : new cl_mem[] {rowStart, cols, vals, y, attr, rep, z, update, gains}) {
                release(m);
            }
        }
    }

    public Problem problem(int[] rowStart, int[] cols, float[] vals, int n, int dims) {
        return new Problem(rowStart, cols, vals, n, dims);
    }

    @Override
    public void close() {
        for (cl_mem m : new ArrayList<>(owned)) {
            release(m);
        }
        clReleaseKernel(knn);
        clReleaseKernel(attractive);
        clReleaseKernel(repulsive);
        clReleaseKernel(step);
        clReleaseProgram(program);
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
