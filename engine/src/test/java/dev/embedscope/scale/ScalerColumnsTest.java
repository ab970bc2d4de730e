package dev.embedscope.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.ImageShape;
import dev.embedscope.data.SourceType;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.StatsOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved scaler applied to a table whose columns come in another order gives what the fitted order gives. */
class ScalerColumnsTest {

    @TempDir
    Path dir;

    private static Dataset table(List<String> names, float[] values) {
        return new Dataset("t", FloatMatrix.of(values, values.length / names.size(), names.size()), null, null, names,
                null, SourceType.FLOAT32);
    }

    private static final float[] ABC = {1, 100, -5, 2, 300, -7, 4, 200, -6, 8, 500, -9};
    /** The same rows with the columns in the order c, a, b. */
    private static final float[] CAB = {-5, 1, 100, -7, 2, 300, -6, 4, 200, -9, 8, 500};

    private static Scaler fitted() {
        Dataset train = table(List.of("a", "b", "c"), ABC);
        return Scaler.fit(ScalerSpec.parse("standard"), FeatureStatsCalculator.compute(train.features(),
                StatsOptions.defaults()), train);
    }

    private Scaler saved(Scaler s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScalerJson.write(s, bytes);
        Path p = dir.resolve("s.json");
        Files.write(p, bytes.toByteArray());
        ScalerJson.Saved back = ScalerJson.read(p);
        assertTrue(back.recordsColumns());
        return back.scaler();
    }

    @Test
    void reorderedColumnsAreMatchedByName() throws IOException {
        Scaler s = saved(fitted());
        assertEquals(List.of("a", "b", "c"), s.featureNames());
        Dataset reordered = table(List.of("c", "a", "b"), CAB);
        ScalerColumns.Match m = ScalerColumns.match(s, true, reordered);
        assertEquals(ScalerColumns.How.REORDERED, m.how());
        float[] expected = FloatMatrix.toArray(s.apply(table(List.of("a", "b", "c"), ABC).features()));
        float[] got = FloatMatrix.toArray(m.scaler().apply(reordered.features()));
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(new float[] {expected[3 * i + 2], expected[3 * i], expected[3 * i + 1]},
                    java.util.Arrays.copyOfRange(got, 3 * i, 3 * i + 3), 1e-6f, "row " + i);
        }
    }

    @Test
    void otherNamesAreRefusedByName() {
        ColumnMismatchException e = assertThrows(ColumnMismatchException.class, () -> ScalerColumns.match(fitted(),
                true, table(List.of("a", "x", "c"), ABC)));
        assertEquals(List.of("b"), e.missingFromData());
        assertEquals(List.of("x"), e.unknownToScaler());
    }

    @Test
    void unnamedOrLegacyScalersApplyByPositionAndSaySo() {
        Scaler s = fitted();
        assertEquals(ScalerColumns.How.BY_POSITION_SCALER_UNNAMED, ScalerColumns.match(s.withColumns(null, null), false,
                table(List.of("a", "b", "c"), ABC)).how());
        assertEquals(ScalerColumns.How.BY_POSITION_SCALER_UNNAMED, ScalerColumns.match(s, false,
                table(List.of("a", "b", "c"), ABC)).how());
        Dataset npy = new Dataset("n", FloatMatrix.of(ABC, 4, 3), null, null, null, null, SourceType.FLOAT32);
        assertEquals(ScalerColumns.How.BY_POSITION_DATA_UNNAMED, ScalerColumns.match(s, true, npy).how());
        assertEquals(ScalerColumns.How.SAME, ScalerColumns.match(s.withColumns(null, null), true, npy).how());
        // a scaler that scales every column alike cannot be misapplied by order
        assertEquals(ScalerColumns.How.SAME, ScalerColumns.match(Scaler.divide(3, 255), false,
                table(List.of("c", "a", "b"), CAB)).how());
    }

    @Test
    void imageShapesMustAgree() {
        Dataset img = new Dataset("i", FloatMatrix.of(new float[8], 1, 8), null, null, null, new ImageShape(2, 4, 1),
                SourceType.UINT8);
        Dataset other = new Dataset("j", FloatMatrix.of(new float[8], 1, 8), null, null, null, new ImageShape(4, 2, 1),
                SourceType.UINT8);
        Scaler s = Scaler.fit(ScalerSpec.parse("standard"), FeatureStatsCalculator.compute(img.features(),
                StatsOptions.defaults()), img);
        assertEquals(ScalerColumns.How.SAME, ScalerColumns.match(s, true, img).how());
        ColumnMismatchException e = assertThrows(ColumnMismatchException.class, () -> ScalerColumns.match(s, true,
                other));
        assertEquals("the scaler was fitted on images of 2×4, the data has images of 4×2", e.getMessage());
    }
}
