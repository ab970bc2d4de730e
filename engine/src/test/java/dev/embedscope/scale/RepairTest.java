package dev.embedscope.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.CsvOptions;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.LoadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing-value repair fitted on the training split, against hand-computed medians, means and modes. */
class RepairTest {

    @TempDir
    Path dir;

    private Dataset table(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return DataLoader.loadFile(p, LoadOptions.defaults().withCsv(new CsvOptions("y", List.of(), (char) 0)));
    }

    private static final String TRAIN = "a,b,y\n1,3,p\n0,3,q\n2,6,p\n9,,q\n0,,p\n";

    @Test
    void zerosBecomeMissingAndAreImputedWithTheTrainingMedianMeanOrMode() throws IOException {
        Dataset train = table("train.csv", TRAIN);
        // a without its zeros: 1, 2, 9 (median 2, mean 4); b: 3, 3, 6 (median 3, mean 4, mode 3)
        Repair median = Repair.fit(train, List.of("a"), Repair.Impute.MEDIAN);
        assertArrayEquals(new float[] {2f, 3f}, median.fill());
        Repair.Repaired r = median.apply(train);
        assertArrayEquals(new float[] {1, 3, 2, 3, 2, 6, 9, 3, 2, 3}, FloatMatrix.toArray(r.data().features()));
        assertEquals(List.of("'a': 2 zeros read as missing, 2 missing values imputed with the median 2",
                "'b': 2 missing values imputed with the median 3"), r.report().lines());
        Repair mean = Repair.fit(train, List.of("a"), Repair.Impute.MEAN);
        assertArrayEquals(new float[] {4f, 4f}, mean.fill());
        Repair mode = Repair.fit(train, List.of(), Repair.Impute.MOST_FREQUENT);
        assertArrayEquals(new float[] {0f, 3f}, mode.fill());
    }

    @Test
    void theTestSplitGetsTheTrainingSplitsValues() throws IOException {
        Dataset train = table("train.csv", TRAIN);
        Dataset test = table("test.csv", "a,b,y\n0,100,p\n50,,q\n");
        Repair.Repaired r = Repair.fit(train, List.of("a"), Repair.Impute.MEDIAN).apply(test);
        assertArrayEquals(new float[] {2, 100, 50, 3}, FloatMatrix.toArray(r.data().features()));
    }

    @Test
    void dropRowsKeepsTheLabelsOfTheRowsKept() throws IOException {
        Dataset train = table("train.csv", TRAIN);
        Repair.Repaired r = Repair.fit(train, List.of("a"), Repair.Impute.DROP_ROWS).apply(train);
        assertEquals(3, r.report().rowsDropped());
        assertArrayEquals(new float[] {1, 3, 2, 6}, FloatMatrix.toArray(r.data().features()));
        assertArrayEquals(new int[] {0, 0}, r.data().labels());
    }

    @Test
    void autoFindsTheZerosThatStandForMissingValues() throws IOException {
        StringBuilder b = new StringBuilder("glucose,pregnancies,y\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 300; i++) {
            int g = i % 20 == 0 ? 0 : 80 + random.nextInt(100);
            b.append(g).append(',').append(random.nextInt(8)).append(",c").append(i % 2).append('\n');
        }
        Dataset d = table("pima.csv", b.toString());
        Repair r = Repair.fit(d, List.of("auto"), Repair.Impute.MEDIAN);
        assertEquals(List.of("glucose"), r.zerosAsMissing());
        Repair.Repaired out = r.apply(d);
        float[] v = FloatMatrix.toArray(out.data().features());
        for (int i = 0; i < 300; i++) {
            assertTrue(v[2 * i] >= 80, "row " + i);
        }
        assertTrue(out.report().lines().get(0).startsWith("'glucose': 15 zeros read as missing, 15 missing values"));
    }

    @Test
    void aScalerSavesTheRepairAndTheEncodingAndReadsThemBack() throws IOException {
        Dataset train = table("train.csv", "a,c,y\n0,u,p\n0,v,q\n,u,p\n0,v,q\n");
        Repair repair = Repair.fit(train, List.of("a"), Repair.Impute.MEDIAN);
        assertTrue(Float.isNaN(repair.fill()[0]), "a has no value left once its zeros are missing");
        Scaler scaler = Scaler.fit(ScalerSpec.parse("standard"), dev.embedscope.stats.FeatureStatsCalculator.compute(
                train.features(), dev.embedscope.stats.StatsOptions.defaults()), train)
                .withSteps(train.tabular().encoder(), repair, null);
        Path file = dir.resolve("s.json");
        try (var out = Files.newOutputStream(file)) {
            ScalerJson.write(scaler, out);
        }
        Scaler back = ScalerJson.read(file).scaler();
        assertEquals(scaler.encoding(), back.encoding());
        assertEquals(repair.zerosAsMissing(), back.repair().zerosAsMissing());
        assertEquals(repair.impute(), back.repair().impute());
        assertArrayEquals(repair.fill(), back.repair().fill());
    }
}
