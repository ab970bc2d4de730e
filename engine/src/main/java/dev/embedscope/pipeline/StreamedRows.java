package dev.embedscope.pipeline;

import dev.embedscope.data.RowSource;
import dev.embedscope.knn.Points;
import dev.embedscope.linalg.BlockPca;
import dev.embedscope.linalg.Pca;
import dev.embedscope.scale.Scaling;
import dev.embedscope.tsne.TsneListener;
import java.util.Arrays;

/**
 * The front of the pipeline for rows that are streamed, not held: two passes over blocks of a
 * {@link RowSource}. The first scales each block, refuses NaN or infinity (naming the row and column),
 * hashes each row to find copies of one row, and accumulates the PCA covariance ({@link BlockPca}); the
 * second scales again and projects. What stays resident is N×k floats, one hash per row and the D×D
 * covariance. Without PCA (asked for none, or D no more than the PCA dimensions) the scaled rows are
 * gathered whole, which is refused over 2^31 values.
 */
final class StreamedRows {

    /** The points to embed, the PCA that made them (null when none ran) and the largest group of equal rows. */
    record Reduced(Points points, Pca pca, int largestEqualRows) {
    }

    private StreamedRows() {
    }

    static Reduced reduce(RowSource source, Scaling scaling, int pcaDims, TsneListener listener) {
        long n = source.rows();
        int d = source.columns();
        long[] hashes = new long[(int) n];
        BlockPca.Prepare first = (row, count, values) -> {
            scaling.applyInPlace(values, count);
            check(source, row, count, values);
            for (int i = 0; i < count; i++) {
                hashes[(int) row + i] = hash(values, i * d, d);
            }
        };
        BlockPca.Prepare again = (row, count, values) -> scaling.applyInPlace(values, count);
        if (pcaDims <= 0 || d <= pcaDims) {
            if (n * d > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(source.name() + ": " + n + " rows of " + d
                        + " values are more than 2^31 values to embed without PCA; keep PCA on (--pca 50)");
            }
            float[] all = new float[(int) (n * d)];
            BlockPca.forEachBlock(source, first, progress(listener, 0),
                    (row, count, values) -> System.arraycopy(values, 0, all, (int) (row * d), count * d));
            source.evict();
            return new Reduced(new Points(all, (int) n, d), null, largestGroup(hashes));
        }
        Pca pca = BlockPca.fit(source, first, pcaDims, progress(listener, 0));
        float[] reduced = BlockPca.transform(pca, source, again, progress(listener, n));
        source.evict();
        return new Reduced(new Points(reduced, (int) n, pcaDims), pca, largestGroup(hashes));
    }

    private static BlockPca.Progress progress(TsneListener listener, long before) {
        return (done, total) -> listener.progress(TsneListener.Phase.PCA, before + done, 2 * total);
    }

    private static void check(RowSource source, long row, int count, float[] values) {
        int d = source.columns();
        for (int i = 0; i < count * d; i++) {
            float v = values[i];
            if (v - v != 0f) {
                throw new IllegalArgumentException(source.name() + ": t-SNE needs finite values, but row "
                        + (row + i / d) + " holds " + v + " in column " + (i % d) + "; impute or drop such rows first");
            }
        }
    }

    /** A 64-bit hash of one row's float bits (equal rows, equal hashes; -0 and 0 differ, as in the file). */
    private static long hash(float[] values, int at, int d) {
        long h = 0x9E3779B97F4A7C15L;
        for (int j = 0; j < d; j++) {
            h = (h ^ Float.floatToIntBits(values[at + j])) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }

    /**
     * The size of the largest group of rows with one hash: the largest group of equal rows, unless two
     * different rows share a 64-bit hash (about n²/2^65: under 10^-7 for a million rows).
     */
    private static int largestGroup(long[] hashes) {
        long[] sorted = hashes.clone();
        Arrays.sort(sorted);
        int best = sorted.length == 0 ? 0 : 1;
        int run = 1;
        for (int i = 1; i < sorted.length; i++) {
            run = sorted[i] == sorted[i - 1] ? run + 1 : 1;
            best = Math.max(best, run);
        }
        return best;
    }
}
