package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.cli.render.Outputs;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    @TempDir
    Path dir;

    @Test
    void auditOfTheSampleWritesMontagesMatrixAndJson() throws IOException {
        Path out = dir.resolve("audit");
        CliRun r = CliRun.of("audit", "sample", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"suspects.png", "outliers.png", "confusion.png", "audit.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        JsonNode json = Outputs.JSON.readTree(out.resolve("audit.json").toFile());
        assertEquals(2000, json.get("rows").asInt());
        assertEquals(100, json.get("suspects").size());
        JsonNode first = json.get("suspects").get(0);
        assertTrue(first.get("score").asDouble() >= json.get("suspects").get(99).get("score").asDouble());
        assertTrue(!first.get("given").asText().equals(first.get("suggested").asText()));
        // every row's score is listed, in [0, 1]; the suspects are the highest, in order
        JsonNode scores = json.get("labelScores");
        assertEquals(2000, scores.size());
        double[] all = new double[2000];
        for (int i = 0; i < 2000; i++) {
            all[i] = scores.get(i).asDouble();
            assertTrue(all[i] >= 0 && all[i] <= 1, "score " + all[i]);
        }
        double[] sorted = all.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            JsonNode s = json.get("suspects").get(i);
            assertEquals(all[s.get("row").asInt()], s.get("score").asDouble(), 0);
            assertEquals(sorted[1999 - i], s.get("score").asDouble(), 0, "suspect " + i);
        }
        // a real ranking: the top 100 scores are not all one value
        assertTrue(sorted[1999] > sorted[1900], sorted[1999] + " vs " + sorted[1900]);
        CliRun zero = CliRun.of("audit", "sample", "--neighbours", "0", "--out", dir.resolve("z").toString());
        assertEquals(1, zero.code());
        assertEquals("embedscope: --neighbours must be at least 1, got 0\n", zero.err());
        String top = json.get("confusion").get(0).get("a").asText() + "/"
                + json.get("confusion").get(0).get("b").asText();
        assertTrue(java.util.Set.of("T-shirt/top/Shirt", "Pullover/Coat", "Pullover/Shirt", "Coat/Shirt",
                "T-shirt/top/Pullover")
                .contains(top), top);
        assertTrue(r.out().contains("Most confused classes"), r.out());
    }
}
