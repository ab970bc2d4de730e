package dev.embedscope.spark;

import dev.embedscope.stats.ColumnSketches;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.Moments;
import dev.embedscope.stats.StatsCodec;
import dev.embedscope.stats.StatsOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** What one or more partitions send: per split (by name) its encoded moments and sketches and class counts. */
    private record Part(List<String> names, List<byte[]> moments, List<byte[]> sketches, List<long[]> classCounts)
            implements Serializable {

        /** Two partials as one (decoded, merged, encoded again), the earlier partitions' first. */
        static Part merge(Part a, Part b) {
            Part out = new Part(new ArrayList<>(a.names), new ArrayList<>(a.moments), new ArrayList<>(a.sketches),
                    new ArrayList<>(a.classCounts));
            for (int k = 0; k < b.names.size(); k++) {
                int at = out.names.indexOf(b.names.get(k));
                if (at < 0) {
                    out.names.add(b.names.get(k));
                    out.moments.add(b.moments.get(k));
                    out.sketches.add(b.sketches.get(k));
                    out.classCounts.add(b.classCounts.get(k));
                    continue;
                }
                Moments mm = StatsCodec.decodeMoments(out.moments.get(at));
                mm.merge(StatsCodec.decodeMoments(b.moments.get(k)));
                out.moments.set(at, StatsCodec.encode(mm));
                if (out.sketches.get(at) != null) {
                    ColumnSketches ss = StatsCodec.decodeSketches(out.sketches.get(at));
                    ss.merge(StatsCodec.decodeSketches(b.sketches.get(k)));
                    out.sketches.set(at, StatsCodec.encode(ss));
                }
                out.classCounts.set(at, add(out.classCounts.get(at), b.classCounts.get(k)));
            }
            return out;
        }

        private static long[] add(long[] x, long[] y) {
            long[] sum = Arrays.copyOf(x.length >= y.length ? x : y, Math.max(x.length, y.length));
            long[] shorter = x.length >= y.length ? y : x;
            for (int c = 0; c < shorter.length; c++) {
                sum[c] += shorter[c];
            }
            return sum;
        }
    }

    /**
     * Per split, in the source's split order (or, where the source learns its split names only while reading,
     * train, test, then the others by name): statistics and class counts.
     */
    public static List<Split> compute(Source source, StatsOptions options) {
        int d = source.columns();
        boolean sketch = options.sketches();
        int exactLimit = options.exactLimit();
        int kllK = options.kllK();
        JavaRDD<Part> parts = source.blocks().mapPartitions(it -> {
            List<String> names = new ArrayList<>();
            List<Moments> m = new ArrayList<>();
            List<ColumnSketches> s = new ArrayList<>();
            List<long[]> counts = new ArrayList<>();
            while (it.hasNext()) {
                RowBlock b = it.next();
                int sp = names.indexOf(b.splitName());
                if (sp < 0) {
                    sp = names.size();
                    names.add(b.splitName());
                    m.add(new Moments(d));
                    s.add(sketch ? new ColumnSketches(d, exactLimit, kllK) : null);
                    counts.add(new long[0]);
                }
                m.get(sp).accept(b.values(), b.rows());
                if (s.get(sp) != null) {
                    s.get(sp).accept(b.values(), b.rows());
                }
                if (b.labels() != null) {
                    long[] c = counts.get(sp);
                    for (int i = 0; i < b.rows(); i++) {
                        int label = b.labels()[i];
                        if (label >= c.length) {
                            c = Arrays.copyOf(c, label + 1);
                        }
                        c[label]++;
                    }
                    counts.set(sp, c);
                }
            }
            List<byte[]> mb = new ArrayList<>();
            List<byte[]> sb = new ArrayList<>();
            for (int sp = 0; sp < names.size(); sp++) {
                mb.add(StatsCodec.encode(m.get(sp)));
                sb.add(s.get(sp) == null ? null : StatsCodec.encode(s.get(sp)));
            }
            return List.of(new Part(names, mb, sb, counts)).iterator();
        });
        Part all = OrderedReduce.reduce(parts, Part::merge);
        List<String> order = new ArrayList<>(source.splits());
        List<String> found = new ArrayList<>(all.names());
        found.removeAll(order);
        found.sort(ParquetInput::bySplitRank);
        order.addAll(found);
        int classes = source.classNames().size();
        for (long[] c : all.classCounts()) {
            classes = Math.max(classes, c.length);
        }
        List<Split> out = new ArrayList<>();
        for (String name : order) {
            int k = all.names().indexOf(name);
            Moments total = k < 0 ? new Moments(d) : StatsCodec.decodeMoments(all.moments().get(k));
            ColumnSketches sketches = !sketch ? null : k < 0 ? new ColumnSketches(d, exactLimit, kllK)
                    : StatsCodec.decodeSketches(all.sketches().get(k));
            long[] counts = k < 0 ? new long[0] : all.classCounts().get(k);
            out.add(new Split(name, FeatureStats.of(total, sketches),
                    source.labelled() ? Arrays.copyOf(counts, classes) : new long[0]));
        }
        return out;
    }

    /** The class names: those the source gave, or "0" … "K−1" for as many classes as the labels reach. */
    public static List<String> classNames(Source source, List<Split> splits) {
        List<String> names = new ArrayList<>(source.classNames());
        int reach = splits.stream().mapToInt(s -> s.classCounts().length).max().orElse(0);
        for (int c = names.size(); c < reach; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }
}
