package dev.embedscope.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The outcome of one command line run in a test: exit code, standard output and standard error. */
public record CliRun(int code, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
