package dev.embedscope.cli.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a standard stream is a terminal, which decides progress bars (standard error) and colour codes
 * (standard output). {@link System#console()} is not the answer: it looks at standard input and output, so a run
 * with standard error redirected to a log would still draw bars into it. On Linux the stream's file descriptor is
 * read from {@code /proc/self/fd}; elsewhere the console is the best Java offers.
 */
public final class Terminal {

    private Terminal() {
    }

    /** Standard error is a terminal that can redraw a line (not {@code TERM=dumb}). */
    public static boolean stderr() {
        return isTerminal(2);
    }

    /** Standard output is a terminal and colour is not turned off ({@code NO_COLOR}, {@code TERM=dumb}). */
    public static boolean colourOnStdout() {
        return isTerminal(1) && System.getenv("NO_COLOR") == null;
    }

    static boolean isTerminal(int fd) {
        String term = System.getenv("TERM");
        if (term == null || term.equals("dumb")) {
            return false;
        }
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
