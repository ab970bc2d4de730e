// embedscope t-SNE kernels, float32. Each is checked against the CPU implementation by the tests.
#define MAX_K 128
// 1 / x: the hardware's reciprocal on GPUs (built with -D FAST_RECIP; about 1 ulp on NVIDIA), an
// IEEE division elsewhere (PoCL's native_recip may be a 12-bit estimate on x86).
#ifdef FAST_RECIP
#define RECIP(x) native_recip(x)
#else
#define RECIP(x) (1.0f / (x))
#endif
// kNN: reference points per tile (one private accumulator each) and dimensions per chunk.
#define KNN_TILE 32
#define KNN_DC 32

// Squared distances from each query (one per work-item) to every reference point, nearest k kept
// sorted (k <= MAX_K; ties to the lower index, as on the CPU). The distances of a tile of KNN_TILE
// references are accumulated in registers over chunks of KNN_DC dimensions, both staged in local
// memory: the work-group's queries transposed (qTile[t][lid], padded against bank conflicts) and the
// references (broadcast reads). Each work-item's sorted top-k lives in local memory, slot s at
// [s * ls + lid] (adjacent work-items, adjacent banks), not in private arrays, which a GPU would spill
// to slow off-chip memory; its current worst sits in a register, so most candidates cost one compare.
// excludeSelf skips reference == query. Local memory: qTile (ls + 1) * KNN_DC floats, rTile
// KNN_TILE * KNN_DC floats, topD and topI k * ls each (the host picks ls to fit the device).
__kernel void knn_topk(const int nRef, const int nQuery, const int d, const int k, const int excludeSelf,
                       __global const float* ref, __global const float* query,
                       __global int* outIdx, __global float* outDist,
                       __local float* qTile, __local float* rTile, __local float* topD, __local int* topI) {
    const int q = get_global_id(0);
    const int lid = get_local_id(0);
    const int ls = get_local_size(0);
    const int qBase = get_group_id(0) * ls;
    const int stride = ls + 1;
    __local float* bestD = topD + lid;
    __local int* bestI = topI + lid;
    int size = 0;
    float worst = INFINITY;
    for (int tileStart = 0; tileStart < nRef; tileStart += KNN_TILE) {
        float acc[KNN_TILE];
        #pragma unroll
        for (int r = 0; r < KNN_TILE; r++) acc[r] = 0.0f;
        for (int c0 = 0; c0 < d; c0 += KNN_DC) {
            for (int e = lid; e < ls * KNN_DC; e += ls) {
                const int l = e / KNN_DC;
                const int t = e - l * KNN_DC;
                const int row = qBase + l;
                qTile[t * stride + l] = (row < nQuery && c0 + t < d) ? query[(long) row * d + c0 + t] : 0.0f;
            }
            for (int e = lid; e < KNN_TILE * KNN_DC; e += ls) {
                const int r = e / KNN_DC;
                const int t = e - r * KNN_DC;
                const int row = tileStart + r;
                rTile[e] = (row < nRef && c0 + t < d) ? ref[(long) row * d + c0 + t] : 0.0f;
            }
            barrier(CLK_LOCAL_MEM_FENCE);
            const int tc = min(KNN_DC, d - c0);
            for (int t = 0; t < tc; t++) {
                const float qv = qTile[t * stride + lid];
                #pragma unroll
                for (int r = 0; r < KNN_TILE; r++) {
                    const float diff = qv - rTile[r * KNN_DC + t];
                    acc[r] = fma(diff, diff, acc[r]);
                }
            }
            barrier(CLK_LOCAL_MEM_FENCE);
        }
        if (q < nQuery) {
            const int count = min(KNN_TILE, nRef - tileStart);
            #pragma unroll
            for (int r = 0; r < KNN_TILE; r++) {
                const int idx = tileStart + r;
                const float s = acc[r];
                if (r < count && !(excludeSelf && idx == q) && (size < k || s < worst)) {
                    int pos = size < k ? size : k - 1;
                    if (size < k) size++;
                    while (pos > 0 && bestD[(pos - 1) * ls] > s) {
                        bestD[pos * ls] = bestD[(pos - 1) * ls];
                        bestI[pos * ls] = bestI[(pos - 1) * ls];
                        pos--;
                    }
                    bestD[pos * ls] = s;
                    bestI[pos * ls] = idx;
                    if (size == k) worst = bestD[(k - 1) * ls];
                }
            }
        }
    }
    if (q < nQuery) {
        for (int r = 0; r < k; r++) {
            outIdx[(long) q * k + r] = bestI[r * ls];
            outDist[(long) q * k + r] = bestD[r * ls];
        }
    }
}

// attr_i = sum_j p_ij (y_i - y_j) / (1 + |y_i - y_j|^2) over CSR row i.
__kernel void attractive(const int n, const int dims, __global const int* rowStart, __global const int* cols,
                         __global const float* vals, __global const float* y, __global float* out) {
    const int i = get_global_id(0);
    if (i >= n) return;
    float f0 = 0.0f, f1 = 0.0f, f2 = 0.0f;
    for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const int j = cols[e];
        const float d0 = y[dims * i] - y[dims * j];
        const float d1 = y[dims * i + 1] - y[dims * j + 1];
        const float d2 = dims == 3 ? y[dims * i + 2] - y[dims * j + 2] : 0.0f;
        const float pw = vals[e] / (1.0f + d0 * d0 + d1 * d1 + d2 * d2);
        f0 += pw * d0;
        f1 += pw * d1;
        f2 += pw * d2;
    }
    out[dims * i] = f0;
    out[dims * i + 1] = f1;
    if (dims == 3) out[dims * i + 2] = f2;
}

