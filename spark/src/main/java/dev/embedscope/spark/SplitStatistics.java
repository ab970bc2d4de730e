package dev.embedscope.spark;

import dev.embedscope.stats.ColumnSketches;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.Moments;
import dev.embedscope.stats.StatsCodec;
import dev.embedscope.stats.StatsOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Per-split feature statistics and class counts of a {@link Source}, computed by the engine's own mergeable
 * accumulators on each partition ({@link Moments}, {@link ColumnSketches}), sent to the driver as bytes
 * ({@link StatsCodec}) and merged there in partition order, so the result does not depend on which executor
 * ran what, or when.
 */
public final class SplitStatistics {

    private SplitStatistics() {
    }

    /** One split: its statistics and rows per class (indexed by class; empty without labels). */
    public record Split(String name, FeatureStats stats, long[] classCounts) {
    }

    /** What one partition sends: per split its encoded moments and sketches, and its class counts. */
    private record Part(byte[][] moments, byte[][] sketches, long[][] classCounts) implements Serializable {
    }

    public static List<Split> compute(Source source, StatsOptions options) {
        int splits = source.splits().size();
        int d = source.columns();
        boolean sketch = options.sketches();
        int exactLimit = options.exactLimit();
        int kllK = options.kllK();
        JavaRDD<Part> parts = source.blocks().mapPartitions(it -> {
            Moments[] m = new Moments[splits];
            ColumnSketches[] s = new ColumnSketches[splits];
            long[][] counts = new long[splits][0];
            while (it.hasNext()) {
                RowBlock b = it.next();
                int sp = b.split();
                if (m[sp] == null) {
                    m[sp] = new Moments(d);
                    s[sp] = sketch ? new ColumnSketches(d, exactLimit, kllK) : null;
                }
                m[sp].accept(b.values(), b.rows());
                if (s[sp] != null) {
                    s[sp].accept(b.values(), b.rows());
                }
                if (b.labels() != null) {
                    for (int i = 0; i < b.rows(); i++) {
                        int c = b.labels()[i];
                        if (c >= counts[sp].length) {
                            counts[sp] = java.util.Arrays.copyOf(counts[sp], c + 1);
                        }
                        counts[sp][c]++;
                    }
                }
            }
            byte[][] mb = new byte[splits][];
            byte[][] sb = new byte[splits][];
            for (int sp = 0; sp < splits; sp++) {
                mb[sp] = m[sp] == null ? null : StatsCodec.encode(m[sp]);
                sb[sp] = s[sp] == null ? null : StatsCodec.encode(s[sp]);
            }
            return List.of(new Part(mb, sb, counts)).iterator();
        });
        Moments[] total = new Moments[splits];
        ColumnSketches[] sketches = new ColumnSketches[splits];
        long[][] counts = new long[splits][0];
        for (int sp = 0; sp < splits; sp++) {
            total[sp] = new Moments(d);
            sketches[sp] = sketch ? new ColumnSketches(d, exactLimit, kllK) : null;
        }
        for (Part p : parts.collect()) {
            for (int sp = 0; sp < splits; sp++) {
                if (p.moments()[sp] != null) {
                    total[sp].merge(StatsCodec.decodeMoments(p.moments()[sp]));
                }
                if (p.sketches()[sp] != null) {
                    sketches[sp].merge(StatsCodec.decodeSketches(p.sketches()[sp]));
                }
                long[] c = p.classCounts()[sp];
                if (c.length > counts[sp].length) {
                    counts[sp] = java.util.Arrays.copyOf(counts[sp], c.length);
                }
                for (int k = 0; k < c.length; k++) {
                    counts[sp][k] += c[k];
                }
            }
        }
        int classes = source.classNames().size();
        for (long[] c : counts) {
            classes = Math.max(classes, c.length);
        }
        List<Split> out = new ArrayList<>();
        for (int sp = 0; sp < splits; sp++) {
            out.add(new Split(source.splits().get(sp), FeatureStats.of(total[sp], sketches[sp]),
                    source.labelled() ? java.util.Arrays.copyOf(counts[sp], classes) : new long[0]));
        }
        return out;
    }

    /** The class names: those the source gave, or "0" … "K−1" for as many classes as the labels reach. */
    public static List<String> classNames(Source source, List<Split> splits) {
        if (!source.classNames().isEmpty() || !source.labelled()) {
            List<String> names = new ArrayList<>(source.classNames());
            int reach = splits.stream().mapToInt(s -> s.classCounts().length).max().orElse(0);
            for (int c = names.size(); c < reach; c++) {
                names.add(Integer.toString(c));
            }
            return names;
        }
        int reach = splits.stream().mapToInt(s -> s.classCounts().length).max().orElse(0);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < reach; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }
}
