package dev.embedscope.data;

import java.io.IOException;

/**
 * Bad input: one line naming the file, the place in it and what was expected, e.g.
 * {@code train-images.gz: byte 0: IDX magic 0x00000802 is not an image file (expected 0x00000803)}.
 * The command line prints the message as it is; nothing else is needed to act on it.
 */
public class DataFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code file: place: what}. */
    public static DataFormatException at(String file, String place, String what) {
        return new DataFormatException(file + ": " + place + ": " + what);
    }
}
