package dev.embedscope.tsne;

import dev.embedscope.util.Numbers;
import java.util.Locale;

/**
 * A t-SNE run asked for more neighbours (3 × perplexity) than the points have: the facts (points,
 * perplexity, neighbours, the largest perplexity these points allow, NaN when there are fewer than
 * four and no perplexity works) for the caller to phrase.
 */
public final class TooFewPointsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int points;
    private final double perplexity;
    private final int neighbours;
    private final double largestPerplexity;

    /** The fewest points t-SNE can embed: perplexity 1 takes 3 neighbours. */
    public static final int FEWEST_POINTS = 4;

    public TooFewPointsException(int points, double perplexity, int neighbours) {
        super(points < FEWEST_POINTS
                ? String.format(Locale.ROOT, "%d point%s too few to embed (t-SNE needs at least %d, for perplexity 1)",
                        points, points == 1 ? " is" : "s are", FEWEST_POINTS)
                : String.format(Locale.ROOT, "%d points are too few for perplexity %s (it needs more than 3 × "
                        + "perplexity = %s points)", points, Numbers.num(perplexity), Numbers.num(3 * perplexity)));
        this.points = points;
        this.perplexity = perplexity;
        this.neighbours = neighbours;
        this.largestPerplexity = largestFor(points);
    }

    /** The largest whole perplexity that the points allow; NaN below {@link #FEWEST_POINTS}, where none does. */
    public static double largestFor(int points) {
        return points < FEWEST_POINTS ? Double.NaN : Math.max(1, Math.floor((points - 2) / 3.0));
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
