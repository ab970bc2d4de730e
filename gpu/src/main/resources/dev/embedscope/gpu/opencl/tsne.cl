// embedscope t-SNE kernels, float32. Each is checked against the CPU implementation by the tests.
#define MAX_K 128

// Squared distances from each query to every reference point, tiled through local memory, with a
// per-query sorted top-k kept in private memory (k <= MAX_K). excludeSelf skips reference == query.
__kernel void knn_topk(const int nRef, const int nQuery, const int d, const int k, const int excludeSelf,
                       __global const float* ref, __global const float* query,
                       __global int* outIdx, __global float* outDist, __local float* tile) {
    const int q = get_global_id(0);
    const int lid = get_local_id(0);
    const int ls = get_local_size(0);
    float bestD[MAX_K];
    int bestI[MAX_K];
    int size = 0;
    for (int tileStart = 0; tileStart < nRef; tileStart += ls) {
        const int j = tileStart + lid;
        for (int t = 0; t < d; t++) {
            tile[lid * d + t] = j < nRef ? ref[(long) j * d + t] : 0.0f;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (q < nQuery) {
            const int count = min(ls, nRef - tileStart);
            for (int r = 0; r < count; r++) {
                const int idx = tileStart + r;
                if (excludeSelf && idx == q) continue;
                float s = 0.0f;
                for (int t = 0; t < d; t++) {
                    const float diff = query[(long) q * d + t] - tile[r * d + t];
                    s += diff * diff;
                }
                if (size < k || s < bestD[size - 1]) {
                    int pos = size < k ? size : k - 1;
                    if (size < k) size++;
                    while (pos > 0 && (bestD[pos - 1] > s || (bestD[pos - 1] == s && bestI[pos - 1] > idx))) {
                        bestD[pos] = bestD[pos - 1];
                        bestI[pos] = bestI[pos - 1];
                        pos--;
                    }
                    bestD[pos] = s;
                    bestI[pos] = idx;
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (q < nQuery) {
        for (int r = 0; r < k; r++) {
            outIdx[(long) q * k + r] = bestI[r];
            outDist[(long) q * k + r] = bestD[r];
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

// Exact repulsion: each work-item owns a point and sweeps tiles of the others through local memory,
// accumulating its force and its share of Z (reduced on the host in a fixed order).
__kernel void repulsive(const int n, const int dims, __global const float* y, __global float* out,
                        __global float* zOut, __local float* tile) {
    const int i = get_global_id(0);
    const int lid = get_local_id(0);
    const int ls = get_local_size(0);
    float yi0 = 0.0f, yi1 = 0.0f, yi2 = 0.0f;
    if (i < n) {
        yi0 = y[dims * i];
        yi1 = y[dims * i + 1];
        yi2 = dims == 3 ? y[dims * i + 2] : 0.0f;
    }
    float f0 = 0.0f, f1 = 0.0f, f2 = 0.0f, z = 0.0f;
    for (int tileStart = 0; tileStart < n; tileStart += ls) {
        const int j = tileStart + lid;
        tile[3 * lid] = j < n ? y[dims * j] : 0.0f;
        tile[3 * lid + 1] = j < n ? y[dims * j + 1] : 0.0f;
        tile[3 * lid + 2] = (j < n && dims == 3) ? y[dims * j + 2] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        if (i < n) {
            const int count = min(ls, n - tileStart);
            for (int r = 0; r < count; r++) {
                if (tileStart + r == i) continue;
                const float d0 = yi0 - tile[3 * r];
                const float d1 = yi1 - tile[3 * r + 1];
                const float d2 = yi2 - tile[3 * r + 2];
                const float w = 1.0f / (1.0f + d0 * d0 + d1 * d1 + d2 * d2);
                z += w;
                const float w2 = w * w;
                f0 += w2 * d0;
                f1 += w2 * d1;
                f2 += w2 * d2;
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (i < n) {
        out[dims * i] = f0;
        out[dims * i + 1] = f1;
        if (dims == 3) out[dims * i + 2] = f2;
        zOut[i] = z;
    }
}

// One gradient step with gains and momentum, element-wise.
__kernel void gradient_step(const int len, const float exaggeration, const float momentum, const float rate, const float minGain,
                   const float invZ, __global float* y, __global const float* attr, __global const float* rep,
                   __global float* update, __global float* gains) {
    const int e = get_global_id(0);
    if (e >= len) return;
    const float grad = 4.0f * (exaggeration * attr[e] - rep[e] * invZ);
    float g = grad * update[e] < 0.0f ? gains[e] + 0.2f : gains[e] * 0.8f;
    g = fmax(g, minGain);
    gains[e] = g;
    const float u = momentum * update[e] - rate * g * grad;
    update[e] = u;
    y[e] += u;
}
