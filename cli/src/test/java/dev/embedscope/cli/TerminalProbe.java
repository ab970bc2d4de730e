package dev.embedscope.cli;

import dev.embedscope.cli.render.Terminal;

/** Prints what {@link Terminal} says of this process's streams, for {@link ScriptingTest} under a pseudo-terminal. */
public final class TerminalProbe {

    private TerminalProbe() {
    }

    public static void main(String[] args) {
        System.out.println("stderr-terminal=" + Terminal.stderr() + " console=" + (System.console() != null));
    }
}
