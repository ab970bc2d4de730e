package dev.embedscope.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.Splits;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shifts built by the tests on the embedded Fashion-MNIST sample, and detected; unshifted splits pass. */
class ComparisonTest {

    static Dataset train;
    static Dataset test;

    @BeforeAll
    static void load() throws IOException {
        Splits s = FashionMnist.sample();
        train = scaled(s.train());
        test = scaled(s.test());
    }

    static Dataset scaled(Dataset d) {
        return d.withFeatures(d.features().div(255f).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c'));
    }

    static Comparison compare(Dataset a, Dataset b) {
        return Comparison.run(a, b, CompareOptions.defaults().withThreads(2));
    }

    static Dataset mapped(Dataset d, java.util.function.BiFunction<Integer, Float, Float> f) {
        float[] v = FloatMatrix.toArray(d.features());
        int cols = d.columns();
        for (int i = 0; i < v.length; i++) {
            v[i] = f.apply(i % cols, v[i]);
        }
        return d.withFeatures(FloatMatrix.of(v, d.rows(), cols));
    }

    @Test
    void sampleTrainAgainstSampleTestShowsNoShift() {
        Comparison c = compare(train, test);
        assertFalse(c.classes().flagged(), "class p " + c.classes().pValue());
        assertEquals(0, c.drift().flaggedCount());
        assertFalse(c.mixing().flagged(), "mixing " + c.mixing().score() + " p " + c.mixing().pValue());
        assertEquals(0, c.leakage().exactCount());
        assertTrue(Verdict.of(c).startsWith("No shift found"), Verdict.of(c));
    }

    @Test
    void randomResplitIsNoShift() {
        Dataset all = Dataset.concat("all", List.of(train, test));
        int[] idx = new int[all.rows()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Random r = new Random(11);
        for (int i = idx.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        Dataset a = all.subset(Arrays.copyOfRange(idx, 0, 2000)).named("train");
        Dataset b = all.subset(Arrays.copyOfRange(idx, 2000, 2500)).named("test");
        Comparison c = compare(a, b);
        assertFalse(c.classes().flagged());
        assertEquals(0, c.drift().flaggedCount());
        assertFalse(c.mixing().flagged());
    }

    @Test
    void brightenedTestImagesDrift() {
        Comparison c = compare(train, mapped(test, (j, v) -> Math.min(1f, v * 1.2f)));
        assertTrue(c.drift().flaggedCount() > 50, "drifting features " + c.drift().flaggedCount());
        assertTrue(c.mixing().flagged(), "mixing " + c.mixing().score());
        assertTrue(Verdict.of(c).contains("features drift"), Verdict.of(c));
    }

    @Test
    void removedClassIsNamed() {
        int removed = 3; // Dress
        int[] keep = java.util.stream.IntStream.range(0,
                test.rows()).filter(i -> test.labels()[i] != removed).toArray();
        Comparison c = compare(train, test.subset(keep));
        assertTrue(c.classes().flagged());
        assertEquals(List.of("Dress"), c.classes().onlyInTrain());
        assertTrue(c.classes().pValue() < 1e-6);
        assertTrue(Verdict.of(c).contains("only in train: Dress"), Verdict.of(c));
    }

    @Test
    void zeroedBlockShowsWhereItIs() {
        // rows 8..15 and columns 8..15 of every test image set to 0
        Dataset blocked = mapped(test, (j, v) -> (j / 28 >= 8 && j / 28 < 16 && j % 28 >= 8 && j % 28 < 16) ? 0f : v);
        Comparison c = compare(train, blocked);
        int flagged = c.drift().flaggedCount();
        assertTrue(flagged >= 40, "flagged " + flagged);
        int[] rank = c.drift().ranking();
        for (int r = 0; r < 40; r++) {
            int j = rank[r];
            assertTrue(j / 28 >= 8 && j / 28 < 16 && j % 28 >= 8 && j % 28 < 16, "top drifting pixel " + j
                    + " lies outside the block");
        }
        for (int j = 0; j < 784; j++) {
            boolean inBlock = j / 28 >= 8 && j / 28 < 16 && j % 28 >= 8 && j % 28 < 16;
            if (!inBlock) {
                assertFalse(c.drift().flagged(j), "pixel " + j + " outside the block flagged");
            }
        }
    }

    @Test
    void copiedTrainingRowsAreLeakage() {
        int[] copied = new int[200];
        for (int i = 0; i < 200; i++) {
            copied[i] = i * 9;
        }
        Dataset leaky = Dataset.concat("test", List.of(test, train.subset(copied)));
        Comparison c = compare(train, leaky);
        assertTrue(c.leakage().exactCount() >= 200, "exact " + c.leakage().exactCount());
        List<Integer> trainRows = new ArrayList<>();
        for (int[] pair : c.leakage().exactPairs()) {
            if (pair[1] >= 500) {
                trainRows.add(pair[0]);
                assertEquals(copied[pair[1] - 500], pair[0]);
            }
        }
        assertEquals(200, trainRows.size());
        assertTrue(Verdict.of(c).contains("exact copies"), Verdict.of(c));
    }

    @Test
    void statisticsByHand() {
        // KS: samples {1,2,3} and {2,3,4}: F jumps; max gap 1/3
        assertEquals(1.0 / 3, FeatureDrift.ksStatistic(new float[] {1, 2, 3}, 3, new float[] {2, 3, 4}, 3), 1e-12);
        assertEquals(1.0, FeatureDrift.ksStatistic(new float[] {1, 1}, 2, new float[] {2, 2}, 2), 1e-12);
        // asymptotic KS p-value against a known value: D = 0.05 with n = m = 1000 → p ≈ 0.1641
        assertEquals(0.164, FeatureDrift.ksPValue(0.05, 1000, 1000), 0.01);
        double[] q = FeatureDrift.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.5});
        // sorted 0.01, 0.03, 0.04, 0.5 → raw 0.04, 0.06, 0.0533, 0.5 → monotone from the top
        assertArrayEquals(new double[] {0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5}, q);
        // identical samples: PSI 0 and no mean shift
        float[] s = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(0, FeatureDrift.psi(s, s.length, s, s.length), 1e-12);
        assertEquals(0, FeatureDrift.meanShift(s, s.length, s, s.length), 1e-12);
        // a feature constant in training that moves: not one shared bin (PSI 0) but the training bin emptied and
        // the bin above the training maximum filled, 2 × (1 − 1e-4) × ln(1e4) by hand; same test values: 0
        float[] five = {5, 5, 5, 5};
        float[] seven = {7, 7, 7};
        assertEquals(2 * (1 - 1e-4) * Math.log(1e4), FeatureDrift.psi(five, 4, seven, 3), 1e-9);
        assertEquals(0, FeatureDrift.psi(five, 4, five, 4), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, FeatureDrift.meanShift(five, 4, seven, 3));
        // chi-square homogeneity by hand: [10, 20] vs [20, 10] → expected 15 each → chi2 = 4 × 25/15
        ClassShift cs = ClassShift.of(List.of("a", "b"), new long[] {10, 20}, new long[] {20, 10});
        assertEquals(100.0 / 15, cs.chiSquare(), 1e-9);
        assertEquals(1, cs.dof());
    }

    static void assertArrayEquals(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12, "index " + i);
        }
    }

    @Test
    void fullFashionMnistTrainAgainstTestShowsNoShift() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR),
                "needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
        Splits s = DataLoader.load("fashion-mnist", LoadOptions.defaults());
        Comparison c = compare(scaled(s.train()), scaled(s.test()));
        assertFalse(c.classes().flagged());
        assertEquals(0, c.drift().flaggedCount(), "largest D " + c.drift().ks()[c.drift().ranking()[0]]);
        assertFalse(c.mixing().flagged(), "mixing " + c.mixing().score() + " p " + c.mixing().pValue());
    }
}
