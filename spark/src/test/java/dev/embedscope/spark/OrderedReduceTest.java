package dev.embedscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Partials merge in partition order through every level of the tree, whatever the thread count: with a merge
 * that keeps order (list concatenation) the result is every partition's element in index order, and with a
 * floating-point sum whose value depends on the order, the same bits on one, two and four threads.
 */
class OrderedReduceTest {

    private static <T> T withSpark(String master, java.util.function.Function<JavaSparkContext, T> body) {
        SparkSession spark = SparkSession.builder().master(master).appName("test")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            return body.apply(JavaSparkContext.fromSparkContext(spark.sparkContext()));
        } finally {
            spark.stop();
        }
    }

    @Test
    void mergesInPartitionOrderAcrossLevels() {
        int partitions = 300; // three levels of sixteen
        List<Integer> got = withSpark("local[2]", jsc -> {
            JavaRDD<ArrayList<Integer>> parts = jsc.parallelize(IntStream.range(0, partitions).boxed().toList(),
                    partitions).map(i -> new ArrayList<>(List.of(i)));
            return OrderedReduce.reduce(parts, (a, b) -> {
                ArrayList<Integer> c = new ArrayList<>(a);
                c.addAll(b);
                return c;
            });
        });
        assertEquals(IntStream.range(0, partitions).boxed().toList(), got);
    }

    @Test
    void aFloatingPointSumIsTheSameOnAnyThreadCount() {
        List<Double> values = new ArrayList<>();
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 100; i++) {
            values.add(r.nextGaussian() * Math.pow(10, r.nextInt(12)));
        }
        List<Long> bits = new ArrayList<>();
        for (String master : new String[] {"local[1]", "local[2]", "local[4]"}) {
            bits.add(withSpark(master, jsc -> Double.doubleToLongBits(OrderedReduce.reduce(jsc.parallelize(values,
                    100), Double::sum))));
        }
        assertEquals(bits.get(0), bits.get(1));
        assertEquals(bits.get(0), bits.get(2));
    }
}
