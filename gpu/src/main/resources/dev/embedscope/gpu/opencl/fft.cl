// embedscope: FFT-interpolated repulsion of a 2-D embedding (FIt-SNE: Linderman et al., Nature Methods
// 16, 2019) on OpenCL. Built with -D REAL_DOUBLE where the device has cl_khr_fp64: the potentials and
// their combination into forces cancel large terms (x * phi0 - phi1), which float32 would not carry.
// Each kernel is checked against the CPU's FftRepulsion and GridConvolution by the tests.
#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable
#ifdef REAL_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double real;
typedef double2 real2;
#else
typedef float real;
typedef float2 real2;
#endif
#define MAX_NODES 8
// The frame buffer: centre x, centre y, low corner, interval width, node spacing, then the four
// charges' fixed-point scales (powers of two) and their inverses.
#define F_CX 0
#define F_CY 1
#define F_LO 2
#define F_WIDTH 3
#define F_H 4
#define F_SCALE 5
#define F_INVERSE 9

// One coordinate's interval along an axis (clamped to the grid, as on the CPU) and the Lagrange
// weights of that interval's equispaced nodes, which sit at (j + 1/2) h; returns the first node.
static int lagrange(const real c, __global const real* frame, const int intervals, const int nodes,
                    real* w) {
    int box = (int) ((c - frame[F_LO]) / frame[F_WIDTH]);
    box = clamp(box, 0, intervals - 1);
    const real u = (c - frame[F_LO] - box * frame[F_WIDTH]) / frame[F_H] - (real) 0.5;
    for (int j = 0; j < nodes; j++) {
        real l = 1;
        for (int k = 0; k < nodes; k++) {
            if (k != j) l *= (u - k) / (real) (j - k);
        }
        w[j] = l;
    }
    return box * nodes;
}

// A point's position relative to the frame's centre, its first node per axis and the weights.
typedef struct {
    real x;
    real v;
    int gx;
    int gy;
    real wx[MAX_NODES];
    real wy[MAX_NODES];
} PointWeights;

static void weigh(PointWeights* p, __global const float* y, const int i, __global const real* frame,
                  const int intervals, const int nodes) {
    p->x = (real) y[2 * i] - frame[F_CX];
    p->v = (real) y[2 * i + 1] - frame[F_CY];
    p->gx = lagrange(p->x, frame, intervals, nodes, p->wx);
    p->gy = lagrange(p->v, frame, intervals, nodes, p->wy);
}

// Spreads each point's four charges (1, x, y, x^2 + y^2; positions relative to the frame's centre)
// onto the nodes of its interval with Lagrange weights. The sums are 64-bit fixed point (scale per
// charge from the frame), added atomically: integer addition does not depend on the order in which
// points arrive, so the grid, and the run, are the same on every launch. acc holds four m x m grids.
__kernel void fft_spread(const int n, const int intervals, const int nodes, const int m,
                         __global const float* y, __global const real* frame, __global long* acc) {
    const int i = get_global_id(0);
    if (i >= n) return;
    PointWeights p;
    weigh(&p, y, i, frame, intervals, nodes);
    const real x = p.x;
    const real v = p.v;
    const real q1 = x * frame[F_SCALE + 1];
    const real q2 = v * frame[F_SCALE + 2];
    const real q3 = (x * x + v * v) * frame[F_SCALE + 3];
    const long mm = (long) m * m;
    for (int a = 0; a < nodes; a++) {
        for (int b = 0; b < nodes; b++) {
            const real w = p.wx[a] * p.wy[b];
            const long node = (long) (p.gx + a) * m + p.gy + b;
            atom_add(acc + node, convert_long_rte(w * frame[F_SCALE]));
            atom_add(acc + mm + node, convert_long_rte(w * q1));
            atom_add(acc + 2 * mm + node, convert_long_rte(w * q2));
            atom_add(acc + 3 * mm + node, convert_long_rte(w * q3));
        }
    }
}

