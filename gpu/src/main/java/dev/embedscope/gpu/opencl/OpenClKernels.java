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

import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;
import dev.embedscope.tsne.ComputeBackend;
import dev.embedscope.tsne.DeviceLimitException;
import dev.embedscope.tsne.FftRepulsion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * with host-array entry points: the kNN top-k (register-tiled distances), attractive forces over
 * CSR, exact repulsion tiled through local memory and split into parts so that a large GPU has
 * enough work-items, a fixed-order reduction of Z, and the gradient step. Every OpenCL object is
 * released on {@link #close()}; OpenCL errors, and problems larger than the device's memory,
 * become messages that name the device.
 */
public final class OpenClKernels implements AutoCloseable {

    static final String SOURCE = "/dev/embedscope/gpu/opencl/tsne.cl";
    static final String FFT_SOURCE = "/dev/embedscope/gpu/opencl/fft.cl";
    static final int MAX_K = 128;
    static final int LOCAL = 64;
    private static final int KNN_TILE = 32;
    private static final int KNN_DC = 32;
    /** Work-items a GPU wants per compute unit to hide latency (more parts of the repulsion below that). */
    private static final int ITEMS_PER_GPU_UNIT = 2048;
    private static final int MAX_PARTS = 16;

    private final OpenClDevices.Device device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final cl_kernel knn;
    private final cl_kernel attractive;
    private final cl_kernel repulsive2;
    private final cl_kernel repulsive3;
    private final cl_kernel reduceZ;
    private final cl_kernel step;
    private final int reduceLocal;
    /** The FFT repulsion's program, built on first use; double precision where the device has it. */
    private cl_program fftProgram;
    private boolean fftDouble;
    private final List<cl_mem> owned = new ArrayList<>();
    /** The problem whose buffers the kernels' arguments point at, and the step scalars last set. */
    private Problem bound;
    private ComputeBackend.StepParameters boundStep;
    private int boundRepParts;

    /** The kernels for a device; on a GPU the repulsion's 1/x is the hardware reciprocal (native_recip). */
    public OpenClKernels(OpenClDevices.Device device) {
        this(device, device.gpu());
    }

    /** As {@link #OpenClKernels(OpenClDevices.Device)}, choosing the reciprocal (tests build both on any device). */
    OpenClKernels(OpenClDevices.Device device, boolean fastReciprocal) {
        this.device = device;
        CL.setExceptionsEnabled(true);
        List<Runnable> undo = new ArrayList<>();
        try {
            context = clCreateContext(null, 1, new cl_device_id[] {device.id()}, null, null, null);
            undo.add(() -> clReleaseContext(context));
            queue = clCreateCommandQueueWithProperties(context, device.id(), new cl_queue_properties(), null);
            undo.add(() -> clReleaseCommandQueue(queue));
            program = clCreateProgramWithSource(context, 1, new String[] {source()}, null, null);
            undo.add(() -> clReleaseProgram(program));
            clBuildProgram(program, 0, null, "-cl-std=CL1.2 -cl-mad-enable"
                    + (fastReciprocal ? " -D FAST_RECIP" : ""), null, null);
            knn = kernel("knn_topk", undo);
            attractive = kernel("attractive", undo);
            repulsive2 = kernel("repulsive2", undo);
            repulsive3 = kernel("repulsive3", undo);
            reduceZ = kernel("reduce_z", undo);
            step = kernel("gradient_step", undo);
        } catch (CLException e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run(); // what was created before the failure, newest first
            }
            throw new IllegalStateException("OpenCL on " + device.name() + ": " + e.getMessage(), e);
        }
        reduceLocal = Integer.highestOneBit((int) Math.max(1, Math.min(256, device.maxWorkGroupSize())));
    }

    public OpenClDevices.Device device() {
        return device;
    }

    private cl_kernel kernel(String name, List<Runnable> undo) {
        cl_kernel k = clCreateKernel(program, name, null);
        undo.add(() -> clReleaseKernel(k));
        return k;
    }

    static String source() {
        return source(SOURCE);
    }

    static String source(String path) {
        try (InputStream in = OpenClKernels.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new instance of a kernel of the FFT repulsion's program ({@code fft.cl}), which is built on the first call:
     * in double precision where the device has cl_khr_fp64 (or {@code forceFloat} is false and it has), else float.
     * The caller releases it. Throws when the device lacks 64-bit integer atomics (its spreading needs them).
     */
    synchronized cl_kernel fftKernel(String name, boolean forceFloat) {
        if (!device.int64Atomics()) {
            throw new IllegalStateException(where() + ": the FFT repulsion needs 64-bit integer atomics"
                    + " (cl_khr_int64_base_atomics), which this device lacks; use --method exact");
        }
        boolean wantDouble = device.fp64() && !forceFloat;
        if (fftProgram != null && fftDouble != wantDouble) {
            clReleaseProgram(fftProgram);
            fftProgram = null;
        }
        try {
            if (fftProgram == null) {
                cl_program p = clCreateProgramWithSource(context, 1, new String[] {source(FFT_SOURCE)}, null, null);
                try {
                    clBuildProgram(p, 0, null, "-cl-std=CL1.2" + (wantDouble ? " -D REAL_DOUBLE" : ""), null, null);
                } catch (CLException e) {
                    clReleaseProgram(p);
                    throw e;
                }
                fftProgram = p;
                fftDouble = wantDouble;
            }
            return clCreateKernel(fftProgram, name, null);
        } catch (CLException e) {
            throw new IllegalStateException(where() + ": building the FFT kernels failed (" + e.getMessage() + ")", e);
        }
    }

    /** Whether the FFT program was built in double precision (after {@link #fftKernel}). */
    boolean fftDouble() {
        return fftDouble;
    }

    /**
     * Refuses, before allocating anything, a problem whose buffers cannot fit the device: more
     * bytes in all than its global memory, or one buffer over its largest allocation. (Drivers may
     * allocate lazily, so without this check the failure would come later and vaguer.)
     */
    void requireFits(String what, long... bufferBytes) {
        long total = 0;
        long largest = 0;
        for (long b : bufferBytes) {
            total += b;
            largest = Math.max(largest, b);
        }
        if (total > device.globalMemory()) {
            throw new DeviceLimitException(where(), DeviceLimitException.Limit.MEMORY, what, total,
                    device.globalMemory());
        }
        if (largest > device.maxAllocation()) {
            throw new DeviceLimitException(where(), DeviceLimitException.Limit.LARGEST_ALLOCATION, what, largest,
                    device.maxAllocation());
        }
    }

    /** "OpenCL on" the device's name: how limits and failures name it. */
    String where() {
        return "OpenCL on " + device.name();
    }

    /** A device buffer of {@code bytes}, filled from {@code host} when given; released with the kernels. */
    cl_mem buffer(long bytes, Pointer host, boolean readOnly) {
        try {
            long flags = (readOnly ? CL_MEM_READ_ONLY : CL_MEM_READ_WRITE) | (host != null ? CL_MEM_COPY_HOST_PTR : 0);
            cl_mem m = clCreateBuffer(context, flags, Math.max(4, bytes), host, null);
            owned.add(m);
            return m;
        } catch (CLException e) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "OpenCL on %s: cannot allocate %,d bytes of device memory"
                    + " (%s; the device has %,d MB)", device.name(), bytes, e.getMessage(),
                            device.globalMemory() >> 20), e);
        }
    }

    void release(cl_mem m) {
        if (owned.remove(m)) {
            clReleaseMemObject(m);
        }
    }

    void write(cl_mem m, float[] host) {
        try {
            clEnqueueWriteBuffer(queue, m, CL_TRUE, 0, (long) host.length * Sizeof.cl_float,
                    Pointer.to(host), 0, null, null);
        } catch (CLException e) {
            throw failed("copying to the device", e);
        }
    }

    /**
     * Queues a copy of a direct buffer to the device without waiting: the caller leaves the buffer alone until
     * something later on the queue has been waited for (a blocking read).
     */
    void writeQueued(cl_mem m, java.nio.ByteBuffer direct) {
        try {
            clEnqueueWriteBuffer(queue, m, CL.CL_FALSE, 0, direct.capacity(), Pointer.to(direct), 0, null, null);
        } catch (CLException e) {
            throw failed("copying to the device", e);
        }
    }

    void write(cl_mem m, double[] host) {
        try {
            clEnqueueWriteBuffer(queue, m, CL_TRUE, 0, (long) host.length * Sizeof.cl_double,
                    Pointer.to(host), 0, null, null);
        } catch (CLException e) {
            throw failed("copying to the device", e);
        }
    }

    void read(cl_mem m, double[] host) {
        try {
            clEnqueueReadBuffer(queue, m, CL_TRUE, 0, (long) host.length * Sizeof.cl_double,
                    Pointer.to(host), 0, null, null);
        } catch (CLException e) {
            throw failed("the kernels or the copy back", e);
        }
    }

    /** Fills a buffer with zero bytes (queued; later launches see it). */
    void fill(cl_mem m, long bytes) {
        try {
            org.jocl.CL.clEnqueueFillBuffer(queue, m, Pointer.to(new long[] {0}), Sizeof.cl_long, 0, bytes, 0, null,
                    null);
        } catch (CLException e) {
            throw failed("clearing a buffer", e);
        }
    }

    /** Waits for everything queued. */
    void finish() {
        clFinish(queue);
    }

    /** A blocking read: it also waits for the kernels queued before it, whose failures surface here. */
    void read(cl_mem m, float[] host) {
        try {
            clEnqueueReadBuffer(queue, m, CL_TRUE, 0, (long) host.length * Sizeof.cl_float,
                    Pointer.to(host), 0, null, null);
        } catch (CLException e) {
            throw failed("the kernels or the copy back", e);
        }
    }

    void read(cl_mem m, int[] host) {
        try {
            clEnqueueReadBuffer(queue, m, CL_TRUE, 0, (long) host.length * Sizeof.cl_int,
                    Pointer.to(host), 0, null, null);
        } catch (CLException e) {
            throw failed("the kernels or the copy back", e);
        }
    }

    private IllegalStateException failed(String what, CLException e) {
        String hint = e.getStatus() == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || e.getStatus() == CL.CL_OUT_OF_RESOURCES
                ? String.format(Locale.ROOT, "; the device has %,d MB of memory", device.globalMemory() >> 20) : "";
        return new IllegalStateException("OpenCL on " + device.name() + ": " + what + " failed ("
                + e.getMessage() + ")" + hint, e);
    }

    /** A kernel launch's work sizes: items (rounded up to the work-group size) × parts, in groups of local. */
    record Range(long[] global, long[] local, String what) {
        static Range of(int items, int parts, int local) {
            long global = ((items + local - 1) / local) * (long) local;
            return new Range(new long[] {Math.max(local, global), parts}, new long[] {local, 1},
                    "a kernel of " + items + " × " + parts + " work items");
        }
    }

    /** The work-group size of the FFT kernels' 2-D launches. */
    int fftLocal() {
        return (int) Math.max(1, Math.min(LOCAL, device.maxWorkGroupSize()));
    }

    /** The work-group size of a one-group reduction (a power of two). */
    int reduceLocal() {
        return reduceLocal;
    }

    /** Queues a kernel over a range; does not wait. */
    void enqueue(cl_kernel kernel, Range r) {
        try {
            clEnqueueNDRangeKernel(queue, kernel, 2, null, r.global(), r.local(), 0, null, null);
        } catch (CLException e) {
            throw failed(r.what(), e);
        }
    }

    static void args(cl_kernel k, Object... values) {
        argsFrom(k, 0, values);
    }

    /** Sets a kernel's arguments first, first + 1, … (set when a problem is bound, not per launch). */
    private static void argsFrom(cl_kernel k, int first, Object... values) {
        for (int j = 0; j < values.length; j++) {
            int i = first + j;
            Object v = values[j];
            if (v instanceof Integer x) {
                clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {x}));
            } else if (v instanceof Long x) {
                clSetKernelArg(k, i, Sizeof.cl_long, Pointer.to(new long[] {x}));
            } else if (v instanceof Double x) {
                clSetKernelArg(k, i, Sizeof.cl_double, Pointer.to(new double[] {x}));
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

    /** The optimiser's per-coordinate state in float32 on the host: positions, last updates, gains. */
    public record FloatState(float[] y, float[] update, float[] gains) {
    }

    /** Local memory of a given size, as a kernel argument. */
    record LocalBytes(long bytes) {
    }

    /**
     * For each row of {@code query} its k nearest rows of {@code ref}, nearest first (ties to the lower
     * index), with squared distances; {@code excludeSelf} skips reference i for query i (ref and query
     * the same rows).
     */
    public KnnGraph knn(Points ref, Points query, int k, boolean excludeSelf) {
        return knn(ref, query, k, excludeSelf, k <= MAX_K ? knnLocal(k) : LOCAL);
    }

    /** As {@link #knn(Points, Points, int, boolean)} with work-groups of {@code ls} queries (tests try each). */
    KnnGraph knn(Points ref, Points query, int k, boolean excludeSelf, int ls) {
        if (ref.d() != query.d()) {
            throw new IllegalArgumentException("references have " + ref.d() + " columns, queries " + query.d());
        }
        int nRef = ref.n();
        int nQuery = query.n();
        int d = ref.d();
        if (k > MAX_K) {
            throw new IllegalArgumentException("the OpenCL kNN keeps at most " + MAX_K + " neighbours, " + k
                    + " asked");
        }
        if (k > nRef - (excludeSelf ? 1 : 0)) {
            throw new IllegalArgumentException(k + " neighbours asked among " + nRef + " points");
        }
        // outputs start as -1 and NaN on the device too, so an entry the kernel missed cannot pass for a result
        int[] outIdx = new int[nQuery * k];
        float[] outDist = new float[nQuery * k];
        Arrays.fill(outIdx, -1);
        Arrays.fill(outDist, Float.NaN);
        boolean same = ref.values() == query.values();
        long[] bytes = knnBuffers(nRef, nQuery, d, k, same);
        requireFits(String.format(Locale.ROOT, "the kNN graph of %,d points in %d dimensions", nQuery, d), bytes);
        cl_mem r = buffer(bytes[0], Pointer.to(ref.values()), true);
        cl_mem q = same ? r : buffer(bytes[3], Pointer.to(query.values()), true);
        cl_mem oi = buffer(bytes[1], Pointer.to(outIdx), false);
        cl_mem od = buffer(bytes[2], Pointer.to(outDist), false);
        try {
            args(knn, nRef, nQuery, d, k, excludeSelf ? 1 : 0, r, q, oi, od,
                    new LocalBytes((long) (ls + 1) * KNN_DC * Sizeof.cl_float),
                    new LocalBytes((long) KNN_TILE * KNN_DC * Sizeof.cl_float),
                    new LocalBytes((long) k * ls * Sizeof.cl_float), new LocalBytes((long) k * ls * Sizeof.cl_int));
            enqueue(knn, Range.of(nQuery, 1, ls));
            read(oi, outIdx);
            read(od, outDist);
        } finally {
            release(r);
            release(q);
            release(oi);
            release(od);
        }
        return new KnnGraph(nQuery, k, outIdx, outDist);
    }

    /**
     * The kNN's work-group size for k neighbours: the largest power of two up to 64 (and the device's limit)
     * whose local memory (the transposed query tile, the reference tile, and k distances and indices per
     * work-item) fits in 90 % of the device's; refuses a device too small for 8.
     */
    int knnLocal(int k) {
        long budget = device.localMemory() * 9 / 10;
        int ls = (int) Math.min(LOCAL, Integer.highestOneBit((int) Math.min(Integer.MAX_VALUE,
                device.maxWorkGroupSize())));
        while (ls > 8 && knnLocalBytes(ls, k) > budget) {
            ls /= 2;
        }
        if (knnLocalBytes(ls, k) > budget) {
            throw new DeviceLimitException(where(), DeviceLimitException.Limit.MEMORY, String.format(Locale.ROOT,
                    "the local memory of a kNN work-group for %d neighbours", k), knnLocalBytes(ls, k), budget);
        }
        return ls;
    }

    static long knnLocalBytes(int ls, int k) {
        return ((long) (ls + 1) * KNN_DC + (long) KNN_TILE * KNN_DC + 2L * k * ls) * Sizeof.cl_float;
    }

    /**
     * The kNN's device buffers in bytes: references, neighbour indices, distances, and the queries unless they are the
     * references.
     */
    static long[] knnBuffers(int nRef, int nQuery, int d, int k, boolean sameQuery) {
        long out = (long) nQuery * k * Sizeof.cl_float;
        long refBytes = (long) nRef * d * Sizeof.cl_float;
        return sameQuery ? new long[] {refBytes, out, out} : new long[] {refBytes, out, out, (long) nQuery * d
                * Sizeof.cl_float};
    }

    /** The optimisation's device buffers in bytes, for n points, nnz affinities and the repulsion in parts. */
    static long[] problemBuffers(int n, int dims, long nnz, int parts) {
        long len = (long) n * dims * Sizeof.cl_float;
        return new long[] {(long) (n + 1) * Sizeof.cl_int, nnz * Sizeof.cl_int, nnz * Sizeof.cl_float, len, len, parts
                * len,
            (long) parts * n * Sizeof.cl_float, Sizeof.cl_float, len, len};
    }

    /**
     * How many parts the repulsion of n points is split into: one on a CPU device; on a GPU enough
     * that n × parts work-items fill its compute units (at most {@value #MAX_PARTS}).
     */
    public int partsFor(int n) {
        if (!device.gpu()) {
            return 1;
        }
        long wanted = (long) device.computeUnits() * ITEMS_PER_GPU_UNIT;
        return (int) Math.max(1, Math.min(MAX_PARTS, (wanted + n - 1) / n));
    }

    /** Device-resident CSR P and per-iteration buffers for n points in dims dimensions. */
    public final class Problem implements AutoCloseable {
        final int n;
        final int dims;
        final int parts;
        final int chunk;
        final cl_mem rowStart;
        final cl_mem cols;
        final cl_mem vals;
        final cl_mem y;
        final cl_mem attr;
        final cl_mem rep;
        final cl_mem zParts;
        final cl_mem zTotal;
        final cl_mem update;
        final cl_mem gains;
        final float[] hostZ = new float[1];
        final Range attractiveRange;
        final Range repulsiveRange;
        final Range reduceRange;
        final Range stepRange;
        /** The FFT repulsion, or null for the exact one. */
        final OpenClFft fft;
        /** The FFT grid of the device's current positions (computed on the host whenever it knows them). */
        private FftRepulsion.Frame frame;
        private float[] hostRep;
        private boolean resident;
        private boolean closed;

        Problem(int[] rowStartHost, int[] colsHost, float[] valsHost, int n, int dims, Repulsion repulsion) {
            if (dims != 2 && dims != 3) {
                throw new IllegalArgumentException("the OpenCL backend embeds in 2 or 3 dimensions, not " + dims);
            }
            if (repulsion.fft() != null && dims != 2) {
                throw new IllegalArgumentException("the OpenCL FFT repulsion embeds in 2 dimensions, not " + dims
                        + "; use --method exact");
            }
            int parts = repulsion.fft() != null ? 1 : repulsion.parts();
            this.n = n;
            this.dims = dims;
            int perPart = (n + parts - 1) / parts;
            this.chunk = Math.max(LOCAL, (perPart + LOCAL - 1) / LOCAL * LOCAL);
            this.parts = (n + chunk - 1) / chunk;
            long len = (long) n * dims * Sizeof.cl_float;
            long nnz = colsHost.length;
            requireFits(String.format(Locale.ROOT, "the optimisation of %,d points (%,d affinities)", n, nnz),
                    problemBuffers(n, dims, nnz, this.parts));
            rowStart = buffer((long) rowStartHost.length * Sizeof.cl_int, Pointer.to(rowStartHost), true);
            cols = buffer(nnz * Sizeof.cl_int, Pointer.to(colsHost), true);
            vals = buffer(nnz * Sizeof.cl_float, Pointer.to(valsHost), true);
            y = buffer(len, null, false);
            // the kernels' outputs start as NaN, so an element a kernel missed shows in every test and check
            attr = buffer(len, Pointer.to(nans(n * dims)), false);
            rep = buffer(this.parts * len, Pointer.to(nans(this.parts * n * dims)), false);
            zParts = buffer((long) this.parts * n * Sizeof.cl_float, Pointer.to(nans(this.parts * n)), false);
            zTotal = buffer(Sizeof.cl_float, null, false);
            update = buffer(len, null, false);
            gains = buffer(len, null, false);
            attractiveRange = Range.of(n, 1, LOCAL);
            repulsiveRange = Range.of(n, this.parts, LOCAL);
            reduceRange = Range.of(reduceLocal, 1, reduceLocal);
            stepRange = Range.of(n * dims, 1, LOCAL);
            try {
                fft = repulsion.fft() == null ? null : new OpenClFft(OpenClKernels.this, n, repulsion.fft(),
                        new OpenClFft.Buffers(y, rep, zTotal), repulsion.fftFloat());
            } catch (RuntimeException e) {
                for (cl_mem m : buffers()) {
                    release(m);
                }
                throw e;
            }
        }

        private cl_mem[] buffers() {
            return new cl_mem[] {rowStart, cols, vals, y, attr, rep, zParts, zTotal, update, gains};
        }

        /** Whether positions, updates and gains live on the device (after the first {@link #iterate}). */
        public boolean resident() {
            return resident;
        }

        /** Whether the repulsion is the FFT one. */
        public boolean fftRepulsion() {
            return fft != null;
        }

        /** Whether the FFT kernels compute in double precision (false for the exact repulsion). */
        public boolean fftDouble() {
            return fft != null && fft.doublePrecision();
        }

        /** Nodes a side of the FFT grid last used (−1 before the first evaluation or for the exact repulsion). */
        public int fftSide() {
            return fft == null ? -1 : fft.side();
        }

        /** The host now knows the device's positions: the next FFT evaluation's grid comes from them. */
        private void positionsAre(float[] yHost) {
            if (fft != null) {
                frame = fft.frame(yHost);
            }
        }

        /** The number of parts the repulsion is split into. */
        public int parts() {
            return parts;
        }

        /**
         * Sets the kernels' arguments for this problem, once: OpenCL keeps them between launches, so
         * an iteration sets only the step's scalars, and only when they change (a new phase).
         */
        private void bind() {
            if (closed) {
                throw new IllegalStateException(where() + ": this problem's buffers were released (closed)");
            }
            if (bound == this) {
                return;
            }
            args(attractive, n, dims, rowStart, cols, vals, y, attr);
            args(dims == 2 ? repulsive2 : repulsive3, n, chunk, y, rep, zParts,
                    new LocalBytes((long) LOCAL * (dims == 2 ? 2 : 4) * Sizeof.cl_float));
            args(reduceZ, parts * n, zParts, zTotal, new LocalBytes((long) reduceLocal * Sizeof.cl_float));
            args(step, n * dims);
            argsFrom(step, 6, zTotal, y, attr, rep, update, gains);
            bound = this;
            boundStep = null;
            boundRepParts = -1;
        }

        private void queueAttractive() {
            bind();
            enqueue(attractive, attractiveRange);
        }

        private void queueRepulsive() {
            bind();
            if (fft != null) {
                fft.queue(frame);
                return;
            }
            enqueue(dims == 2 ? repulsive2 : repulsive3, repulsiveRange);
            enqueue(reduceZ, reduceRange);
        }

        private void queueStep(ComputeBackend.StepParameters q, int repParts) {
            bind();
            if (!q.equals(boundStep) || repParts != boundRepParts) {
                argsFrom(step, 1, repParts, (float) q.exaggeration(), (float) q.momentum(),
                        (float) q.rate(), (float) q.minGain());
                boundStep = q;
                boundRepParts = repParts;
            }
            enqueue(step, stepRange);
        }

        /** attr for positions y (uploaded), read back into attrOut. */
        public void attractive(float[] yHost, float[] attrOut) {
            bind();
            write(y, yHost);
            queueAttractive();
            read(attr, attrOut);
        }

        /**
         * Exact repulsion for positions y (uploaded): the parts summed in order into repOut; returns Z reduced on the
         * device.
         */
        public double repulsive(float[] yHost, float[] repOut) {
            bind();
            write(y, yHost);
            positionsAre(yHost);
            queueRepulsive();
            if (hostRep == null) {
                hostRep = new float[parts * n * dims];
            }
            read(rep, hostRep);
            read(zTotal, hostZ);
            int len = n * dims;
            System.arraycopy(hostRep, 0, repOut, 0, len);
            for (int p = 1; p < parts; p++) {
                for (int e = 0; e < len; e++) {
                    repOut[e] += hostRep[p * len + e];
                }
            }
            return hostZ[0];
        }

        /** One gradient step on the device for host arrays (uploaded; y, updates and gains read back). */
        public void step(FloatState state, float[] attrHost, float[] repHost, double zValue,
                ComputeBackend.StepParameters q) {
            bind();
            write(y, state.y());
            write(attr, attrHost);
            write(rep, repHost);
            write(update, state.update());
            write(gains, state.gains());
            write(zTotal, new float[] {(float) zValue});
            queueStep(q, 1);
            read(y, state.y());
            positionsAre(state.y());
            read(update, state.update());
            read(gains, state.gains());
        }

        /**
         * One whole iteration on the device, queued without waiting in between: attractive and
         * repulsive forces at the device's y, Z reduced on the device, then the step with the
         * device's updates and gains; reads back y (into yHost) and Z, the only synchronisation.
         * The first call uploads yHost and starts updates at 0 and gains at 1; later calls keep
         * everything on the device (yHost may only have been translated in between, which changes no force).
         */
        public double iterate(float[] yHost, ComputeBackend.StepParameters q) {
            bind();
            if (!resident) {
                write(y, yHost);
                float[] zeros = new float[n * dims];
                float[] ones = new float[n * dims];
                Arrays.fill(ones, 1f);
                write(update, zeros);
                write(gains, ones);
                positionsAre(yHost);
                resident = true;
            }
            queueAttractive();
            queueRepulsive();
            queueStep(q, parts);
            read(zTotal, hostZ);
            read(y, yHost);
            positionsAre(yHost);
            return hostZ[0];
        }

        /**
         * The FFT repulsion's milliseconds per phase at positions yHost (uploaded), averaged over {@code times}
         * evaluations, each phase waited for alone (see {@link OpenClFft#profile}).
         */
        public java.util.Map<String, Double> profileFft(float[] yHost, int times) {
            if (fft == null) {
                throw new IllegalStateException("this problem's repulsion is exact");
            }
            bind();
            write(y, yHost);
            positionsAre(yHost);
            return fft.profile(frame, times);
        }

        /** Waits for everything queued (for timing). */
        public void finish() {
            clFinish(queue);
        }

        /**
         * Releases the buffers after the queue has drained, and unbinds them: a kernel launched with a
         * released buffer as an argument makes PoCL's pthread driver read a freed object's device
         * pointers (SIGSEGV at address 0 in libpocl-devices-pthread.so; see the design notes).
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            clFinish(queue);
            if (bound == this) {
                bound = null;
            }
            if (fft != null) {
                fft.close();
            }
            for (cl_mem m : buffers()) {
                release(m);
            }
        }
    }

    private static float[] nans(int length) {
        float[] v = new float[length];
        Arrays.fill(v, Float.NaN);
        return v;
    }

    /** The problem with exact repulsion, split as suits the device ({@link #partsFor}). */
    public Problem problem(int[] rowStart, int[] cols, float[] vals, int n, int dims) {
        return new Problem(rowStart, cols, vals, n, dims, Repulsion.exact(partsFor(n)));
    }

    /** The problem with exact repulsion split into a given number of parts (tests hold every split to the CPU). */
    public Problem problem(int[] rowStart, int[] cols, float[] vals, int n, int dims, int parts) {
        return new Problem(rowStart, cols, vals, n, dims, Repulsion.exact(Math.max(1, parts)));
    }

    /** The problem with the given repulsion. */
    public Problem problem(int[] rowStart, int[] cols, float[] vals, int n, int dims, Repulsion repulsion) {
        return new Problem(rowStart, cols, vals, n, dims, repulsion);
    }

    /**
     * How a problem's repulsion is computed: exactly in {@code parts} parts, or by FFT interpolation on
     * {@code fft}'s grid (in float32 when {@code fftFloat}, else in double where the device has it).
     */
    public record Repulsion(int parts, FftRepulsion.Grid fft, boolean fftFloat) {
        public Repulsion {
            if (parts < 1) {
                throw new IllegalArgumentException("the repulsion needs at least one part, not " + parts);
            }
        }

        public static Repulsion exact(int parts) {
            return new Repulsion(parts, null, false);
        }

        public static Repulsion fft(FftRepulsion.Grid grid) {
            return new Repulsion(1, grid, false);
        }

        /** The FFT in float32 even on a double-precision device (the kernels' float build, for tests). */
        public static Repulsion fftFloat(FftRepulsion.Grid grid) {
            return new Repulsion(1, grid, true);
        }
    }

    @Override
    public void close() {
        clFinish(queue);
        for (cl_mem m : new ArrayList<>(owned)) {
            release(m);
        }
        for (cl_kernel k : new cl_kernel[] {knn, attractive, repulsive2, repulsive3, reduceZ, step}) {
            clReleaseKernel(k);
        }
        if (fftProgram != null) {
            clReleaseProgram(fftProgram);
        }
        clReleaseProgram(program);
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
