package dev.embedscope.bench;

import dev.embedscope.data.ByteSource;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.IdxReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the memory that loading Fashion-MNIST's training images costs: the process's peak
 * resident set (VmHWM) after the load minus its resident set just before it (ND4J already
 * initialised), against the size of the float32 matrix. Run with a small heap so that garbage
 * does not pile up: {@code java -Xmx256m -cp benchmarks.jar dev.embedscope.bench.LoadMemoryProbe}.
 */
public final class LoadMemoryProbe {

    private LoadMemoryProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path images = args.length > 0 ? Path.of(args[0])
                : FashionMnist.DEBIAN_DIR.resolve("train-images-idx3-ubyte.gz");
        Nd4j.create(1); // initialise the backend before the baseline
        System.gc();
        resetPeak();
        long before = status("VmRSS:");
        long t0 = System.nanoTime();
        IdxReader.Images im = IdxReader.readImages(ByteSource.of(images));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long peak = status("VmHWM:");
        long matrix = im.pixels().length() * 4 / 1024;
        System.out.printf(Locale.ROOT,
                "loaded %d×%d in %d ms; matrix %.1f MB; peak RSS increase %.1f MB = %.2fx the matrix%n",
                im.pixels().rows(), im.pixels().columns(), ms, matrix / 1024.0, (peak - before) / 1024.0,
                (double) (peak - before) / matrix);
    }

    private static void resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            System.out.println("(cannot reset the peak RSS counter: " + e.getMessage() + ")");
        }
    }

    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(key + " not in /proc/self/status");
    }
}
