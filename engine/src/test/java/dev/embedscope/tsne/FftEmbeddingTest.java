package dev.embedscope.tsne;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.pipeline.EmbeddingJob;
import dev.embedscope.pipeline.JobListener;
import dev.embedscope.pipeline.JobOptions;
import dev.embedscope.pipeline.JobResult;
import dev.embedscope.scale.Scaling;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** A whole embedding with the FFT repulsion against the same one with Barnes-Hut: the same 10-NN accuracy. */
class FftEmbeddingTest {

    static JobResult run(Dataset d, TsneOptions.Method method) {
        JobOptions o = JobOptions.builder(TsneOptions.builder().threads(2).method(method).build())
                .quality(d.rows()).build();
        return EmbeddingJob.of(o).run(d, Scaling.fitOn(d, null), JobListener.NONE);
    }

    /** Both on the same rows: 10-NN accuracy within 0.005; the KL within 10 %. */
    static void sameQuality(Dataset d) {
        JobResult bh = run(d, TsneOptions.Method.BARNES_HUT);
        JobResult fft = run(d, TsneOptions.Method.FFT);
        assertTrue(fft.backend().repulsion().startsWith("FFT interpolation"), fft.backend().repulsion());
        double a = bh.quality().knnAccuracy();
        double b = fft.quality().knnAccuracy();
        assertEquals(a, b, 0.005, d.rows() + " rows: 10-NN accuracy, Barnes-Hut " + a + " vs FFT " + b);
        // the default grid's force error shows as a somewhat higher KL, never as a different picture
        assertEquals(bh.quality().kl(), fft.quality().kl(), 0.1 * bh.quality().kl());
    }

    @Test
    void fftEmbedsTheSampleAsWellAsBarnesHut() throws IOException {
        sameQuality(Dataset.concat("sample", FashionMnist.sample().all()));
    }

    @Test
    void adaptiveEmbedsTwentyThousandFashionMnistImagesAsWellAsBarnesHutUsingBoth() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR),
                "needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
        Dataset d = DataLoader.load("fashion-mnist", LoadOptions.defaults()).train().head(20_000);
        JobResult bh = run(d, TsneOptions.Method.BARNES_HUT);
        JobResult adaptive = run(d, TsneOptions.Method.ADAPTIVE);
        String used = adaptive.backend().repulsion();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([\\d,]+) evaluations by FFT, ([\\d,]+) by "
                + "Barnes-Hut\\)").matcher(used);
        assertTrue(m.find(), used);
        int fft = Integer.parseInt(m.group(1).replace(",", ""));
        int barnesHut = Integer.parseInt(m.group(2).replace(",", ""));
        assertEquals(1000, fft + barnesHut);
        assertTrue(fft > 100 && barnesHut > 100, "both methods took part: " + used);
        double a = bh.quality().knnAccuracy();
        double b = adaptive.quality().knnAccuracy();
        assertEquals(a, b, 0.005, "10-NN accuracy, Barnes-Hut " + a + " vs adaptive " + b);
        assertEquals(bh.quality().kl(), adaptive.quality().kl(), 0.1 * bh.quality().kl());
    }

    @Test
    void fftEmbedsTenThousandFashionMnistImagesAsWellAsBarnesHut() throws IOException {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR),
                "needs Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist)");
        sameQuality(DataLoader.load("fashion-mnist", LoadOptions.defaults()).train().head(10_000));
    }
}
