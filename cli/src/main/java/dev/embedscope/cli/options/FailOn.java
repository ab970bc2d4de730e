package dev.embedscope.cli.options;

import java.util.List;

/**
 * {@code --fail-on}: what makes a command that ran to the end exit with {@link #EXIT_CODE} instead of 0, so a CI
 * pipeline can gate on {@code inspect} and {@code compare}. 0 means the checks passed (or none was asked for), 1 an
 * error (nothing checked), 2 a command line picocli could not parse, 3 a check that failed; outputs are written in
 * every case but 1 and 2.
 */
public final class FailOn {

    /** The exit code of a run whose {@code --fail-on} condition held. */
    public static final int EXIT_CODE = 3;

    private FailOn() {
    }

    /** The value checked against the command's choices; null when the option was not given. */
    public static String check(String value, List<String> choices) {
        if (value != null && !choices.contains(value)) {
            throw new IllegalArgumentException("--fail-on: '" + value + "' is not " + String.join(" or ", choices));
        }
        return value;
    }
}
