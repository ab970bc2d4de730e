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
 * ({@link StatsCodec}) and merged in a fixed tree of partition indexes ({@link OrderedReduce}), so the result
 * does not depend on which executor ran what, or when, and the driver receives a handful of partials.
 */
public final class SplitStatistics {

    private SplitStatistics() {
    }

    /** One split: its statistics and rows per class (indexed by class; empty without labels). */
    public record Split(String name, FeatureStats stats, long[] classCounts) {
    }

    /** What one partition sends: per split its encoded moments and sketches, and its class counts. */
    private record Part(byte[][] moments, byte[][] sketches, long[][] classCounts) implements Serializable {

        /** Two partials as one (decoded, merged, encoded again), the earlier partitions' first. */
        static Part merge(Part a, Part b) {
            int splits = a.moments.length;
            byte[][] m = new byte[splits][];
            byte[][] s = new byte[splits][];
            long[][] c = new long[splits][];
            for (int sp = 0; sp < splits; sp++) {
                if (a.moments[sp] == null || b.moments[sp] == null) {
                    m[sp] = a.moments[sp] == null ? b.moments[sp] : a.moments[sp];
                    s[sp] = a.moments[sp] == null ? b.sketches[sp] : a.sketches[sp];
                } else {
                    Moments mm = StatsCodec.decodeMoments(a.moments[sp]);
                    mm.merge(StatsCodec.decodeMoments(b.moments[sp]));
                    m[sp] = StatsCodec.encode(mm);
                    if (a.sketches[sp] != null) {
                        ColumnSketches ss = StatsCodec.decodeSketches(a.sketches[sp]);
                        ss.merge(StatsCodec.decodeSketches(b.sketches[sp]));
                        s[sp] = StatsCodec.encode(ss);
                    }
                }
                long[] x = a.classCounts[sp];
                long[] y = b.classCounts[sp];
                c[sp] = java.util.Arrays.copyOf(x.length >= y.length ? x : y, Math.max(x.length, y.length));
                long[] shorter = x.length >= y.length ? y : x;
                for (int k = 0; k < shorter.length; k++) {
                    c[sp][k] += shorter[k];
                }
            }
            return new Part(m, s, c);
        }
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
        Part all = OrderedReduce.reduce(parts, Part::merge);
        Moments[] total = new Moments[splits];
        ColumnSketches[] sketches = new ColumnSketches[splits];
        long[][] counts = all.classCounts();
        for (int sp = 0; sp < splits; sp++) {
            total[sp] = all.moments()[sp] == null ? new Moments(d) : StatsCodec.decodeMoments(all.moments()[sp]);
            sketches[sp] = !sketch ? null : all.sketches()[sp] == null ? new ColumnSketches(d, exactLimit, kllK)
                    : StatsCodec.decodeSketches(all.sketches()[sp]);
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
