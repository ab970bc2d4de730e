package dev.embedscope.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.SourceType;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.StatsOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The default scaler follows the data: pixel tables are divided by their common maximum, other tables standardised. */
class ScalerChoiceTest {

    private static Dataset asTable(Dataset images) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < images.columns(); j++) {
            names.add("px" + j);
        }
        return new Dataset("pixels.csv", images.features(), images.labels(), images.classNames(), names, null,
                SourceType.FLOAT64);
    }

    private static ScalerChoice choose(Dataset d) {
        return ScalerChoice.of(d, FeatureStatsCalculator.compute(d.features(), StatsOptions.defaults()));
    }

    @Test
    void flattenedPixelsAreDividedByTheirMaximum() throws IOException {
        Dataset images = DataLoader.load(DataLoader.SAMPLE, LoadOptions.defaults()).train().head(500);
        Dataset table = asTable(images);
        ScalerChoice c = choose(table);
        assertEquals("divide:255", c.spec());
        assertTrue(c.reason().startsWith("all 784 columns hold whole numbers from 0 to at most 255"), c.reason());
        Scaling chosen = Scaling.fitOn(table, null);
        assertArrayEquals(FloatMatrix.toArray(Scaling.fitOn(table, "divide:255").apply(table).features()),
                FloatMatrix.toArray(chosen.apply(table).features()));
        assertEquals("divide:255", Scaling.fitOn(images, null).choice().spec());
    }

    @Test
    void tablesOfOtherUnitsAreStandardised() {
        Random r = new Random(3);
        int n = 200;
        int d = 20;
        float[] counts = new float[n * d];
        float[] mixed = new float[n * d];
        for (int i = 0; i < n * d; i++) {
            int j = i % d;
            counts[i] = r.nextInt(j < 2 ? 100_000 : 50); // two columns in another unit
            mixed[i] = (float) r.nextGaussian();
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("c" + j);
        }
        Dataset wide = new Dataset("t", FloatMatrix.of(counts, n, d), null, null, names, null, SourceType.INT64);
        Dataset real = new Dataset("t", FloatMatrix.of(mixed, n, d), null, null, names, null, SourceType.FLOAT64);
        assertEquals("standard", choose(wide).spec());
        assertEquals("standard", choose(real).spec());
        Dataset narrow = new Dataset("t", FloatMatrix.of(java.util.Arrays.copyOf(counts, n * 4), n, 4), null, null,
                names.subList(0, 4), null, SourceType.INT64);
        assertEquals("standard", choose(narrow).spec());
    }
}
