package dev.embedscope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

    @TempDir
    Path dir;

    @Test
    void failureLeavesNoFileAndKeepsTheOldOne() throws IOException {
        Path target = dir.resolve("out.bin");
        assertThrows(IOException.class, () -> AtomicOutput.write(target, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        Files.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicOutput.write(target, out -> {
            throw new IOException("boom");
        }));
        assertEquals("old", Files.readString(target));
        AtomicOutput.write(target, out -> out.write("new".getBytes()));
        assertEquals("new", Files.readString(target));
    }

    @Test
    void missingFolderIsOneClearLine() {
        Path target = dir.resolve("nope/out.bin");
        DataFormatException e = assertThrows(DataFormatException.class, () -> AtomicOutput.write(target, out -> { }));
        assertTrue(e.getMessage().equals(target + ": cannot write, folder " + dir.resolve("nope")
                + " does not exist"), e.getMessage());
    }
}
