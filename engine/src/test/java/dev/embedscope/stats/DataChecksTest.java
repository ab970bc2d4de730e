package dev.embedscope.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.SourceType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DataChecksTest {

    static List<Finding> check(Dataset d) {
        FeatureStats s = FeatureStatsCalculator.compute(d.features(), StatsOptions.defaults());
        return DataChecks.run(d, s, DuplicateRows.groups(d.features()));
    }

    static Finding find(List<Finding> fs, Finding.Check c) {
        return fs.stream().filter(f -> f.check() == c).findFirst().orElse(null);
    }

    /** A Pima-like table: blood pressure and BMI with zeros for missing; pregnancies and a count with natural zeros. */
    static Dataset clinical(int n, long seed, SourceType type) {
        Random r = new Random(seed);
        String[] names = {"blood_pressure", "bmi", "pregnancies", "children", "income", "ratio"};
        float[] v = new float[n * names.length];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i * names.length;
            v[k] = r.nextInt(20) == 0 ? 0 : Math.round(72 + 12 * r.nextGaussian());
            v[k + 1] = r.nextInt(50) == 0 ? 0 : Math.round((32 + 7 * (float) r.nextGaussian()) * 10) / 10f;
            v[k + 2] = (float) Math.min(17, Math.floor(-Math.log(1 - r.nextDouble()) * 3.5));
            v[k + 3] = r.nextInt(5);
            v[k + 4] = (float) (40000 + 15000 * r.nextGaussian());
            v[k + 5] = (float) r.nextDouble();
            labels[i] = i % 10 == 0 ? 1 : 0;
        }
        return new Dataset("clinical", FloatMatrix.of(v, n, names.length), labels, List.of("healthy", "ill"),
                List.of(names), null, type);
    }

    @Test
    void zerosStandingForMissingAreToldApartFromNaturalZeros() {
        List<Finding> fs = check(clinical(2000, 1, SourceType.TEXT));
        Finding z = find(fs, Finding.Check.ZEROS_AS_MISSING);
        assertEquals(List.of("blood_pressure", "bmi"), z.features());
        assertTrue(z.summary().contains("blood_pressure: "), z.summary());
    }

    @Test
    void rangeDisparityImbalanceAndNoFalseAlarms() {
        List<Finding> fs = check(clinical(2000, 2, SourceType.TEXT));
        Finding range = find(fs, Finding.Check.RANGE_DISPARITY);
        assertEquals(List.of("income", "ratio"), range.features());
        Finding imb = find(fs, Finding.Check.CLASS_IMBALANCE);
        assertEquals(Finding.Severity.WARNING, imb.severity());
        assertTrue(imb.summary().startsWith("classes are imbalanced 9.0:1"), imb.summary());
        assertEquals(null, find(fs, Finding.Check.MISSING_VALUES));
        assertEquals(null, find(fs, Finding.Check.CONSTANT_FEATURES));
        assertEquals(null, find(fs, Finding.Check.INTEGER_AS_FLOAT)); // text source: no storage hint
        assertEquals(null, find(fs, Finding.Check.DUPLICATE_ROWS));
    }

    @Test
    void imbalanceIsReportedOnlyBeyondSamplingNoise() {
        // the embedded sample's 500 test images: 39 to 65 per class is what random sampling of equal classes gives
        long[] noisy = {55, 52, 65, 46, 57, 39, 47, 47, 44, 48};
        assertTrue(DataChecks.uniformityPValue(noisy) > 0.01);
        assertEquals(1.0, DataChecks.uniformityPValue(new long[] {100, 100, 100, 0}), 1e-12);
        // hand-computed: counts 60, 40 → chi2 = (10² + 10²) / 50 = 4 with 1 dof → p = 0.0455
        assertEquals(0.0455, DataChecks.uniformityPValue(new long[] {60, 40}), 1e-4);
        int[] labels = new int[500];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 300 ? 0 : 1; // 300:200 → 1.5:1, p ≈ 8e-6
        }
        Dataset d = new Dataset("t", FloatMatrix.of(new float[500], 500, 1), labels, List.of("a", "b"), null, null,
                SourceType.FLOAT32);
        Finding f = find(DataChecks.run(d, FeatureStatsCalculator.compute(d.features(),
                StatsOptions.defaults()), List.of()),
                Finding.Check.CLASS_IMBALANCE);
        assertEquals(Finding.Severity.INFO, f.severity());
    }

    @Test
    void integersStoredAsFloats() {
        List<Finding> fs = check(clinical(500, 3, SourceType.FLOAT64));
        Finding f = find(fs, Finding.Check.INTEGER_AS_FLOAT);
        assertEquals(List.of("blood_pressure", "pregnancies", "children"), f.features());
    }

    @Test
    void aConstantImageBorderIsInformationNotADefect() {
        // 3×3 images: the border is 0 in all four, the centre pixel varies
        float[] v = new float[4 * 9];
        for (int i = 0; i < 4; i++) {
            v[i * 9 + 4] = 10 * (i + 1);
        }
        Dataset d = new Dataset("img", FloatMatrix.of(v, 4, 9), new int[] {0, 1, 0, 1}, List.of("a", "b"), null,
                new dev.embedscope.data.ImageShape(3, 3, 1), SourceType.UINT8);
        Finding f = find(check(d), Finding.Check.CONSTANT_FEATURES);
        assertEquals(Finding.Severity.INFO, f.severity());
        assertEquals(8, f.features().size());
        assertTrue(!f.advice().contains("dropped") && f.advice().contains("Part of what the images look like"),
                f.advice());
    }

    @Test
    void missingConstantAndConflictingDuplicates() {
        float nan = Float.NaN;
        float[] v = {
            1, 5, nan, 9,
            2, 5, 3, 9,
            1, 5, nan, 9,   // copy of row 0, label differs
            4, 5, 6, 9,
            4, 5, 6, 9,     // copy of row 3, same label
            7, 5, 8, Float.POSITIVE_INFINITY,
        };
        Dataset d = new Dataset("t", FloatMatrix.of(v, 6, 4), new int[] {0, 1, 1, 0, 0, 1}, List.of("a", "b"),
                List.of("w", "c", "m", "x"), null, SourceType.FLOAT32);
        List<Finding> fs = check(d);
        Finding missing = find(fs, Finding.Check.MISSING_VALUES);
        assertEquals(List.of("m"), missing.features());
        assertTrue(missing.summary().contains("m 2 (33.3%)"), missing.summary());
        assertEquals(List.of("c"), find(fs, Finding.Check.CONSTANT_FEATURES).features());
        assertEquals(List.of("x"), find(fs, Finding.Check.INFINITE_VALUES).features());
        Finding dup = find(fs, Finding.Check.DUPLICATE_ROWS);
        assertTrue(dup.summary().startsWith("2 group(s) of identical rows (2 extra copies"), dup.summary());
        Finding conflict = find(fs, Finding.Check.CONFLICTING_DUPLICATES);
        assertEquals(Finding.Severity.ERROR, conflict.severity());
        assertEquals(List.of(0L, 2L), conflict.rows());
        assertTrue(conflict.summary().contains("rows 0 (a) 2 (b)"), conflict.summary());
    }

    @Test
    void duplicateGroupsMatchBruteForce() {
        Random r = new Random(5);
        int n = 300;
        int d = 3;
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(3);
        }
        List<int[]> groups = DuplicateRows.groups(FloatMatrix.of(v, n, d));
        int inGroups = groups.stream().mapToInt(g -> g.length).sum();
        int brute = 0;
        for (int i = 0; i < n; i++) {
            boolean dup = false;
            for (int k = 0; k < n && !dup; k++) {
                dup = k != i && v[i * d] == v[k * d] && v[i * d + 1] == v[k * d + 1] && v[i * d + 2] == v[k * d + 2];
            }
            brute += dup ? 1 : 0;
        }
        assertEquals(brute, inGroups);
        assertEquals(27, groups.size());
        for (int[] g : groups) {
            for (int k = 1; k < g.length; k++) {
                assertFalse(g[k] == g[0]);
                for (int j = 0; j < d; j++) {
                    assertEquals(v[g[0] * d + j], v[g[k] * d + j]);
                }
            }
        }
    }
}
