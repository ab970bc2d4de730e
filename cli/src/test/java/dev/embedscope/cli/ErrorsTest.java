package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4jBackend;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Errors (not only exceptions) become one line and exit code 1; the stack trace only when verbose. */
class ErrorsTest {

    /** A command that fails as a -Pcuda build does on a machine without CUDA: ND4J's class initialiser throws. */
    @Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new ExceptionInInitializerError(new RuntimeException(
                    new Nd4jBackend.NoAvailableBackendException("Please ensure that you have an nd4j backend on your classpath")));
        }
    }

    record Run(int code, String err) {
    }

    static Run run(boolean verbose) {
        StringWriter err = new StringWriter();
        int code = Main.execute(new CommandLine(new Broken()), new PrintWriter(new StringWriter()), new PrintWriter(err), verbose);
        return new Run(code, err.toString());
    }

    @Test
    void anErrorFromACommandIsOneLine() {
        Run r = run(false);
        assertEquals(1, r.code());
        assertEquals("embedscope: ND4J found no backend it can run on this machine; a build with -Pcuda needs CUDA 11.x and"
                + " its driver (libcuda.so.1): rebuild without it (mvn -B -DskipTests install) for the CPU backend\n", r.err());
    }

    @Test
    void verboseAddsTheStackTrace() {
        Run r = run(true);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("java.lang.ExceptionInInitializerError") && r.err().contains("\tat "), r.err());
    }

    @Test
    void otherErrorsAreNamed() {
        assertEquals("a native library could not be loaded: libcuda.so.1: cannot open shared object file",
                Errors.describe(new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file")));
        assertEquals("out of memory (Java heap space); give Java more with JAVA_OPTS=-Xmx…",
                Errors.describe(new OutOfMemoryError("Java heap space")));
    }
}
