package dev.embedscope.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;

/**
 * Row numbers for a source whose blocks carry positions (a file's index among the input's files, sorted by name,
 * in the high bits, the row's index within its file in the low 40) instead of numbers: one pass over the kept
 * blocks finds, per partition, the runs of consecutive positions and each run's rows per split; the driver
 * orders the runs by position and gives each its first row number per split; a row's number is then its run's
 * first number for its split plus the rows of that split before it in the run. The numbers are those of the
 * input read in file-name and row order, the single-machine order, found without a pass over the input itself.
 */
final class RowNumbers implements Serializable {

    /** Bits of a position that hold the row index within its file. */
    static final int ROW_BITS = 40;

    private final List<String> splits;
    private final long[] starts;
    private final long[][] firstIds;

    private RowNumbers(List<String> splits, long[] starts, long[][] firstIds) {
        this.splits = splits;
        this.starts = starts;
        this.firstIds = firstIds;
    }

    static long position(int file, long row) {
        if (row >= 1L << ROW_BITS) {
            throw new IllegalArgumentException("a file of more than 2^40 rows");
        }
        return ((long) file << ROW_BITS) | row;
    }

    /** A partition's rows by position: positions ascending, and each row's split name. */
    private record Sorted(long[] positions, String[] names, int[] block, int[] row) {

        static Sorted of(List<RowBlock> blocks) {
            int n = 0;
            for (RowBlock b : blocks) {
                n += b.rows();
            }
            long[] pos = new long[n];
            int at = 0;
            for (RowBlock b : blocks) {
                System.arraycopy(b.ids(), 0, pos, at, b.rows());
                at += b.rows();
            }
            // positions are unique: sort them, then put each row's split, block and row at its rank
            long[] p = pos.clone();
            Arrays.sort(p);
            for (int i = 1; i < n; i++) {
                if (p[i] == p[i - 1]) {
                    throw new IllegalStateException("two rows at position " + p[i] + " in one partition");
                }
            }
            String[] s = new String[n];
            int[] bl = new int[n];
            int[] r = new int[n];
            at = 0;
            for (int k = 0; k < blocks.size(); k++) {
                RowBlock b = blocks.get(k);
                for (int i = 0; i < b.rows(); i++) {
                    int rank = Arrays.binarySearch(p, pos[at++]);
                    s[rank] = b.splitName();
                    bl[rank] = k;
                    r[rank] = i;
                }
            }
            return new Sorted(p, s, bl, r);
        }
    }

    /** A run of consecutive positions in one partition, and its rows per split name. */
    private record Run(long start, Map<String, Long> counts) implements Serializable {
    }

    static RowNumbers of(Source positional) {
        JavaRDD<Run> runs = positional.blocks().mapPartitions(it -> {
            List<RowBlock> blocks = new ArrayList<>();
            it.forEachRemaining(blocks::add);
            Sorted sorted = Sorted.of(blocks);
            List<Run> out = new ArrayList<>();
            Run run = null;
            for (int i = 0; i < sorted.positions().length; i++) {
                if (run == null || sorted.positions()[i] != sorted.positions()[i - 1] + 1) {
                    run = new Run(sorted.positions()[i], new HashMap<>());
                    out.add(run);
                }
                run.counts().merge(sorted.names()[i], 1L, Long::sum);
            }
            return out.iterator();
        });
        List<Run> all = new ArrayList<>(runs.collect());
        all.sort((a, b) -> Long.compare(a.start(), b.start()));
        List<String> names = new ArrayList<>(positional.splits());
        for (Run r : all) {
            for (String name : r.counts().keySet()) {
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        names.sort(ParquetInput::bySplitRank);
        long[] starts = new long[all.size()];
        long[][] first = new long[all.size()][];
        long[] running = new long[names.size()];
        for (int k = 0; k < all.size(); k++) {
            starts[k] = all.get(k).start();
            first[k] = running.clone();
            for (Map.Entry<String, Long> e : all.get(k).counts().entrySet()) {
                running[names.indexOf(e.getKey())] += e.getValue();
            }
        }
        return new RowNumbers(List.copyOf(names), starts, first);
    }

    /** The source with row numbers in place of positions and the split names known. */
    Source number(Source positional) {
        RowNumbers numbers = this;
        JavaRDD<RowBlock> blocks = positional.blocks().mapPartitions(it -> numbers.apply(it).iterator());
        return new Source(positional.name(), blocks, positional.columns(), positional.featureNames(), splits,
                positional.classNames(), positional.labelled(), positional.imageShape(), positional.type(), false);
    }

    private List<RowBlock> apply(Iterator<RowBlock> it) {
        List<RowBlock> blocks = new ArrayList<>();
        it.forEachRemaining(blocks::add);
        Sorted sorted = Sorted.of(blocks);
        long[][] ids = new long[blocks.size()][];
        for (int k = 0; k < blocks.size(); k++) {
            ids[k] = new long[blocks.get(k).rows()];
        }
        long[] next = null;
        for (int i = 0; i < sorted.positions().length; i++) {
            long p = sorted.positions()[i];
            if (next == null || p != sorted.positions()[i - 1] + 1) {
                int run = Arrays.binarySearch(starts, p);
                if (run < 0) {
                    throw new IllegalStateException("a row at position " + p + " starts no run counted before; was "
                            + "the input changed while being read?");
                }
                next = firstIds[run].clone();
            }
            int split = splits.indexOf(sorted.names()[i]);
            ids[sorted.block()[i]][sorted.row()[i]] = next[split]++;
        }
        List<RowBlock> out = new ArrayList<>(blocks.size());
        for (int k = 0; k < blocks.size(); k++) {
            RowBlock b = blocks.get(k);
            out.add(new RowBlock(splits.indexOf(b.splitName()), b.splitName(), b.rows(), b.cols(), b.values(),
                    b.labels(), ids[k]));
        }
        return out;
    }
}
