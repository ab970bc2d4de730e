package dev.embedscope.backend;

import dev.embedscope.tsne.TsneOptions;

/**
 * The size of one embedding run, for a backend's {@link ComputeBackend#preflight}: points, input
 * dimensions as the kNN search sees them (after PCA), neighbours per point, output dimensions and
 * iterations.
 */
public record RunShape(int points, int features, int neighbours, int dims, int iterations) {

    public RunShape {
        if (points < 1 || features < 1 || neighbours < 1 || dims < 1 || iterations < 0) {
            throw new IllegalArgumentException("a run of " + points + " points, " + features + " features, " + neighbours
                    + " neighbours, " + dims + " dimensions and " + iterations + " iterations makes no sense");
        }
    }

    /** The shape of embedding {@code points} rows of {@code features} columns with PCA to {@code pcaDims} (0: none). */
    public static RunShape of(int points, int features, int pcaDims, TsneOptions o) {
        int seen = pcaDims > 0 ? Math.min(features, pcaDims) : features;
        return new RunShape(points, seen, Math.min(o.neighbours(), Math.max(1, points - 1)), o.dims(), o.iterations());
    }
}
