package dev.embedscope.cli;

import dev.embedscope.backend.BackendException;
import dev.embedscope.data.DataFormatException;
import dev.embedscope.pipeline.InsufficientMemoryException;
import dev.embedscope.tsne.DeviceLimitException;
import dev.embedscope.tsne.TooFewPointsException;
import dev.embedscope.util.Numbers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns an exception into the one line a user reads: file, place, what was expected. */
public final class Errors {

    private Errors() {
    }

    public static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (e instanceof DataFormatException d) {
            return withRemedy(d);
        }
        if (e instanceof TooFewPointsException t) {
            return t.getMessage() + (Double.isNaN(t.largestPerplexity()) ? "; add rows, or look at them with inspect"
                    : "; use --perplexity " + Numbers.num(t.largestPerplexity()) + " or less");
        }
        if (e instanceof DeviceLimitException d) {
            return d.getMessage() + switch (d.limit()) {
                case MEMORY, LARGEST_ALLOCATION -> "; use --backend cpu or fewer points (--sample N)";
                case NEIGHBOURS -> "; use a perplexity of at most " + d.available() / 3 + " or --backend cpu";
                case DIMENSIONS -> "; use --dims 2 or 3, or --backend cpu";
            };
        }
        if (e instanceof InsufficientMemoryException m) {
            return m.getMessage() + (m.resource() == InsufficientMemoryException.Resource.HEAP
                    ? "; raise it with JAVA_OPTS=-Xmx" + (long) Math.ceil(m.needed() / 0.8 / (1L << 30))
                            + "g or embed fewer points (--sample N)"
                    : "; embed fewer points (--sample N)");
        }
        if (e instanceof BackendException b) {
            return "--backend " + b.getMessage();
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
        if (e instanceof IOException || e instanceof IllegalArgumentException) {
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

    /** A data error with the option that fixes it, when the engine named one. */
    static String withRemedy(DataFormatException d) {
        DataFormatException.Remedy r = d.remedy();
        if (r == null) {
            return d.getMessage();
        }
        return switch (r.setting()) {
            case LABEL_COLUMN -> d.getMessage() + (r.value() == null
                    ? " with --label-column NAME (--labels is for IDX and NPY)"
                    : "; if this is the label column, pass --label-column '" + r.value() + "'");
            case LABELS_FILE -> d.getMessage() + " or pass it with --labels";
            case RESIZE -> d.getMessage() + " (pass --resize " + r.value() + " to resize all images)";
            case CLASS_NAMES -> "--class-names: " + d.getMessage();
            case ENCODING -> d.getMessage() + (r.value() == null ? "; pass the file's encoding with --encoding NAME"
                    : "; pass --encoding " + r.value() + " if that is the file's encoding");
        };
    }
}