// The charge grids for the FFT, two complex L x L grids in x: grid 0 = (1, x), grid 1 = (y, x^2 + y^2)
// in rows and columns below m, zeros elsewhere (the padding of the aperiodic convolution); clears
// the fixed-point sums for the next evaluation, and the rows of scratch at and past m, where a
// transform of the first m rows leaves its result when it has an odd number of stages.
__kernel void fft_charges(const int m, const int len, __global long* acc, __global const real* frame,
                          __global real2* x, __global real2* scratch) {
    const int c = get_global_id(0);
    const int r = get_global_id(1);
    if (c >= len || r >= len) return;
    const long mm = (long) m * m;
    const long plane = (long) len * len;
    const long at = (long) r * len + c;
    real2 g0 = (real2) (0, 0);
    real2 g1 = (real2) (0, 0);
    if (r < m && c < m) {
        const long node = (long) r * m + c;
        g0 = (real2) ((real) acc[node] * frame[F_INVERSE], (real) acc[mm + node] * frame[F_INVERSE + 1]);
        g1 = (real2) ((real) acc[2 * mm + node] * frame[F_INVERSE + 2],
                      (real) acc[3 * mm + node] * frame[F_INVERSE + 3]);
        acc[node] = 0;
        acc[mm + node] = 0;
        acc[2 * mm + node] = 0;
        acc[3 * mm + node] = 0;
    }
    x[at] = g0;
    x[plane + at] = g1;
    if (r >= m) {
        scratch[at] = (real2) (0, 0);
        scratch[plane + at] = (real2) (0, 0);
    }
}

// The kernel 1 / (1 + d^2)^2 sampled at the grid's offsets on the circulant of side len (offsets
// -m < da, db < m; zero elsewhere), as one complex grid for the forward transform.
__kernel void fft_kernel_grid(const int m, const int len, const real h, __global real2* out) {
    const int c = get_global_id(0);
    const int r = get_global_id(1);
    if (c >= len || r >= len) return;
    const int da = r < m ? r : (r > len - m ? r - len : len);
    const int db = c < m ? c : (c > len - m ? c - len : len);
    real k = 0;
    if (da != len && db != len) {
        const real q = 1 / (1 + ((real) da * da + (real) db * db) * h * h);
        k = q * q;
    }
    out[(long) r * len + c] = (real2) (k, 0);
}

// The kernel's spectrum (real: the kernel is even) with the inverse transform's 1 / len^2 folded in.
__kernel void fft_take_real(const int len, __global const real2* in, __global real* hat) {
    const int c = get_global_id(0);
    const int r = get_global_id(1);
    if (c >= len || r >= len) return;
    const long at = (long) r * len + c;
    hat[at] = in[at].x / ((real) len * len);
}

// cos and sin of 2 pi t / 3 and 2 pi t / 5 (with sincos, PoCL 3.1 gave wrong values in double)
__constant real COS3[3] = {1, -0.5, -0.5};
__constant real SIN3[3] = {0, 0.86602540378443864676, -0.86602540378443864676};
__constant real COS5[5] = {1, 0.30901699437494742410, -0.80901699437494742410, -0.80901699437494742410,
                           0.30901699437494742410};
__constant real SIN5[5] = {0, 0.95105651629515357212, 0.58778525229247312917, -0.58778525229247312917,
                           -0.95105651629515357212};

