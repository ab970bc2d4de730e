package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.ByteSource;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.NpyReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables as they come, on the command line: the Pima workflow inside the tool, a saved repair and encoding. */
class TablesCommandTest {

    @TempDir
    Path dir;

    /** A Pima-like table: glucose and bmi use 0 for missing, a category with a level, a label. */
    private Path pima(String name, int rows, long seed, String extraLevel) throws IOException {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("pregnancies,glucose,bmi,clinic,diabetes\n");
        String[] clinics = {"north", "south", "east"};
        for (int i = 0; i < rows; i++) {
            boolean d = r.nextDouble() < 0.35;
            int glucose = i % 17 == 3 ? 0 : (int) Math.round((d ? 140 : 110) + 20 * r.nextGaussian());
            String bmi = i % 23 == 5 ? "0" : String.format(java.util.Locale.ROOT, "%.1f", (d ? 34 : 30)
                    + 5 * r.nextGaussian());
            String clinic = extraLevel != null && i == 0 ? extraLevel : clinics[r.nextInt(3)];
            b.append(r.nextInt(10)).append(',').append(glucose).append(',').append(bmi).append(',').append(clinic)
                    .append(',').append(d ? "yes" : "no").append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b.toString());
        return p;
    }

    @Test
    void thePimaWorkflowRunsToAnEmbeddingInOneCommand() throws IOException {
        Path data = pima("pima.csv", 200, 1, null);
        Path out = dir.resolve("e.npy");
        CliRun r = CliRun.of("embed", data.toString(), "--label-column", "diabetes", "--zeros-as-missing", "auto",
                "--perplexity", "10", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("embedscope: zeros as missing in glucose, bmi; missing values imputed with the "
                + "median of pima (the default; choose with --impute)"), r.err());
        assertTrue(r.err().contains("pima: 'glucose': 12 zeros read as missing, 12 missing values imputed with the "
                + "median"), r.err());
        float[] e = FloatMatrix.toArray(NpyReader.readFeatures(ByteSource.of(out)).matrix());
        assertEquals(400, e.length);
        for (float v : e) {
            assertTrue(Float.isFinite(v));
        }
        // without a repair the missing values are reported by inspect, not changed
        Path json = dir.resolve("i.json");
        CliRun inspect = CliRun.of("inspect", data.toString(), "--label-column", "diabetes", "--json", json.toString());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).get("splits").get(0);
        assertEquals("category", tree.get("columns").get(3).get("type").asText());
        assertEquals("clinic", tree.get("columns").get(3).get("name").asText());
        assertEquals(6, tree.get("skewness").size()); // one per feature: three numbers, three one-hot levels
        assertEquals("(row number)", tree.get("predictivePower").get("rowOrder").get("feature").asText());
        assertEquals(0, inspect.code(), inspect.err());
        assertFalse(inspect.err().contains("imputed"));
        assertTrue(inspect.out().contains("use 0 where a value is probably missing"), inspect.out());
        assertTrue(inspect.out().contains("clinic             category"), inspect.out());
    }

    @Test
    void aSavedScalerCarriesTheRepairAndTheEncodingToAnotherFile() throws IOException {
        Path train = pima("train.csv", 200, 2, null);
        Path test = pima("test.csv", 40, 3, "west");
        Path scaler = dir.resolve("s.json");
        CliRun fit = CliRun.of("scale", "fit", train.toString(), "--label-column", "diabetes", "--zeros-as-missing",
                "glucose,bmi", "--impute", "median", "--method", "standard", "--out", scaler.toString());
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("with the encoding of its 4 columns; zeros as missing in glucose, bmi; "
                + "missing values imputed with the median of train"), fit.out());
        Path out = dir.resolve("o.csv");
        CliRun apply = CliRun.of("scale", "apply", test.toString(), "--label-column", "diabetes", "--scaler",
                scaler.toString(), "--out", out.toString());
        assertEquals(0, apply.code(), apply.err());
        assertTrue(apply.err().contains("'clinic': 1 cells have levels the training split does not have ('west'): "
                + "encoded as all zeros"), apply.err());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        // one-hot levels by frequency in the training split
        assertEquals(List.of("pregnancies", "glucose", "bmi", "clinic=east", "clinic=north", "clinic=south", "label"),
                java.util.Arrays.stream(lines.get(0).split(",")).sorted(
                        java.util.Comparator.comparing(n -> n.startsWith("clinic") ? "c" + n : n.equals("label")
                                ? "z" : "a" + List.of("pregnancies", "glucose", "bmi").indexOf(n))).toList());
        // every glucose zero of the test file became the same value: the training median, scaled
        String imputed = null;
        List<String> testLines = Files.readAllLines(test);
        for (int i = 1; i < testLines.size(); i++) {
            String[] raw = testLines.get(i).split(",");
            String[] scaled = lines.get(i).split(",");
            assertFalse(scaled[1].equals("NaN") || scaled[2].equals("NaN"), lines.get(i));
            if (raw[1].equals("0")) {
                imputed = imputed == null ? scaled[1] : imputed;
                assertEquals(imputed, scaled[1]);
            }
            // one-hot columns are not scaled
            for (int j = 3; j < 6; j++) {
                assertTrue(scaled[j].equals("0") || scaled[j].equals("1"), lines.get(i));
            }
        }
        assertTrue(imputed != null);
        // embed through the saved scaler: the same repair, encoding and scaling, no default repair
        Path e = dir.resolve("e.npy");
        CliRun embed = CliRun.of("embed", test.toString(), "--label-column", "diabetes", "--scaler", scaler.toString(),
                "--perplexity", "5", "--out", e.toString());
        assertEquals(0, embed.code(), embed.err());
        assertTrue(embed.err().contains("embedscope: zeros as missing in glucose, bmi; missing values imputed with "
                + "the median of train"), embed.err());
        assertFalse(embed.err().contains("(the default"), embed.err());
        assertEquals(80, FloatMatrix.toArray(NpyReader.readFeatures(ByteSource.of(e)).matrix()).length);
    }

    @Test
    void inspectSuggestsAMappingAndEveryCommandAppliesIt() throws IOException {
        StringBuilder b = new StringBuilder("dept,x,y\n");
        String[] spellings = {"IT", "IT", "IT", "I.T.", "it", "Information Technology", "Sales", "Sales", "sales",
            "Legal", "Legal", "Legal"};
        for (int i = 0; i < 60; i++) {
            b.append(spellings[i % spellings.length]).append(',').append(i).append(',').append(i % 2).append('\n');
        }
        Path data = dir.resolve("d.csv");
        Files.writeString(data, b.toString());
        Path map = dir.resolve("map.json");
        CliRun inspect = CliRun.of("inspect", data.toString(), "--label-column", "y", "--suggest-mapping",
                map.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("'dept': 2 groups of values that probably mean one thing: 'IT' ×15 = "
                + "'I.T.' ×5 = 'it' ×5 = 'Information Technology' ×5"), inspect.out());
        assertEquals("embedscope: wrote 4 merges in 2 groups to " + map + "\n", inspect.err());
        String json = Files.readString(map);
        assertTrue(json.contains("\"Information Technology\" : \"IT\""), json);
        CliRun merged = CliRun.of("inspect", data.toString(), "--label-column", "y", "--mapping", map.toString());
        assertEquals(0, merged.code(), merged.err());
        assertTrue(merged.out().contains("dept               category         0         3  IT ×30, Sales ×15, "
                + "Legal ×15"),
                merged.out());
        Files.writeString(map, "{\"dept\": [1, 2]}");
        CliRun bad = CliRun.of("inspect", data.toString(), "--mapping", map.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("embedscope: " + map + ": line 1, column "), bad.err());
        assertTrue(bad.err().endsWith("not a mapping (expected {\"column\": {\"value\": \"merged into\"}})\n"),
                bad.err());
    }

    @Test
    void aSavedNormalisationMakesASkewedFeatureSymmetric() throws IOException {
        Random r = new Random(3);
        StringBuilder b = new StringBuilder("income,age,y\n");
        for (int i = 0; i < 400; i++) {
            b.append((int) Math.exp(8 + r.nextGaussian())).append(',').append(18 + r.nextInt(70)).append(',')
                    .append(i % 2).append('\n');
        }
        Path data = dir.resolve("skew.csv");
        Files.writeString(data, b.toString());
        CliRun inspect = CliRun.of("inspect", data.toString(), "--label-column", "y");
        assertTrue(inspect.out().contains("1 feature(s) are strongly skewed (|skewness| > 1): income"), inspect.out());
        Path scaler = dir.resolve("n.json");
        CliRun fit = CliRun.of("scale", "fit", data.toString(), "--label-column", "y", "--normalise",
                "income:yeo-johnson", "--method", "standard", "--out", scaler.toString());
        assertEquals(0, fit.code(), fit.err());
        Path out = dir.resolve("n.csv");
        CliRun apply = CliRun.of("scale", "apply", data.toString(), "--label-column", "y", "--scaler",
                scaler.toString(), "--out", out.toString());
        assertEquals(0, apply.code(), apply.err());
        assertTrue(apply.err().contains("Yeo-Johnson on income (λ "), apply.err());
        List<String> lines = Files.readAllLines(out);
        double[] income = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            income[i - 1] = Double.parseDouble(lines.get(i).split(",")[0]);
        }
        double mean = java.util.Arrays.stream(income).average().orElseThrow();
        double m2 = java.util.Arrays.stream(income).map(x -> (x - mean) * (x - mean)).average().orElseThrow();
        double m3 = java.util.Arrays.stream(income).map(x -> Math.pow(x - mean, 3)).average().orElseThrow();
        assertEquals(0, mean, 1e-3);
        assertEquals(1, m2, 1e-3);
        assertTrue(Math.abs(m3 / Math.pow(m2, 1.5)) < 0.1, "skewness " + m3 / Math.pow(m2, 1.5));
    }
}
