package dev.embedscope.spark;

import dev.embedscope.stats.DuplicateRows;
import dev.embedscope.stats.RowGroup;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Exact duplicate rows within each split of a {@link Source}: rows are keyed by the engine's 64-bit row hash
 * ({@link DuplicateRows#hash}) and grouped by a shuffle; only rows whose hash is shared are read a second time,
 * brought to the driver and compared value by value, so a hash collision never makes two rows a group. Groups
 * come out as the single-machine search gives them: rows ascending, groups ordered by their first row.
 */
public final class DuplicateSearch {

    private DuplicateSearch() {
    }

    /** One candidate row: its split, row number, class index (−1 without labels) and values. */
    private record Candidate(int split, long id, int label, float[] values) implements Serializable {
    }

    /** Per split (in the source's order), its groups of identical rows. */
    public static List<List<RowGroup>> within(Source source) {
        JavaRDD<Tuple2<Integer, Long>> shared = source.blocks()
                .flatMapToPair(b -> {
                    List<Tuple2<Tuple2<Integer, Long>, Long>> out = new ArrayList<>(b.rows());
                    for (int i = 0; i < b.rows(); i++) {
                        long h = DuplicateRows.hash(b.values(), i * b.cols(), b.cols());
                        out.add(new Tuple2<>(new Tuple2<>(b.split(), h), b.ids()[i]));
                    }
                    return out.iterator();
                })
                .groupByKey()
                .flatMap(g -> {
                    List<Tuple2<Integer, Long>> out = new ArrayList<>();
                    Iterable<Long> ids = g._2();
                    int count = 0;
                    for (Long ignored : ids) {
                        if (++count > 1) {
                            break;
                        }
                    }
                    if (count > 1) {
                        for (Long id : ids) {
                            out.add(new Tuple2<>(g._1()._1(), id));
                        }
                    }
                    return out.iterator();
                });
        int splits = source.splits().size();
        List<Set<Long>> wanted = new ArrayList<>();
        for (int s = 0; s < splits; s++) {
            wanted.add(new HashSet<>());
        }
        for (Tuple2<Integer, Long> t : shared.collect()) {
            wanted.get(t._1()).add(t._2());
        }
        List<List<RowGroup>> out = new ArrayList<>();
        if (wanted.stream().allMatch(Set::isEmpty)) {
            for (int s = 0; s < splits; s++) {
                out.add(List.of());
            }
            return out;
        }
        List<Candidate> rows = source.blocks().flatMap(b -> {
            List<Candidate> found = new ArrayList<>();
            Set<Long> ids = wanted.get(b.split());
            for (int i = 0; i < b.rows(); i++) {
                if (ids.contains(b.ids()[i])) {
                    found.add(new Candidate(b.split(), b.ids()[i], b.labels() == null ? -1 : b.labels()[i],
                            Arrays.copyOfRange(b.values(), i * b.cols(), (i + 1) * b.cols())));
                }
            }
            return found.iterator();
        }).collect();
        for (int s = 0; s < splits; s++) {
            out.add(groups(rows, s, source.labelled()));
        }
        return out;
    }

    /**
     * Test rows that are exact copies of a training row, as (training row, test row) pairs in test row order:
     * a join on the row hash across the two splits, the matches then compared value by value on the driver (a
     * test row is paired with the first training row it equals, as the single-machine search does).
     */
    public static List<long[]> across(Source source, int train, int test) {
        JavaRDD<Tuple2<Integer, Long>> matched = source.blocks()
                .filter(b -> b.split() == train || b.split() == test)
                .flatMapToPair(b -> {
                    List<Tuple2<Long, Tuple2<Integer, Long>>> out = new ArrayList<>(b.rows());
                    for (int i = 0; i < b.rows(); i++) {
                        long h = DuplicateRows.hash(b.values(), i * b.cols(), b.cols());
                        out.add(new Tuple2<>(h, new Tuple2<>(b.split(), b.ids()[i])));
                    }
                    return out.iterator();
                })
                .groupByKey()
                .flatMap(g -> {
                    boolean inTrain = false;
                    boolean inTest = false;
                    for (Tuple2<Integer, Long> t : g._2()) {
                        inTrain |= t._1() == train;
                        inTest |= t._1() == test;
                    }
                    List<Tuple2<Integer, Long>> out = new ArrayList<>();
                    if (inTrain && inTest) {
                        g._2().forEach(out::add);
                    }
                    return out.iterator();
                });
        Set<Long> trainIds = new HashSet<>();
        Set<Long> testIds = new HashSet<>();
        for (Tuple2<Integer, Long> t : matched.collect()) {
            (t._1() == train ? trainIds : testIds).add(t._2());
        }
        if (testIds.isEmpty()) {
            return List.of();
        }
        List<Candidate> rows = source.blocks().flatMap(b -> {
            List<Candidate> found = new ArrayList<>();
            Set<Long> ids = b.split() == train ? trainIds : b.split() == test ? testIds : Set.of();
            for (int i = 0; i < b.rows(); i++) {
                if (ids.contains(b.ids()[i])) {
                    found.add(new Candidate(b.split(), b.ids()[i], -1,
                            Arrays.copyOfRange(b.values(), i * b.cols(), (i + 1) * b.cols())));
                }
            }
            return found.iterator();
        }).collect();
        Map<Long, List<Candidate>> trainByHash = new HashMap<>();
        List<Candidate> tests = new ArrayList<>();
        for (Candidate c : rows) {
            if (c.split() == train) {
                trainByHash.computeIfAbsent(DuplicateRows.hash(c.values()), k -> new ArrayList<>()).add(c);
            } else {
                tests.add(c);
            }
        }
        trainByHash.values().forEach(l -> l.sort((a, b) -> Long.compare(a.id(), b.id())));
        tests.sort((a, b) -> Long.compare(a.id(), b.id()));
        List<long[]> pairs = new ArrayList<>();
        for (Candidate t : tests) {
            for (Candidate c : trainByHash.getOrDefault(DuplicateRows.hash(t.values()), List.of())) {
                if (Arrays.equals(t.values(), c.values())) {
                    pairs.add(new long[] {c.id(), t.id()});
                    break;
                }
            }
        }
        return pairs;
    }

    private static List<RowGroup> groups(List<Candidate> rows, int split, boolean labelled) {
        Map<Long, List<Candidate>> byHash = new HashMap<>();
        for (Candidate c : rows) {
            if (c.split() == split) {
                byHash.computeIfAbsent(DuplicateRows.hash(c.values()), k -> new ArrayList<>()).add(c);
            }
        }
        List<RowGroup> out = new ArrayList<>();
        for (List<Candidate> same : byHash.values()) {
            same.sort((a, b) -> Long.compare(a.id(), b.id()));
            boolean[] used = new boolean[same.size()];
            for (int i = 0; i < same.size(); i++) {
                if (used[i]) {
                    continue;
                }
                List<Candidate> group = new ArrayList<>();
                group.add(same.get(i));
                for (int k = i + 1; k < same.size(); k++) {
                    if (!used[k] && DuplicateRows.sameRow(same.get(i).values(), same.get(k).values())) {
                        used[k] = true;
                        group.add(same.get(k));
                    }
                }
                if (group.size() > 1) {
                    long[] ids = new long[group.size()];
                    int[] labels = labelled ? new int[group.size()] : null;
                    for (int g = 0; g < ids.length; g++) {
                        ids[g] = group.get(g).id();
                        if (labels != null) {
                            labels[g] = group.get(g).label();
                        }
                    }
                    out.add(new RowGroup(ids, labels));
                }
            }
        }
        out.sort((a, b) -> Long.compare(a.rows()[0], b.rows()[0]));
        return out;
    }
}
