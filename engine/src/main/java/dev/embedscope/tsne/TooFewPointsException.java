package dev.embedscope.tsne;

import dev.embedscope.util.Numbers;
import java.util.Locale;

/**
 * A t-SNE run asked for more neighbours (3 × perplexity) than the points have: the facts (points,
 * perplexity, neighbours, the largest perplexity these points allow) for the caller to phrase.
 */
public final class TooFewPointsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int points;
    private final double perplexity;
    private final int neighbours;
    private final double largestPerplexity;

    public TooFewPointsException(int points, double perplexity, int neighbours) {
        super(String.format(Locale.ROOT,
                "%d points are too few for perplexity %s (it needs more than 3 × perplexity = %d"
                + " points)", points, Numbers.num(perplexity), neighbours));
        this.points = points;
        this.perplexity = perplexity;
        this.neighbours = neighbours;
        this.largestPerplexity = largestFor(points);
    }

    /** The largest whole perplexity that the points allow, at least 1. */
    public static double largestFor(int points) {
        return Math.max(1, Math.floor((points - 2) / 3.0));
    }

    public int points() {
        return points;
    }

    public double perplexity() {
        return perplexity;
    }

    public int neighbours() {
        return neighbours;
    }

    public double largestPerplexity() {
        return largestPerplexity;
    }
}
