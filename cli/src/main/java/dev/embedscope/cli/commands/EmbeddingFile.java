package dev.embedscope.cli.commands;

import dev.embedscope.data.ByteSource;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.NpyReader;
import dev.embedscope.data.Splits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An embedding read back from its NPY file (N×2 or N×3) for {@code plot} and {@code view}, and the rows of the
 * data it came from: its train, test or train+test rows, whichever count matches.
 *
 * @param y    positions row-major, N×dims
 * @param n    points
 * @param dims 2 or 3
 */
record EmbeddingFile(Path file, double[] y, int n, int dims) {

    static EmbeddingFile read(Path file) throws IOException {
        NpyReader.Features f = NpyReader.readFeatures(ByteSource.of(file));
        int n = (int) f.matrix().rows();
        int dims = (int) f.matrix().columns();
        if (dims < 2) {
            throw new IllegalArgumentException(file + ": has " + dims + " column(s), expected an N×2 or N×3 "
                    + "embedding");
        }
        float[] v = FloatMatrix.toArray(f.matrix());
        double[] y = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            y[i] = v[i];
        }
        return new EmbeddingFile(file, y, n, dims);
    }

    /** The rows of {@code s} (read from {@code data}) the points are: train, test or train+test, by count. */
    Views.Points matching(Splits s, String data, String remedy) {
        if (s.train().rows() == n) {
            return Views.Points.of(s.train(), s.hasTest() ? "train" : s.train().name());
        }
        if (s.hasTest() && s.test().rows() == n) {
            return Views.Points.of(s.test(), "test");
        }
        if (s.hasTest() && s.train().rows() + s.test().rows() == n) {
            return Views.Points.picked(Dataset.concat("train+test", s.all()), null, s.train().rows(),
                    List.of("train", "test"));
        }
        throw new IllegalArgumentException(file + ": " + n + " points, but " + data + " has " + s.train().rows()
                + (s.hasTest() ? " + " + s.test().rows() : "") + " rows; " + remedy);
    }
}
