package dev.embedscope.tsne;

import dev.embedscope.util.Parallel;

/**
 * Repulsion in 2-D by whichever of FFT-accelerated interpolation (Linderman et al., Nature Methods 16, 2019) and
 * Barnes-Hut (van der Maaten, JMLR 15, 2014) costs less for the layout of the moment. The FFT's cost is a term
 * per point plus its grid's transforms, which grow with the square of the grid's side and so with the layout's
 * area; Barnes-Hut's grows as N log N whatever the spread. Early in a run the layout is small and the FFT wins;
 * once it has spread, Barnes-Hut does. The choice is a function of the positions alone, so a run is as
 * deterministic as its two parts, whatever the thread count.
 *
 * <p>The cost model, in milliseconds on the 2-core machine of {@code bench/RESULTS.md} (one evaluation at
 * 70,000, 250,000 and 1,000,000 points on layouts of ten Gaussian clusters 30 to 500 units wide,
 * {@code RepulsionBenchmark}): FFT ≈ 1.04e-4 · N + 2.2e-4 · m² for a grid of m nodes a side, Barnes-Hut
 * (its walk per leaf) ≈ 3.5e-5 · N · log₂ N; the FFT is taken while
 * {@code m² ≤ 0.159 · N · log₂ N − 0.473 · N}: at 70,000 points while the layout spans up to about 127 units.
 */
public final class AdaptiveRepulsion implements RepulsiveForces {

    private final FftRepulsion fft;
    private final BarnesHutRepulsion barnesHut;
    private final double largestFftGrid;
    private int fftEvaluations;
    private int barnesHutEvaluations;

    public AdaptiveRepulsion(int n, double theta, Parallel parallel) {
        this.fft = new FftRepulsion(n, parallel);
        this.barnesHut = new BarnesHutRepulsion(n, 2, theta, parallel);
        this.largestFftGrid = largestFftGrid(n);
    }

    /** The most grid nodes (m²) for which the FFT is taken at n points. */
    static double largestFftGrid(int n) {
        double log2 = Math.log(Math.max(n, 2)) / Math.log(2);
        return 0.159 * n * log2 - 0.473 * n;
    }

    /** Whether the FFT repulsion is taken for this layout. */
    public boolean usesFft(double[] y) {
        return usesFft(fft.frame(y));
    }

    private boolean usesFft(FftRepulsion.Frame frame) {
        double m = frame.side();
        return m * m <= largestFftGrid;
    }

    @Override
    public double compute(double[] y, double[] rep) {
        FftRepulsion.Frame frame = fft.frame(y); // one pass; the FFT reuses it
        if (usesFft(frame)) {
            fftEvaluations++;
            return fft.compute(y, rep, frame);
        }
        barnesHutEvaluations++;
        return barnesHut.compute(y, rep);
    }

    /** Evaluations so far by the FFT and by Barnes-Hut. */
    public int[] evaluations() {
        return new int[] {fftEvaluations, barnesHutEvaluations};
    }
}
