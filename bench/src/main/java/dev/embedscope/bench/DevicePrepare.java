package dev.embedscope.bench;

import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.NpyWriter;
import dev.embedscope.data.Splits;
import dev.embedscope.linalg.Pca;
import dev.embedscope.pipeline.JobOptions;
import dev.embedscope.scale.Scaling;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prepares the input of {@link DeviceRun} here, where ND4J runs: Fashion-MNIST's 70,000 images
 * (train then test) / 255, projected on their first 50 principal components (float32 NPY, 14 MB)
 * and their labels (int32 NPY), small enough to travel to a GPU machine without ND4J's natives.
 */
public final class DevicePrepare {

    private DevicePrepare() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/device/data");
        String data = args.length > 1 ? args[1] : "fashion-mnist";
        Files.createDirectories(out);
        Splits s = DataLoader.load(data, LoadOptions.defaults());
        Dataset all = s.hasTest() ? Dataset.concat("train+test", s.all()) : s.train();
        var x = Scaling.fitOn(all, null).apply(all).features();
        Pca pca = Pca.fit(x, JobOptions.DEFAULT_PCA);
        try (OutputStream o = Files.newOutputStream(out.resolve("pca50.npy"))) {
            NpyWriter.writeFloat32(pca.transform(x), o);
        }
        try (OutputStream o = Files.newOutputStream(out.resolve("labels.npy"))) {
            NpyWriter.writeInt32(all.labels(), o);
        }
        System.out.printf("wrote %s: %d × %d (PCA keeps %.1f%% of the variance) and labels%n",
                out, all.rows(), pca.dimensions(),
                100 * pca.explainedVariance());
    }
}
