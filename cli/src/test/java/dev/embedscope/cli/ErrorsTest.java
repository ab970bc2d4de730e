package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.backend.BackendException;
import dev.embedscope.data.DataFormatException;
import dev.embedscope.pipeline.InsufficientMemoryException;
import dev.embedscope.tsne.DeviceLimitException;
import dev.embedscope.tsne.TooFewPointsException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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
                    new Nd4jBackend.NoAvailableBackendException("Please ensure that you have an nd4j "
                            + "backend on your classpath")));
        }
    }

    record Run(int code, String err) {
    }

    static Run run(boolean verbose) {
        StringWriter err = new StringWriter();
        int code = Main.execute(new CommandLine(new Broken()), new PrintWriter(new StringWriter()),
                new PrintWriter(err), verbose);
        return new Run(code, err.toString());
    }

    @Test
    void anErrorFromACommandIsOneLine() {
        Run r = run(false);
        assertEquals(1, r.code());
        assertEquals("embedscope: ND4J found no backend it can run on this machine; a build "
                + "with -Pcuda needs CUDA 11.x and"
                + " its driver (libcuda.so.1): rebuild without it (mvn -B -DskipTests install) for the CPU backend\n",
                        r.err());
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

    @Test
    void engineFactsArePhrasedWithTheOptionsThatFixThem() {
        assertEquals("40 points are too few for perplexity 30 (it needs more than 3 × perplexity = 90 points);"
                + " use --perplexity 12 or less", Errors.describe(new TooFewPointsException(40, 30, 90)));
        DeviceLimitException neighbours = new DeviceLimitException("OpenCL on X",
                DeviceLimitException.Limit.NEIGHBOURS, "this run", 150, 128);
        assertEquals("OpenCL on X: the kNN kernel keeps at most 128 neighbours and this run needs 150"
                + " (3 × perplexity); use a perplexity of at most 42 or --backend cpu", Errors.describe(neighbours));
        DeviceLimitException memory = new DeviceLimitException("OpenCL on X", DeviceLimitException.Limit.MEMORY,
                "embedding 9 points", 2048L << 20, 1024L << 20);
        assertEquals("OpenCL on X: embedding 9 points needs 2,048 MB of device memory, the device has 1,024 MB;"
                + " use --backend cpu or fewer points (--sample N)", Errors.describe(memory));
        InsufficientMemoryException heap = new InsufficientMemoryException(1_000_000, 8_000_000_000L,
                4_000_000_000L, InsufficientMemoryException.Resource.HEAP);
        assertEquals("embedding 1,000,000 points needs about 8.0 GB of Java heap, more than the 90 % of it a run"
                + " plans on: 3.6 GB of the 4.0 GB Java may use;"
                + " raise it with JAVA_OPTS=-Xmx10g or embed fewer points (--sample N)", Errors.describe(heap));
        assertEquals("--backend cuda: no such backend on the class path (found: cpu, auto)",
                Errors.describe(BackendException.unknown("cuda", List.of("cpu", "auto"))));
        DataFormatException size = DataFormatException.at("a/2.png", "image size",
                "image is 5×4, expected 4×4 like 1.png",
                new DataFormatException.Remedy(DataFormatException.Setting.RESIZE, "4x4"));
        assertEquals("a/2.png: image size: image is 5×4, expected 4×4 like 1.png"
                + " (pass --resize 4x4 to resize all images)", Errors.describe(size));
        DataFormatException names = new DataFormatException("3 class names for 10 classes (expected at least 10)",
                new DataFormatException.Remedy(DataFormatException.Setting.CLASS_NAMES, null));
        assertEquals("--class-names: 3 class names for 10 classes (expected at least 10)", Errors.describe(names));
        DataFormatException column = DataFormatException.at("t.csv", "line 3, column 'b'", "'abc' is not a number",
                new DataFormatException.Remedy(DataFormatException.Setting.LABEL_COLUMN, "b"));
        assertEquals("t.csv: line 3, column 'b': 'abc' is not a number; if this is the label column, pass"
                + " --label-column 'b'", Errors.describe(column));
        assertEquals("x", Errors.describe(new DataFormatException("x")));
    }
}
