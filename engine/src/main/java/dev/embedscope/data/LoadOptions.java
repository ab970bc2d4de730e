package dev.embedscope.data;

import java.nio.file.Path;
import java.util.List;

/**
 * How to load a data argument: an explicit labels file (IDX or NPY), CSV settings, an image
 * resize for image folders, and explicit class names (a comma-separated list or a file with one
 * name per line; null for the default).
 */
public record LoadOptions(Path labels, CsvOptions csv, ImageSize resize, String classNames) {

    public LoadOptions {
        csv = csv == null ? CsvOptions.defaults() : csv;
    }

    public static LoadOptions defaults() {
        return new LoadOptions(null, CsvOptions.defaults(), null, null);
    }

    /** Defaults with explicit class names. */
    public static LoadOptions withNames(String names) {
        return defaults().withClassNames(names);
    }

    public LoadOptions withLabels(Path labelsFile) {
        return new LoadOptions(labelsFile, csv, resize, classNames);
    }

    public LoadOptions withCsv(CsvOptions options) {
        return new LoadOptions(labels, options, resize, classNames);
    }

    public LoadOptions withResize(ImageSize size) {
        return new LoadOptions(labels, csv, size, classNames);
    }

    public LoadOptions withClassNames(String names) {
        return new LoadOptions(labels, csv, resize, names);
    }

    /** Class names given as a list on the command line. */
    public static List<String> splitNames(String text) {
        return List.of(text.split("\\s*,\\s*"));
    }
}
