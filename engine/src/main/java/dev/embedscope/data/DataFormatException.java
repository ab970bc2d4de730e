package dev.embedscope.data;

import java.io.IOException;

/**
 * Bad input: one line naming the file, the place in it and what was expected, e.g.
 * {@code train-images.gz: byte 0: IDX magic 0x00000802 is not an image file (expected 0x00000803)},
 * and, when a setting of the load would fix it, which one ({@link Remedy}), so that the command
 * line can name its own option for it.
 */
public class DataFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A load setting that would fix the input, with the value to give it (null when the user must choose). */
    public record Remedy(Setting setting, String value) {
    }

    /** The load settings a remedy can name. */
    public enum Setting {
        /** The label column of a table. */
        LABEL_COLUMN,
        /** A labels file for IDX or NPY features. */
        LABELS_FILE,
        /** A size every image of a folder is resized to. */
        RESIZE,
        /** The class names. */
        CLASS_NAMES,
        /** The character encoding of a text table. */
        ENCODING
    }

    private final transient Remedy remedy;

    public DataFormatException(String message) {
        this(message, (Remedy) null);
    }

    public DataFormatException(String message, Remedy remedy) {
        super(message);
        this.remedy = remedy;
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
        this.remedy = null;
    }

    /** {@code file: place: what}. */
    public static DataFormatException at(String file, String place, String what) {
        return new DataFormatException(file + ": " + place + ": " + what);
    }

    /** {@code file: place: what}, fixed by the remedy. */
    public static DataFormatException at(String file, String place, String what, Remedy remedy) {
        return new DataFormatException(file + ": " + place + ": " + what, remedy);
    }

    /** The setting that would fix it, or null. */
    public Remedy remedy() {
        return remedy;
    }
}
