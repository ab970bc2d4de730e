package dev.embedscope.cli.options;

import dev.embedscope.data.Dataset;
import dev.embedscope.util.Sampling;
import java.util.SplittableRandom;
import picocli.CommandLine.Option;

/**
 * The {@code --sample N} option of every command that embeds: a seeded random subset of the rows
 * (embed: all rows unless given; compare: 10,000 training rows; report: 5,000).
 */
public final class SampleOption {

    @Option(names = "--sample", paramLabel = "N",
            description = "Embed a seeded random subset of N rows (default: all for"
            + " embed, 10000 for compare, 5000 for report).")
    Integer sample;

    /** The subset size: the option, or {@code fallback} when not given (null: all rows). */
    public Integer size(Integer fallback) {
        Integer n = sample != null ? sample : fallback;
        if (n != null && n < 1) {
            throw new IllegalArgumentException("--sample must be at least 1, got " + n);
        }
        return n;
    }

    /** A seeded random subset of {@code size} rows of {@code d} in row order (all rows when size is null or larger). */
    public static Dataset subset(Dataset d, Integer size, SplittableRandom random) {
        int[] rows = rows(d.rows(), size, random);
        return rows == null ? d : d.subset(rows);
    }

    /** The rows {@link #subset} keeps of {@code n}, in order, or null when it keeps all. */
    public static int[] rows(int n, Integer size, SplittableRandom random) {
        if (size == null || size >= n) {
            return null;
        }
        return Sampling.sortedSubset(n, size, random);
    }
}
