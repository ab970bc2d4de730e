package dev.embedscope.knn;

/**
 * The k nearest neighbours of each of N points, as flat arrays: {@code indices[i*k + r]} is the
 * r-th nearest neighbour of point i (nearest first, the point itself excluded) and
 * {@code sqDistances[i*k + r]} its squared Euclidean distance.
 */
public record KnnGraph(int n, int k, int[] indices, float[] sqDistances) {

    public KnnGraph {
        if (indices.length != (long) n * k || sqDistances.length != (long) n * k) {
            throw new IllegalArgumentException("a kNN graph of " + n + "×" + k + " needs " + (long) n * k
                    + " entries");
        }
    }

    public int neighbour(int i, int r) {
        return indices[i * k + r];
    }

    public float sqDistance(int i, int r) {
        return sqDistances[i * k + r];
    }
}
