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
        assertTrue(!first.get("given").asText().equals(first.get("neighboursSay").asText()));
        String top = json.get("confusion").get(0).get("a").asText() + "/"
                + json.get("confusion").get(0).get("b").asText();
        assertTrue(java.util.Set.of("T-shirt/top/Shirt", "Pullover/Coat", "Pullover/Shirt", "Coat/Shirt",
                "T-shirt/top/Pullover")
                .contains(top), top);
        assertTrue(r.out().contains("Most confused classes"), r.out());
    }
}
