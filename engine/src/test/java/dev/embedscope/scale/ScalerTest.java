package dev.embedscope.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.DataFormatException;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.StatsOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ScalerTest {

    @TempDir
    Path dir;

    // column 0: 1..4, column 1 constant 7, column 2 with NaN
    static final float[] TRAIN = {1, 7, 10, 2, 7, Float.NaN, 3, 7, 30, 4, 7, 40};
    static final float[] TEST = {100, 7, 0, -100, 8, 20};

    static FeatureStats stats(float[] v, int rows) {
        return FeatureStatsCalculator.compute(FloatMatrix.of(v, rows, 3), StatsOptions.defaults());
    }

    @Test
    void standardUsesTrainStatisticsOnly() {
        Scaler s = Scaler.fit(ScalerSpec.parse("standard"), stats(TRAIN, 4), "train");
        float[] out = FloatMatrix.toArray(s.apply(FloatMatrix.of(TEST, 2, 3)));
        double mean0 = 2.5;
        double sd0 = Math.sqrt(1.25);
        assertEquals((100 - mean0) / sd0, out[0], 1e-4);
        assertEquals((-100 - mean0) / sd0, out[3], 1e-4);
        assertEquals(0f, out[1]); // constant feature: scale 1, centred
        assertEquals(1f, out[4]);
        double mean2 = 80.0 / 3;
        double sd2 = Math.sqrt(((10 - mean2) * (10 - mean2) + (30 - mean2) * (30 - mean2)
                + (40 - mean2) * (40 - mean2)) / 3);
        assertEquals((0 - mean2) / sd2, out[2], 1e-4);
        // the test split's own statistics would give mean 0 for column 0; the scaler must not have used them
        assertEquals(2.5f, s.center()[0]);
        float[] train = FloatMatrix.toArray(s.apply(FloatMatrix.of(TRAIN, 4, 3)));
        assertTrue(Float.isNaN(train[5])); // missing stays missing
        for (int i = 0; i < train.length; i++) {
            assertTrue(i == 5 || Float.isFinite(train[i]), "value " + i);
        }
    }

    @Test
    void minMaxRobustAndDivide() {
        FeatureStats st = stats(TRAIN, 4);
        float[] mm = FloatMatrix.toArray(Scaler.fit(ScalerSpec.parse("minmax:-1,1"), st,
                "train").apply(FloatMatrix.of(TRAIN, 4, 3)));
        assertEquals(-1f, mm[0], 1e-6);
        assertEquals(1f, mm[9], 1e-6);
        assertEquals(-1f, mm[1], 1e-6); // constant maps to the low end, never NaN
        Scaler robust = Scaler.fit(ScalerSpec.parse("robust"), st, "train");
        assertEquals(2f, robust.center()[0]); // inclusive median of 1,2,3,4
        assertEquals(2f, robust.scale()[0]); // q75 3 − q25 1... inclusive quantiles: 3 − 1
        float[] div = FloatMatrix.toArray(Scaler.fit(ScalerSpec.parse("divide:255"), st,
                "train").apply(FloatMatrix.of(TEST, 2, 3)));
        assertEquals(100f / 255, div[0], 1e-7);
    }

    @Test
    void jsonRoundTripAndValidation() throws IOException {
        Scaler s = Scaler.fit(ScalerSpec.parse("standard"), stats(TRAIN, 4), "train");
        Path p = dir.resolve("scaler.json");
        try (OutputStream out = Files.newOutputStream(p)) {
            ScalerJson.write(s, out);
        }
        Scaler back = ScalerJson.read(p).scaler();
        assertEquals(s.method(), back.method());
        assertArrayEquals(s.center(), back.center());
        assertArrayEquals(s.scale(), back.scale());
        INDArray x = FloatMatrix.of(TEST, 2, 3);
        assertArrayEquals(FloatMatrix.toArray(s.apply(x)), FloatMatrix.toArray(back.apply(x)));
        Files.writeString(p, "{\"method\":\"STANDARD\",\"features\":2,\"center\":[0,0],\"scale\":[1,0],\"offset\":0}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ScalerJson.read(p));
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("non-zero scale"), e.getMessage());
        Files.writeString(p, "{\"method\": ");
        assertEquals(p + ": line 1, column 12: not JSON (the file ends in the middle of a value: truncated?); fit it "
                + "again with 'embedscope scale fit'", assertThrows(DataFormatException.class,
                        () -> ScalerJson.read(p)).getMessage());
        Files.writeString(p, "{\"method\":\"STANDARD\",\"features\":2,\"center\":[0,\"x\"],\"scale\":[1,1]}");
        assertEquals(p + ": field 'center'[1]: not a valid scaler ('x' is not a number); fit it again with "
                + "'embedscope scale fit'", assertThrows(DataFormatException.class, () -> ScalerJson.read(p))
                .getMessage());
        Files.writeString(p, "{\"method\":\"ZSCORE\",\"features\":1,\"center\":[0],\"scale\":[1]}");
        String badMethod = assertThrows(DataFormatException.class, () -> ScalerJson.read(p)).getMessage();
        assertEquals(p + ": field 'method': not a valid scaler ('ZSCORE' is not one of [standard, minmax, robust, "
                + "divide, channels]); fit it again with 'embedscope scale fit'", badMethod);
        Files.writeString(p, "[1, 2]");
        assertEquals(p + ": content: not a scaler (expected the fields 'method', 'features', 'center' and 'scale'); "
                + "fit it again with 'embedscope scale fit'", assertThrows(DataFormatException.class,
                        () -> ScalerJson.read(p)).getMessage());
        IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                () -> s.apply(FloatMatrix.of(new float[4], 2, 2)));
        assertEquals("the scaler was fitted on 3 features, the data has 2", wrongWidth.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScalerSpec.parse("zscore"));
    }
}