static real2 cmul(const real2 a, const real2 b) {
    return (real2) (a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

// One radix-R stage (R = 2, 3, 4 or 5) of a batch of Stockham autosort FFTs of length len (Govindaraju
// et al., "High performance discrete Fourier transforms on graphics processors", SC 2008): butterfly j
// reads elements j + r len/R, multiplies them by the twiddles w^(r (j mod ns) len/(ns R)), takes their
// R-point DFT and writes it at (j / ns) ns R + j mod ns + r ns; ns is the product of the earlier
// radices. tw[t] = exp(-2 pi i t / len); sign -1 forward, +1 inverse (unnormalised). Transform b
// starts at (b / inner) outerStride + (b mod inner) innerStride and steps by elemStride; batchFirst
// puts b on the first NDRange dimension (adjacent transforms adjacent in memory: columns). One kernel
// per radix (fft_stage2 ... fft_stage5), so that the radix is a constant: the loops unroll and v and o
// stay in registers instead of arrays indexed at run time.
#define STAGE_ARGS const int len, const int ns, const int sign, const int elemStride, const int inner, \
                   const int innerStride, const long outerStride, const int batches, const int batchFirst, \
                   __global const real2* tw, __global const real2* in, __global real2* out
#define STAGE_PASS len, ns, sign, elemStride, inner, innerStride, outerStride, batches, batchFirst, tw, in, out
static inline void stage(const int radix, STAGE_ARGS) {
    const int j = batchFirst ? get_global_id(1) : get_global_id(0);
    const int b = batchFirst ? get_global_id(0) : get_global_id(1);
    const int span = len / radix;
    if (j >= span || b >= batches) return;
    const long base = (long) (b / inner) * outerStride + (long) (b % inner) * innerStride;
    const int k = j % ns;
    const int twStep = len / (ns * radix);
    real2 v[5];
    for (int r = 0; r < radix; r++) {
        real2 w = tw[r * k * twStep];
        if (sign > 0) w.y = -w.y;
        v[r] = cmul(in[base + (long) (j + r * span) * elemStride], w);
    }
    real2 o[5];
    if (radix == 2) {
        o[0] = v[0] + v[1];
        o[1] = v[0] - v[1];
    } else if (radix == 4) {
        const real2 a = v[0] + v[2];
        const real2 bb = v[0] - v[2];
        const real2 c = v[1] + v[3];
        const real2 d = v[1] - v[3];
        // multiplied by -i (forward) or +i (inverse)
        const real2 e = sign < 0 ? (real2) (d.y, -d.x) : (real2) (-d.y, d.x);
        o[0] = a + c;
        o[1] = bb + e;
        o[2] = a - c;
        o[3] = bb - e;
    } else {
        // radix 3 or 5: the direct DFT with the roots of unity as constants (cos and sin of 2 pi t / R)
        __constant const real* cs = radix == 3 ? COS3 : COS5;
        __constant const real* sn = radix == 3 ? SIN3 : SIN5;
        for (int q = 0; q < radix; q++) {
            real2 s = v[0];
            for (int r = 1; r < radix; r++) {
                const int t = (r * q) % radix;
                s += cmul(v[r], (real2) (cs[t], sign * sn[t]));
            }
            o[q] = s;
        }
    }
    const int d0 = (j / ns) * ns * radix + k;
    for (int r = 0; r < radix; r++) {
        out[base + (long) (d0 + r * ns) * elemStride] = o[r];
    }
}

__kernel void fft_stage2(STAGE_ARGS) { stage(2, STAGE_PASS); }
__kernel void fft_stage3(STAGE_ARGS) { stage(3, STAGE_PASS); }
__kernel void fft_stage4(STAGE_ARGS) { stage(4, STAGE_PASS); }
__kernel void fft_stage5(STAGE_ARGS) { stage(5, STAGE_PASS); }

// Both grids multiplied element-wise by the kernel's (real) spectrum.
__kernel void fft_multiply(const int len, __global const real* hat, __global real2* data) {
    const int c = get_global_id(0);
    const int r = get_global_id(1);
    if (c >= len || r >= len) return;
    const long at = (long) r * len + c;
    const real k = hat[at];
    data[at] *= k;
    data[(long) len * len + at] *= k;
}

// Interpolates the four potentials back to each point with its spreading weights and combines them:
// rep_i = y_i phi0 - (phi1, phi2) (float, into out), and the point's term of Z,
// (1 + |y_i|^2) phi0 - 2 y_i . (phi1, phi2) + phi3, into zTerm (summed by fft_reduce_z).
__kernel void fft_interpolate(const int n, const int intervals, const int nodes, const int len,
                              __global const float* y, __global const real* frame, __global const real2* pot,
                              __global float* out, __global real* zTerm) {
    const int i = get_global_id(0);
    if (i >= n) return;
    PointWeights p;
    weigh(&p, y, i, frame, intervals, nodes);
    const real x = p.x;
    const real v = p.v;
    const long plane = (long) len * len;
    real p0 = 0;
    real p1 = 0;
    real p2 = 0;
    real p3 = 0;
    for (int a = 0; a < nodes; a++) {
        for (int b = 0; b < nodes; b++) {
            const real w = p.wx[a] * p.wy[b];
            const long at = (long) (p.gx + a) * len + p.gy + b;
            const real2 g0 = pot[at];
            const real2 g1 = pot[plane + at];
            p0 += w * g0.x;
            p1 += w * g0.y;
            p2 += w * g1.x;
            p3 += w * g1.y;
        }
    }
    out[2 * i] = (float) (x * p0 - p1);
    out[2 * i + 1] = (float) (v * p0 - p2);
    zTerm[i] = (1 + x * x + v * v) * p0 - 2 * (x * p1 + v * p2) + p3;
}

// Z = (the sum of the n terms) - n, in a fixed order: work-item l sums l, l + ls, ... (compensated),
// then a tree over the one work-group (a power-of-two size); total[0] = Z as float for the step.
__kernel void fft_reduce_z(const int n, __global const real* zTerm, __global float* total,
                           __local real* scratch) {
    const int lid = get_local_id(0);
    const int ls = get_local_size(0);
    real s = 0;
    real c = 0;
    for (int e = lid; e < n; e += ls) {
        const real v = zTerm[e] - c;
        const real t = s + v;
        c = (t - s) - v;
        s = t;
    }
    scratch[lid] = s;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int h = ls / 2; h > 0; h /= 2) {
        if (lid < h) scratch[lid] += scratch[lid + h];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) total[0] = (float) (scratch[0] - n);
}
