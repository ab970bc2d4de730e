package dev.embedscope.bench;

import dev.embedscope.data.ByteSource;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.IdxReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Reading Fashion-MNIST's 60,000×784 training images (IDX, gzip) into a float32 ND4J matrix. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class LoadBenchmark {

    Path images;

    @Setup
    public void setup() {
        images = FashionMnist.DEBIAN_DIR.resolve("train-images-idx3-ubyte.gz");
        if (!Files.isRegularFile(images)) {
            throw new IllegalStateException(images + " is missing: apt-get install dataset-fashion-mnist");
        }
    }

    @Benchmark
    public IdxReader.Images idxGzTrain() throws IOException {
        return IdxReader.readImages(ByteSource.of(images));
    }
}
