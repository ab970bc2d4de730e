package dev.embedscope.bench;

import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.Splits;
import dev.embedscope.util.Parallel;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a large labelled image set, reproducibly, for the scaling benchmark ({@code bench/e2e.sh}):
 * the source images first as they are (Fashion-MNIST's 70,000: train then test), then images derived
 * from them in turn ({@code source = i mod rows}) by {@link ImageAugment}'s seeded rotations, shifts and
 * noise, as uint8 NPY {@code N×H×W} with int32 NPY labels. The bytes depend on the seed and N only.
 * <pre>java -cp ... dev.embedscope.bench.LargeSet OUT_DIR N [SEED] [DATA]</pre>
 */
public final class LargeSet {

    /** Images made per block (in parallel within a block, written in order). */
    static final int BLOCK = 8192;

    private LargeSet() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LargeSet OUT_DIR N [SEED] [DATA]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long n = Long.parseLong(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        String data = args.length > 3 ? args[3] : DataLoader.FASHION_MNIST;
        Files.createDirectories(dir);
        Splits s = DataLoader.load(data, LoadOptions.defaults());
        Dataset source = s.hasTest() ? Dataset.concat("train+test", s.all()) : s.train();
        Path images = dir.resolve("images-" + n + ".npy");
        Path labels = dir.resolve("labels-" + n + ".npy");
        int threads = Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        write(source, n, seed, threads, images, labels);
        System.out.printf("wrote %s and %s: %d images of %s (seed %d) in %.1f s%n", images, labels, n,
                source.imageShape(), seed, (System.nanoTime() - t0) / 1e9);
    }

    /** Writes {@code n} images and labels derived from {@code source} (atomically: each file appears whole). */
    static void write(Dataset source, long n, long seed, int threads, Path images, Path labels) throws IOException {
        int h = source.imageShape().height();
        int w = source.imageShape().width();
        int d = h * w;
        if (source.imageShape().channels() != 1 || !source.hasLabels()) {
            throw new IllegalArgumentException(source.name() + ": expected labelled greyscale images");
        }
        float[] pixels = FloatMatrix.toArray(source.features());
        int rows = source.rows();
        Path imagesTmp = images.resolveSibling(images.getFileName() + ".part");
        Path labelsTmp = labels.resolveSibling(labels.getFileName() + ".part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(imagesTmp), 1 << 20);
             Parallel parallel = new Parallel(threads)) {
            out.write(npyHeader("|u1", n + ", " + h + ", " + w));
            byte[] block = new byte[BLOCK * d];
            for (long first = 0; first < n; first += BLOCK) {
                int count = (int) Math.min(BLOCK, n - first);
                long base = first;
                parallel.forBlocks(count, 256, (b, from, to) -> {
                    float[] src = new float[d];
                    for (int k = from; k < to; k++) {
                        long i = base + k;
                        int of = (int) (i % rows);
                        System.arraycopy(pixels, of * d, src, 0, d);
                        if (i < rows) {
                            for (int j = 0; j < d; j++) {
                                block[k * d + j] = (byte) Math.round(src[j]);
                            }
                        } else {
                            var r = ImageAugment.stream(seed, i);
                            ImageAugment.apply(src, h, w, ImageAugment.Transform.draw(r), r, block, k * d);
                        }
                    }
                });
                out.write(block, 0, count * d);
            }
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(labelsTmp), 1 << 20)) {
            out.write(npyHeader("<i4", n + ","));
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < n; i++) {
                out.write(b.putInt(0, source.labels()[(int) (i % rows)]).array());
            }
        }
        Files.move(imagesTmp, images, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(labelsTmp, labels, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** An NPY 1.0 preamble and header for a C-order array, padded to 64 bytes. */
    static byte[] npyHeader(String descr, String shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                .putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
