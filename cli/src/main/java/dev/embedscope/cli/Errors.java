package dev.embedscope.cli;

import dev.embedscope.data.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns an exception into the one line a user reads: file, place, what was expected. */
final class Errors {

    private Errors() {
    }

    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (e instanceof DataFormatException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "cannot access" : f.getReason());
        }
        if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof UsageException) {
            return e.getMessage();
        }
        if (e instanceof ExceptionInInitializerError && e.getCause() != null) {
            return describe(e.getCause());
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c.getClass().getSimpleName().equals("NoAvailableBackendException")) {
                return "ND4J found no backend it can run on this machine; a build with -Pcuda needs CUDA 11.x and its"
                        + " driver (libcuda.so.1): rebuild without it (mvn -B -DskipTests install) for the CPU backend";
            }
        }
        if (e instanceof UnsatisfiedLinkError) {
            return "a native library could not be loaded: " + e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "); give Java more with JAVA_OPTS=-Xmx…";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " (run with --verbose for details)";
    }

    /** A request that makes no sense with the given data or options; reported as one line. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
