package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How outputs are written: permissions as any program's, standard output, special files, never over an input. */
class OutputFilesTest {

    @TempDir
    Path dir;

    @Test
    void newFilesFollowTheUmaskAndOverwrittenFilesKeepTheirMode() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain")); // what the umask gives any program
        Path json = dir.resolve("s.json");
        assertEquals(0, CliRun.of("stats", "sample", "--out", json.toString()).code());
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(json));

        Files.setPosixFilePermissions(json, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(0, CliRun.of("classes", "sample", "--out", dir.resolve("c.png").toString()).code());
        assertEquals(0, CliRun.of("stats", "sample", "--out", json.toString()).code());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(json)));
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary file left");
        }
    }

    @Test
    void dashIsStandardOutputAndMessagesMoveToStandardError() throws IOException {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CliRun r;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            r = CliRun.of("inspect", "sample", "--json", "-");
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Fashion-MNIST sample: 2 splits"), r.err());
        JsonNode json = new ObjectMapper().readTree(captured.toByteArray());
        assertEquals(2000, json.get("splits").get(0).get("rows").asInt());
        assertFalse(Files.exists(Path.of("-")));
    }

    @Test
    void aFifoIsWrittenInPlace() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return;
        }
        assertEquals(0, mk.waitFor());
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals(0, CliRun.of("stats", "sample", "--out", fifo.toString()).code());
        byte[] bytes = read.get(60, TimeUnit.SECONDS);
        Path file = dir.resolve("s.json");
        assertEquals(0, CliRun.of("stats", "sample", "--out", file.toString()).code());
        assertArrayEquals(Files.readAllBytes(file), bytes);
        assertTrue(Files.isSameFile(fifo, dir.resolve("pipe")) && !Files.isRegularFile(fifo), "still a FIFO");
    }

    @Test
    void anOutputThatIsAnInputIsRefusedBeforeAnyWork() throws IOException {
        Path emb = dir.resolve("emb.npy");
        assertEquals(0, CliRun.of("embed", "sample", "--sample", "200", "--iterations", "50", "--out",
                emb.toString()).code());
        byte[] before = Files.readAllBytes(emb);
        CliRun r = CliRun.of("plot", emb.toString(), "--labels", emb.toString(), "--out", emb.toString());
        assertEquals(1, r.code());
        assertEquals("embedscope: --out " + emb + ": is the input EMB.npy; writing it would destroy the input, "
                + "give the output another name\n", r.err());
        assertArrayEquals(before, Files.readAllBytes(emb));
    }
}
