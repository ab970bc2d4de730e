package dev.embedscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedscope.compare.CompareOptions;
import dev.embedscope.compare.Comparison;
import dev.embedscope.compare.Verdict;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.Splits;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.StatsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * All 70,000 Fashion-MNIST images through convert, stats and compare on local[2], against the single-machine
 * statistics and verdict of the same IDX files. Skipped without Debian's dataset-fashion-mnist (CI installs it).
 */
class FashionMnistOnSparkTest {

    @TempDir
    Path dir;

    @Test
    void statsAndVerdictEqualTheSingleMachineOnes() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR), "Fashion-MNIST is not installed "
                + "(apt-get install dataset-fashion-mnist)");
        Path parquet = dir.resolve("fashion-mnist.parquet");
        SparkJobsTest.Run r = SparkJobsTest.run("convert", "fashion-mnist", "--out", parquet.toString());
        assertEquals(0, r.code(), r.err());
        Splits fm = DataLoader.load("fashion-mnist", LoadOptions.defaults());

        Path stats = dir.resolve("stats.json");
        r = SparkJobsTest.run("stats", parquet.toString(), "--out", stats.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = SparkMain.JSON.readTree(stats.toFile());
        for (int s = 0; s < 2; s++) {
            Dataset d = fm.all().get(s);
            FeatureStats want = FeatureStatsCalculator.compute(d.features(), StatsOptions.defaults());
            JsonNode split = json.get("splits").get(s);
            assertEquals(d.rows(), split.get("rows").asLong());
            for (int j = 0; j < d.columns(); j++) {
                JsonNode f = split.get("features").get(j);
                assertEquals(d.featureName(j), f.get("name").asText());
                assertEquals(want.zeros(j), f.get("zeros").asLong());
                assertEquals(want.max(j), (float) f.get("max").asDouble());
                assertEquals(want.mean(j), f.get("mean").asDouble(), 1e-9 * Math.max(1, want.mean(j)));
                assertEquals(want.std(j), f.get("std").asDouble(), 1e-9 * Math.max(1, want.std(j)));
                for (int q = 0; q < FeatureStats.RANKS.length; q++) {
                    assertEquals(want.reportedQuantile(j, q), (float) f.get("quantiles").get(q).asDouble());
                }
            }
        }

        Path compare = dir.resolve("compare.json");
        r = SparkJobsTest.run("compare", parquet.toString(), "--split-column", "split", "--out", compare.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode verdict = SparkMain.JSON.readTree(compare.toFile());
        Comparison c = Comparison.run(fm.train(), fm.test(), CompareOptions.defaults());
        List<String> want = Verdict.found(c).stream().filter(f -> !f.startsWith("the splits do not mix")).toList();
        List<String> got = new ArrayList<>();
        verdict.get("found").forEach(n -> got.add(n.asText()));
        assertEquals(want, got);
        assertEquals(c.leakage().exactCount(), verdict.get("exactCopies").asInt());
        assertEquals(c.drift().flaggedCount(), verdict.get("driftingFeatures").asInt());
        for (int j = 0; j < 784; j++) {
            JsonNode row = verdict.get("drift").get(j);
            assertEquals(c.drift().ks()[j], row.get("ks").asDouble(), 1e-12, "KS of feature " + j);
            assertEquals(c.drift().psi()[j], row.get("psi").asDouble(), 1e-9, "PSI of feature " + j);
            assertEquals(c.drift().qValue()[j], row.get("qValue").asDouble(), 1e-9, "q of feature " + j);
        }
        assertEquals(c.classes().chiSquare(), verdict.get("classes").get("chiSquare").asDouble(), 1e-9);
    }
}
