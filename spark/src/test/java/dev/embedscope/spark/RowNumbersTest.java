package dev.embedscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Positions become the row numbers of the input read in file and row order, split by split: rows of two splits
 * interleaved row by row in two files, their blocks grouped by split and spread over partitions out of file order
 * (as Spark packs files), against the numbers counted directly.
 */
class RowNumbersTest {

    @Test
    void positionsBecomeRowNumbersPerSplit() {
        // file 0: 300 rows, file 1: 200 rows; row r of a file is test when r % 3 == 0, else train
        Map<Long, String> split = new TreeMap<>();
        for (int file = 0; file < 2; file++) {
            for (int r = 0; r < (file == 0 ? 300 : 200); r++) {
                split.put(RowNumbers.position(file, r), r % 3 == 0 ? "test" : "train");
            }
        }
        Map<Long, Long> expected = new TreeMap<>();
        Map<String, Long> next = new TreeMap<>();
        split.forEach((p, s) -> expected.put(p, next.merge(s, 1L, Long::sum) - 1));
        // partition 0 holds file 1 and the second half of file 0; partition 1 the first half of file 0
        List<List<RowBlock>> partitions = List.of(blocks(split, List.of(1), 150, 300), blocks(split, List.of(), 0,
                150));
        SparkSession spark = SparkSession.builder().master("local[2]").appName("test")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            var jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            var rdd = jsc.parallelize(List.of(0, 1), 2).flatMap(p -> partitions.get(p).iterator());
            Source positional = new Source("t", rdd, 1, List.of("x"), List.of(), List.of(), false, null, null, true);
            Source numbered = Inputs.numbered(positional);
            assertEquals(List.of("train", "test"), numbered.splits());
            List<RowBlock> got = numbered.blocks().collect();
            List<RowBlock> raw = rdd.collect();
            int checked = 0;
            for (int k = 0; k < got.size(); k++) {
                for (int i = 0; i < got.get(k).rows(); i++) {
                    long position = raw.get(k).ids()[i];
                    assertEquals(expected.get(position), got.get(k).ids()[i], "position " + position);
                    assertEquals(numbered.splits().indexOf(split.get(position)), got.get(k).split());
                    checked++;
                }
            }
            assertEquals(500, checked);
        } finally {
            spark.stop();
        }
    }

    /** Blocks of up to 64 rows, one split each (as the reader emits them): whole files, then rows of file 0. */
    private static List<RowBlock> blocks(Map<Long, String> split, List<Integer> files, int from, int to) {
        List<Long> rows = new ArrayList<>();
        for (int file : files) {
            for (int r = 0; r < 200; r++) {
                rows.add(RowNumbers.position(file, r));
            }
        }
        for (int r = from; r < to; r++) {
            rows.add(RowNumbers.position(0, r));
        }
        List<RowBlock> out = new ArrayList<>();
        for (String s : List.of("test", "train")) {
            List<Long> mine = rows.stream().filter(p -> split.get(p).equals(s)).toList();
            for (int b = 0; b < mine.size(); b += 64) {
                int n = Math.min(64, mine.size() - b);
                long[] ids = new long[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = mine.get(b + i);
                }
                out.add(new RowBlock(-1, s, n, 1, new float[n], null, ids));
            }
        }
        return out;
    }
}
