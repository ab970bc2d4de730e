package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.cli.render.Outputs;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embedscope.backend.BackendProvider;
import dev.embedscope.backend.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** devices, bench and embed --backend through the command line; OpenCL parts need a device (PoCL in CI). */
class BackendCommandsTest {

    @TempDir
    Path dir;

    static boolean openClPresent() {
        return Backends.providers().stream().anyMatch(p -> p.name().equals("opencl") && p.available());
    }

    @Test
    void devicesListsEveryBackendAndNd4j() {
        CliRun r = CliRun.of("devices");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("cpu: "), r.out());
        assertTrue(r.out().contains("opencl: "), "the gpu module is found through ServiceLoader: " + r.out());
        assertTrue(r.out().contains("nd4j: CpuBackend"), r.out());
    }

    @Test
    void unknownOrMissingBackendIsOneLine() {
        CliRun r = CliRun.of("embed", "sample", "--backend", "cuda", "--out", dir.resolve("e.npy").toString());
        assertEquals(1, r.code());
        assertEquals("embedscope: --backend cuda: no such backend on the class path (found: cpu, opencl, auto)\n",
                r.err());
        for (BackendProvider p : Backends.providers()) {
            if (p.name().equals("opencl") && !p.available()) {
                CliRun none = CliRun.of("embed", "sample", "--backend", "opencl", "--out",
                        dir.resolve("e.npy").toString());
                assertEquals(1, none.code());
                assertTrue(none.err().startsWith("embedscope: --backend opencl: "), none.err());
            }
        }
    }

    @Test
    void benchTimesEachBackendAndWritesTableAndChart() throws IOException {
        assumeTrue(openClPresent(), "needs an OpenCL device (apt-get install pocl-opencl-icd)");
        Path json = dir.resolve("bench.json");
        Path png = dir.resolve("bench.png");
        CliRun r = CliRun.of("bench", "--data", "sample", "--sizes", "400,800", "--iterations",
                "120", "--json", json.toString(),
                "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode rows = Outputs.JSON.readTree(json.toFile());
        assertEquals(4, rows.size());
        assertEquals("cpu", rows.get(0).get("backend").asText());
        assertEquals(1.0, rows.get(0).get("speedup").asDouble(), 1e-12);
        assertEquals("opencl", rows.get(1).get("backend").asText());
        assertEquals(800, rows.get(3).get("points").asInt());
        assertTrue(rows.get(1).get("iterationsPerSecond").asDouble() > 0);
        assertEquals("exact", rows.get(1).get("repulsion").asText());
        assertEquals("Barnes-Hut", rows.get(0).get("repulsion").asText());
        assertEquals(rows.get(2).get("total").asDouble() / rows.get(3).get("total").asDouble(),
                rows.get(3).get("speedup").asDouble(), 1e-9, "speed-up over the CPU at the same size");
        for (JsonNode row : rows) {
            assertTrue(row.get("knnAccuracy").asDouble() > 0.5, "the sample's classes separate: " + row);
        }
        assertTrue(Files.size(png) > 1000);
        CliRun capped = CliRun.of("bench", "--data", "sample", "--sizes", "2000", "--iterations", "1000",
                "--max-seconds", "0.001",
                "--json", dir.resolve("c.json").toString());
        assertEquals(0, capped.code(), capped.err());
        JsonNode cappedRows = Outputs.JSON.readTree(dir.resolve("c.json").toFile());
        assertEquals(1, cappedRows.size(), "only the CPU, which gives no estimate, runs");
        assertEquals("cpu", cappedRows.get(0).get("backend").asText());
        assertTrue(capped.err().contains("skipping opencl at 2000 points: the estimate is over --max-seconds 0.001"),
                capped.err());
        CliRun typo = CliRun.of("bench", "--data", "sample", "--backends", "cpu,opencll", "--json",
                dir.resolve("x.json").toString());
        assertEquals(1, typo.code());
        assertEquals("embedscope: --backends opencll: no such backend on the class path (found: cpu, opencl, auto)\n",
                typo.err());
        assertTrue(!Files.exists(dir.resolve("x.json")));
    }

    @Test
    void benchNamesTheRepulsionAndNeighbourSearchItUsedWithTheRecall() throws IOException {
        Path json = dir.resolve("methods.json");
        CliRun r = CliRun.of("bench", "--data", "sample", "--backends", "cpu", "--sizes", "700", "--iterations", "60",
                "--method", "fft", "--knn", "approx", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode row = Outputs.JSON.readTree(json.toFile()).get(0);
        assertEquals("FFT", row.get("repulsion").asText());
        assertEquals("approximate", row.get("neighbours").asText());
        double recall = row.get("recall").asDouble();
        assertTrue(recall > 0.8 && recall <= 1, "recall@k of the approximate graph on sampled rows: " + recall);
        assertTrue(r.out().contains("FFT interpolation, 3 nodes per interval repulsion, approximate"), r.out());
        CliRun exact = CliRun.of("bench", "--data", "sample", "--backends", "cpu", "--sizes", "300", "--iterations",
                "30", "--knn", "exact", "--json", dir.resolve("exact.json").toString());
        assertEquals(0, exact.code(), exact.err());
        JsonNode e = Outputs.JSON.readTree(dir.resolve("exact.json").toFile()).get(0);
        assertEquals("Barnes-Hut", e.get("repulsion").asText());
        assertEquals("exact", e.get("neighbours").asText());
        assertTrue(e.get("recall").isNull() || e.get("recall").asText().equals("NaN"), e.toString());
    }

    @Test
    void embedOnOpenClWritesAFiniteEmbedding() throws IOException {
        assumeTrue(openClPresent(), "needs an OpenCL device (apt-get install pocl-opencl-icd)");
        Path npy = dir.resolve("e.npy");
        CliRun r = CliRun.of("embed", "sample", "--split", "test", "--backend", "opencl", "--iterations", "200",
                "--exaggeration-iterations", "60", "--out", npy.toString(), "--json", dir.resolve("r.json").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("opencl on ") && r.err().matches(
                "(?s).*: exact repulsion, 2\\.5e\\+05 pair terms an iteration \\(FFT: about [^)]+\\), about .*"),
                r.err());
        float[] v = dev.embedscope.data.FloatMatrix.toArray(
                dev.embedscope.data.NpyReader.readFeatures(dev.embedscope.data.ByteSource.of(npy)).matrix());
        assertEquals(1000, v.length);
        for (float x : v) {
            assertTrue(Float.isFinite(x));
        }
        JsonNode run = Outputs.JSON.readTree(dir.resolve("r.json").toFile());
        assertEquals("opencl", run.get("backend").get("name").asText());
        assertEquals("exact", run.get("backend").get("repulsion").asText());
        assertTrue(r.out().contains("perplexity 30, exact repulsion,")
                && r.out().contains("backend opencl: "), r.out());
    }

    @Test
    void compareEmbedsOnTheChosenBackendAndRefusesUnknownOnesBeforeWork() throws IOException {
        Path out = dir.resolve("cmp");
        CliRun bad = CliRun.of("compare", "sample", "--embed", "joint", "--backend", "cuda", "--out", out.toString());
        assertEquals(1, bad.code());
        assertEquals("embedscope: --backend cuda: no such backend on the class path (found: cpu, opencl, auto)\n",
                bad.err());
        assertTrue(!Files.exists(out), "no partial output");
        CliRun report = CliRun.of("report", "sample", "--backend", "cuda", "--out", dir.resolve("r.html").toString());
        assertEquals(bad.err(), report.err());
        assumeTrue(openClPresent(), "needs an OpenCL device (apt-get install pocl-opencl-icd)");
        CliRun r = CliRun.of("compare", "sample", "--embed", "transform", "--backend",
                "opencl", "--sample", "500", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("opencl on ") && r.err().contains("exact repulsion"), r.err());
        assertTrue(Files.size(out.resolve("embedding-transform.png")) > 1000);
    }

    @Test
    void autoSaysWhichBackendItTook() throws IOException {
        boolean gpu = Backends.providers().stream().anyMatch(p -> !p.name().equals("cpu") && p.hasGpu());
        Path npy = dir.resolve("auto.npy");
        CliRun r = CliRun.of("embed", "sample", "--split", "test", "--backend", "auto", "--iterations", "60",
                "--exaggeration-iterations", "20", "--out", npy.toString(), "--json",
                        dir.resolve("auto.json").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode run = Outputs.JSON.readTree(dir.resolve("auto.json").toFile());
        if (gpu) {
            assertTrue(r.err().startsWith("embedscope: backend auto: using "), r.err());
            assertEquals("exact", run.get("backend").get("repulsion").asText());
        } else {
            // PoCL's CPU device is not a GPU: auto takes the CPU and says so
            assertTrue(r.err().startsWith("embedscope: backend auto: no GPU device answered; using the CPU ("),
                    r.err());
            assertEquals("cpu", run.get("backend").get("name").asText());
            assertEquals("Barnes-Hut, θ 0.5", run.get("backend").get("repulsion").asText());
        }
        assertTrue(Files.size(npy) > 0);
    }
}
