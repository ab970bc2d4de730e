package dev.embedscope.io;

import dev.embedscope.data.DataFormatException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Writes an output file all or nothing: the content goes to a temporary file beside the target,
 * which is renamed over the target only when writing succeeded, so a failure (or Ctrl-C) never
 * leaves a partial file behind. New files get the permissions the umask allows (as any program's
 * would), an overwritten file keeps its own, {@code -} is standard output, and special files
 * (FIFOs, {@code /dev/stdout}) are written in place, never renamed over.
 */
public final class AtomicOutput {

    /** Writes content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicOutput() {
    }

    /** The output name that means standard output. */
    public static final String STANDARD_OUTPUT = "-";

    /**
     * Writes {@code target}: {@code -} goes to standard output; a path that exists and is not a regular
     * file (a FIFO, {@code /dev/stdout}, a device) is written in place; anything else all or nothing
     * through a temporary file that is renamed over the target, created with the process's umask and,
     * when the target existed, given its permissions.
     */
    public static void write(Path target, Writer writer) throws IOException {
        if (target.toString().equals(STANDARD_OUTPUT)) {
            PrintStream stdout = System.out;
            OutputStream buffered = new BufferedOutputStream(stdout, 1 << 16);
            writer.write(buffered);
            buffered.flush();
            if (stdout.checkError()) {
                throw new IOException("standard output: cannot write (closed or full)");
            }
            return;
        }
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new DataFormatException(target + ": is a folder (expected a file name to write)");
        }
        if (writtenInPlace(absolute)) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(absolute,
                    StandardOpenOption.WRITE), 1 << 16)) {
                writer.write(out);
            }
            return;
        }
        if (Files.isSymbolicLink(absolute)) {
            absolute = absolute.toRealPath();
        }
        Path dir = absolute.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new DataFormatException(target + ": cannot write, folder " + dir + " does not exist");
        }
        Path tmp = temporaryBeside(target, absolute);
        Thread cleanup = new Thread(() -> deleteQuietly(tmp));
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean done = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            keepPermissions(absolute, tmp);
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

    /** True for outputs that must not be renamed over: FIFOs, devices, sockets and anything under /dev or /proc. */
    static boolean writtenInPlace(Path absolute) {
        if (absolute.startsWith("/dev/") || absolute.startsWith("/proc/")) {
            return Files.exists(absolute);
        }
        return Files.exists(absolute) && !Files.isRegularFile(absolute) && !Files.isDirectory(absolute);
    }

    /** A new empty file beside the target, created without explicit permissions so that the umask applies. */
    private static Path temporaryBeside(Path target, Path absolute) throws IOException {
        Path dir = absolute.getParent();
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".part");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw new DataFormatException(target + ": cannot write (no free temporary name)");
                }
            } catch (AccessDeniedException | NoSuchFileException e) {
                throw new DataFormatException(target + ": cannot write here (" + describe(e) + ")");
            } catch (IOException e) {
                throw new DataFormatException(target + ": cannot write (" + describe(e) + ")");
            }
        }
    }

    /** An overwritten file keeps its permissions. */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (!Files.isRegularFile(target)) {
            return;
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(target);
            Files.setPosixFilePermissions(tmp, mode);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions stay
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