// Exact repulsion in 2-D, split over the second NDRange dimension into parts of `chunk` points
// (a multiple of the work-group size), so that a large device has enough work-items: work-item
// (i, part) sweeps the part's points tile by tile through local memory, accumulating its force
// and its share of Z. Part p writes out[p * 2n + 2i ..] and zOut[p * n + i]; gradient_step and
// reduce_z sum the parts in a fixed order. The self pair adds w = 1 and no force: it is taken
// back from Z instead of branching in the loop.
__kernel void repulsive2(const int n, const int chunk, __global const float* y, __global float* out,
                         __global float* zOut, __local float2* tile) {
    const int i = get_global_id(0);
    const int part = get_global_id(1);
    const int lid = get_local_id(0);
    const int ls = get_local_size(0);
    const int start = part * chunk;
    const int end = min(n, start + chunk);
    const float2 yi = i < n ? vload2(i, y) : (float2)(0.0f, 0.0f);
    float2 f = (float2)(0.0f, 0.0f);
    float z = 0.0f;
    for (int tileStart = start; tileStart < end; tileStart += ls) {
        const int j = tileStart + lid;
        tile[lid] = j < end ? vload2(j, y) : (float2)(0.0f, 0.0f);
        barrier(CLK_LOCAL_MEM_FENCE);
        const int count = min(ls, end - tileStart);
        for (int r = 0; r < count; r++) {
            const float2 dv = yi - tile[r];
            const float w = RECIP(1.0f + dv.x * dv.x + dv.y * dv.y);
            z += w;
            f += (w * w) * dv;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (i < n) {
        vstore2(f, (long) part * n + i, out);
        zOut[(long) part * n + i] = (i >= start && i < end) ? z - 1.0f : z;
    }
}

// The same in 3-D (positions padded to float4 in local memory).
__kernel void repulsive3(const int n, const int chunk, __global const float* y, __global float* out,
                         __global float* zOut, __local float4* tile) {
    const int i = get_global_id(0);
    const int part = get_global_id(1);
    const int lid = get_local_id(0);
    const int ls = get_local_size(0);
    const int start = part * chunk;
    const int end = min(n, start + chunk);
    const float4 yi = i < n ? (float4)(vload3(i, y), 0.0f) : (float4)(0.0f);
    float4 f = (float4)(0.0f);
    float z = 0.0f;
    for (int tileStart = start; tileStart < end; tileStart += ls) {
        const int j = tileStart + lid;
        tile[lid] = j < end ? (float4)(vload3(j, y), 0.0f) : (float4)(0.0f);
        barrier(CLK_LOCAL_MEM_FENCE);
        const int count = min(ls, end - tileStart);
        for (int r = 0; r < count; r++) {
            const float4 dv = yi - tile[r];
            const float w = RECIP(1.0f + dv.x * dv.x + dv.y * dv.y + dv.z * dv.z);
            z += w;
            f += (w * w) * dv;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (i < n) {
        vstore3(f.xyz, (long) part * n + i, out);
        zOut[(long) part * n + i] = (i >= start && i < end) ? z - 1.0f : z;
    }
}

// Z = the sum of the len partial sums, in a fixed order: work-item l sums l, l + ls, … (compensated),
// then a tree over the work-group. Run as one work-group of a power-of-two size; total[0] = Z.
__kernel void reduce_z(const int len, __global const float* parts, __global float* total, __local float* scratch) {
    const int lid = get_local_id(0);
    const int ls = get_local_size(0);
    float s = 0.0f;
    float c = 0.0f;
    for (int e = lid; e < len; e += ls) {
        const float v = parts[e] - c;
        const float t = s + v;
        c = (t - s) - v;
        s = t;
    }
    scratch[lid] = s;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int h = ls / 2; h > 0; h /= 2) {
        if (lid < h) scratch[lid] += scratch[lid + h];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) total[0] = scratch[0];
}

// One gradient step with gains and momentum, element-wise: rep is the sum of its `parts` partial
// forces (each len long, summed in order) and Z is read from zTotal[0].
__kernel void gradient_step(const int len, const int parts, const float exaggeration, const float momentum,
                            const float rate, const float minGain, __global const float* zTotal, __global float* y,
                            __global const float* attr, __global const float* rep, __global float* update,
                            __global float* gains) {
    const int e = get_global_id(0);
    if (e >= len) return;
    float r = rep[e];
    for (int p = 1; p < parts; p++) r += rep[(long) p * len + e];
    const float grad = 4.0f * (exaggeration * attr[e] - r / zTotal[0]);
    float g = grad * update[e] < 0.0f ? gains[e] + 0.2f : gains[e] * 0.8f;
    g = fmax(g, minGain);
    gains[e] = g;
    const float u = momentum * update[e] - rate * g * grad;
    update[e] = u;
    y[e] += u;
}
