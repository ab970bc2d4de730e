package dev.embedscope.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Merges one partial result per partition in a fixed tree over partition indexes: groups of {@link #FANOUT}
 * consecutive partitions merge on executors, level by level, each group in index order, until at most
 * {@code FANOUT} remain for the driver. The merge order never depends on which executor ran what or when (so
 * floating-point sums come out the same run after run), and the driver receives a handful of partials however
 * many partitions there are, where a plain collect would bring it every one.
 */
final class OrderedReduce {

    /** Partials merged together per level. */
    static final int FANOUT = 16;

    private OrderedReduce() {
    }

    /** Merges {@code partials} (exactly one element per partition) with {@code merge}, in partition order. */
    static <T extends Serializable> T reduce(JavaRDD<T> partials, Function2<T, T, T> merge) {
        JavaPairRDD<Integer, T> level = partials.mapPartitionsWithIndex((p, it) -> {
            List<Tuple2<Integer, T>> out = new ArrayList<>();
            while (it.hasNext()) {
                out.add(new Tuple2<>(p, it.next()));
            }
            return out.iterator();
        }, true).mapToPair(t -> t);
        long count = partials.getNumPartitions();
        while (count > FANOUT) {
            level = level.mapToPair(t -> new Tuple2<>(t._1() / FANOUT, t))
                    .groupByKey()
                    .mapToPair(g -> new Tuple2<>(g._1(), mergeInOrder(g._2(), merge)));
            count = (count + FANOUT - 1) / FANOUT;
        }
        return mergeInOrder(level.collect(), merge);
    }

    private static <T> T mergeInOrder(Iterable<Tuple2<Integer, T>> parts, Function2<T, T, T> merge) {
        List<Tuple2<Integer, T>> sorted = new ArrayList<>();
        parts.forEach(sorted::add);
        sorted.sort((a, b) -> Integer.compare(a._1(), b._1()));
        T m = sorted.get(0)._2();
        try {
            for (int i = 1; i < sorted.size(); i++) {
                m = merge.call(m, sorted.get(i)._2());
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return m;
    }
}
