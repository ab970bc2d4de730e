package dev.embedscope.tsne;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FashionMnist;
import dev.embedscope.pipeline.EmbeddingJob;
import dev.embedscope.pipeline.JobListener;
import dev.embedscope.pipeline.JobOptions;
import dev.embedscope.pipeline.JobResult;
import dev.embedscope.scale.Scaling;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A whole embedding with the FFT repulsion against the same one with Barnes-Hut: the same 10-NN accuracy. */
class FftEmbeddingTest {

    static JobResult run(Dataset d, TsneOptions.Method method) {
        JobOptions o = JobOptions.builder(TsneOptions.builder().threads(2).method(method).build())
                .quality(d.rows()).build();
        return EmbeddingJob.of(o).run(d, Scaling.fitOn(d, null), JobListener.NONE);
    }

    @Test
    void fftEmbedsTheSampleAsWellAsBarnesHut() throws IOException {
        Dataset d = FashionMnist.sample().train();
        JobResult bh = run(d, TsneOptions.Method.BARNES_HUT);
        JobResult fft = run(d, TsneOptions.Method.FFT);
        assertTrue(fft.backend().repulsion().startsWith("FFT interpolation"), fft.backend().repulsion());
        double a = bh.quality().knnAccuracy();
        double b = fft.quality().knnAccuracy();
        assertEquals(a, b, 0.005, "10-NN accuracy, Barnes-Hut " + a + " vs FFT " + b);
        // the default grid's force error shows as a somewhat higher KL (6 % here), never as a different picture
        assertEquals(bh.quality().kl(), fft.quality().kl(), 0.1 * bh.quality().kl());
    }
}
