package dev.embedscope.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, arXiv:1708.07747): where the Debian package puts
 * it, its class names, and the small subset embedded in this jar as a sample.
 */
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the four IDX files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    static final String SAMPLE_DIR = "/dev/embedscope/data/sample/";

    private FashionMnist() {
    }

    /** The embedded sample: about 2,000 training and 500 test images, with labels. */
    /** One of the embedded sample's IDX files ({@code train-images-idx3-ubyte.gz}, {@code t10k-labels-…}). */
    public static ByteSource sampleFile(String name) {
        return ByteSource.resource(SAMPLE_DIR + name);
    }

    public static Splits sample() throws IOException {
        Dataset train = read("train", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
        Dataset test = read("test", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        return new Splits(train, test);
    }

    private static Dataset read(String split, String images, String labels) throws IOException {
        IdxReader.Images im = IdxReader.readImages(ByteSource.resource(SAMPLE_DIR + images));
        int[] y = IdxReader.readLabels(ByteSource.resource(SAMPLE_DIR + labels));
        return new Dataset(split, im.pixels(), y, CLASS_NAMES, null, im.shape(), SourceType.UINT8);
    }
}
