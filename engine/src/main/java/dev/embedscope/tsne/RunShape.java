package dev.embedscope.tsne;

/**
 * The size of one embedding run, for a backend's {@link ComputeBackend#preflight}: points, input
 * dimensions as the kNN search sees them (after PCA), neighbours per point, output dimensions and
 * iterations.
 */
public record RunShape(int points, int features, int neighbours, int dims, int iterations) {

    public RunShape {
        if (points < 1 || features < 1 || neighbours < 1 || dims < 1 || iterations < 0) {
            throw new IllegalArgumentException("a run of " + points + " points, " + features + " features, "
                    + neighbours + " neighbours, " + dims + " dimensions and " + iterations
                            + " iterations makes no sense");
        }
    }

    /** The shape of embedding {@code points} rows of {@code seenFeatures} columns (after PCA) with these options. */
    public static RunShape of(int points, int seenFeatures, TsneOptions o) {
        return new RunShape(points, seenFeatures, Math.min(o.k(), Math.max(1, points - 1)), o.dims(),
                o.schedule().iterations());
    }
}
