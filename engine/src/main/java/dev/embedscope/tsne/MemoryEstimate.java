package dev.embedscope.tsne;

/**
 * What a t-SNE run of N×D input will hold at its peak, so a run that cannot fit is refused before
 * it starts: Java heap (kNN graph, conditional and joint P, optimiser arrays, tree) and native
 * memory outside the heap (ND4J: the centred copy for PCA, the reduced data, distance tiles).
 */
public record MemoryEstimate(long heapBytes, long nativeBytes) {

    public static MemoryEstimate of(long n, long d, int pcaDims, TsneOptions o) {
        long k = o.k();
        long reducedDims = pcaDims > 0 && d > pcaDims ? pcaDims : d;
        // the peak is the symmetrisation: the graph's indices, conditional P (float, in place of the graph's
        // distances), the reverse edges and at most 2k entries a row of joint P (int column, float value)
        long graph = n * k * 4;
        long conditional = n * k * 4;
        long joint = n * k * 4 + 2 * n * k * (4 + 4);
        long optimiser = 5 * n * o.dims() * 8L + n * (o.dims() * 8L + 4 * 4) + 2 * n * 8L * o.dims();
        long heap = graph + conditional + joint + optimiser;
        long nativeMem = (reducedDims < d ? n * d * 4 + n * reducedDims * 4 : 0) + 1024L * 4096 * 4 * 2;
        return new MemoryEstimate(heap, nativeMem);
    }

    /**
     * The peak of a streamed run ({@code EmbeddingJob.run(RowSource, ...)}): the t-SNE arrays as above, plus
     * the reduced points and two row hashes per row on the heap; natively only the D×D covariance (double,
     * and its float Gram matrix per block) and two blocks, never the N×D rows.
     */
    public static MemoryEstimate streaming(long n, long d, int pcaDims, TsneOptions o) {
        long reducedDims = pcaDims > 0 && d > pcaDims ? pcaDims : d;
        long heap = of(n, d, pcaDims, o).heapBytes() + n * reducedDims * 4 + 2 * n * 8;
        long nativeMem = d * d * (8 + 4) + 2L * (1 << 21) * 4 + 1024L * 4096 * 4 * 2;
        return new MemoryEstimate(heap, nativeMem);
    }

    public long total() {
        return heapBytes + nativeBytes;
    }
}
