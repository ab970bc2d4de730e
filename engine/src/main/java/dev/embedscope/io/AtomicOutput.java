package dev.embedscope.io;

import dev.embedscope.data.DataFormatException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an output file all or nothing: the content goes to a temporary file beside the target,
 * which is renamed over the target only when writing succeeded, so a failure (or Ctrl-C) never
 * leaves a partial file behind.
 */
public final class AtomicOutput {

    /** Writes content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicOutput() {
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new DataFormatException(target + ": is a folder (expected a file name to write)");
        }
        if (dir != null && !Files.isDirectory(dir)) {
            throw new DataFormatException(target + ": cannot write, folder " + dir + " does not exist");
        }
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw new DataFormatException(target + ": cannot write here (" + describe(e) + ")");
        } catch (IOException e) {
            throw new DataFormatException(target + ": cannot write (" + describe(e) + ")");
        }
        Thread cleanup = new Thread(() -> deleteQuietly(tmp));
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean done = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                deleteQuietly(tmp);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down already: the hook deletes the temporary file
            }
        }
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        return e.getMessage();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
