package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.ByteSource;
import dev.embedscope.data.NpyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scale fit records the table's column names; scale apply matches them by name, refuses others, and
 * warns when it cannot match them.
 */
class ScalerColumnsCommandTest {

    @TempDir
    Path dir;

    /** Columns a, b, c with very different ranges; {@code order} names the columns to write, in order. */
    private Path table(String name, String order, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(String.join(",", order.split("")) + "\n");
        for (int i = 0; i < 40; i++) {
            double[] v = {r.nextGaussian(), 1000 + 50 * r.nextGaussian(), -3 + 0.01 * r.nextGaussian()};
            String[] cells = new String[3];
            for (int k = 0; k < 3; k++) {
                cells[k] = Double.toString(v[order.charAt(k) - 'a']);
            }
            b.append(String.join(",", cells)).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b);
        return p;
    }

    private float[] apply(Path scaler, Path data, CliRun[] run) throws IOException {
        Path out = dir.resolve("out-" + data.getFileName() + ".npy");
        run[0] = CliRun.of("scale", "apply", data.toString(), "--scaler", scaler.toString(), "--out", out.toString());
        return run[0].code() == 0 ? NpyReader.readFloatArray(ByteSource.of(out)).values() : null;
    }

    @Test
    void columnsInAnotherOrderAreMatchedByName() throws IOException {
        Path train = table("train.csv", "abc", 1);
        Path scaler = dir.resolve("s.json");
        assertEquals(0, CliRun.of("scale", "fit", train.toString(), "--method", "standard", "--out",
                scaler.toString()).code());
        assertTrue(Files.readString(scaler).contains("\"featureNames\""));
        CliRun[] run = new CliRun[1];
        float[] same = apply(scaler, table("test.csv", "abc", 2), run);
        assertEquals("", run[0].err());
        float[] other = apply(scaler, table("test-cab.csv", "cab", 2), run);
        assertEquals("embedscope: note: the columns come in another order than when " + scaler
                + " was fitted; matched by name\n", run[0].err());
        for (int i = 0; i < 40; i++) {
            assertArrayEquals(new float[] {same[3 * i + 2], same[3 * i], same[3 * i + 1]},
                    java.util.Arrays.copyOfRange(other, 3 * i, 3 * i + 3), "row " + i);
        }
    }

    @Test
    void otherColumnsAreRefusedAndLegacyFilesWarn() throws IOException {
        Path train = table("train.csv", "abc", 1);
        Path scaler = dir.resolve("s.json");
        assertEquals(0, CliRun.of("scale", "fit", train.toString(), "--method", "standard", "--out",
                scaler.toString()).code());
        Path renamed = dir.resolve("renamed.csv");
        Files.writeString(renamed, Files.readString(train).replaceFirst("a,b,c", "a,x,c"));
        CliRun[] run = new CliRun[1];
        apply(scaler, renamed, run);
        assertEquals(1, run[0].code());
        assertEquals("embedscope: " + scaler + ": the columns differ from those the scaler was fitted on; not in "
                + renamed + ": b; not fitted: x; fit a scaler on this data's training split\n", run[0].err());
        assertFalse(Files.exists(dir.resolve("out-renamed.csv.npy")));

        String json = Files.readString(scaler);
        Files.writeString(scaler, json.replaceAll("(?s),\\s*\"featureNames\"\\s*:\\s*\\[[^]]*]", ""));
        assertFalse(Files.readString(scaler).contains("featureNames"));
        apply(scaler, table("test.csv", "abc", 2), run);
        assertEquals(0, run[0].code());
        assertEquals("embedscope: warning: " + scaler + " does not name the columns it was fitted on; applied by "
                + "position, so the columns must come in the order they had (fit it again to record them)\n",
                run[0].err());
    }

    @Test
    void compareMatchesTestColumnsByName() throws IOException {
        Path train = table("train.csv", "abc", 1);
        Path test = table("test.csv", "bca", 1); // the same rows, columns reordered: nothing drifts
        CliRun r = CliRun.of("compare", train.toString(), test.toString(), "--embed", "none", "--out",
                dir.resolve("cmp").toString());
        assertEquals(0, r.code(), r.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("cmp/compare.json").toFile());
        assertEquals(0, json.findValue("flagged").asInt(), json.toPrettyString());
        assertEquals(0.0, json.findValue("top").get(0).findValue("ks").asDouble(), 1e-12, json.toPrettyString());
    }
}
