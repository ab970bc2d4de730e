package dev.embedscope.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Standard error under {@code --quiet}: whole lines that carry a warning (the word "warning") pass; notes
 * and progress bars (lines ended by a carriage return) do not.
 */
final class WarningsOnly extends Writer {

    private final PrintWriter err;
    private final StringBuilder line = new StringBuilder();

    WarningsOnly(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (c == '\n') {
                if (line.toString().toLowerCase(java.util.Locale.ROOT).contains("warning")) {
                    err.println(line);
                }
                line.setLength(0);
            } else if (c == '\r') {
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
