package dev.embedscope.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.RowSource;
import dev.embedscope.data.SourceType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** PCA over blocks of streamed rows against PCA of the same rows in memory: same subspace, same scores. */
class BlockPcaTest {

    /** Correlated rows: 8 latent factors with falling spread mixed into D columns, an offset far from 0. */
    static float[] correlated(int n, int d, long seed) {
        Random r = new Random(seed);
        double[][] mix = new double[8][d];
        for (double[] row : mix) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] z = new double[8];
            for (int f = 0; f < 8; f++) {
                z[f] = r.nextGaussian() * (8 - f);
            }
            for (int j = 0; j < d; j++) {
                double s = 100 + 0.1 * r.nextGaussian();
                for (int f = 0; f < 8; f++) {
                    s += z[f] * mix[f][j];
                }
                v[i * d + j] = (float) s;
            }
        }
        return v;
    }

    @Test
    void sameSubspaceVariancesAndScoresAsInMemoryPcaOverManyBlocks() {
        int n = 30000;
        int d = 60;
        float[] v = correlated(n, d, 3);
        INDArray x = FloatMatrix.of(v, n, d);
        Dataset data = new Dataset("x", x, null, null, null, null, SourceType.FLOAT32);
        assertTrue(n > 3 * BlockPca.blockRows(d), "several blocks, the last one partial");
        int k = 6;
        Pca memory = Pca.fit(x, k);
        long[] seen = new long[1];
        BlockPca.Prepare count = (first, rows, values) -> seen[0] += rows;
        Pca blocks = BlockPca.fit(RowSource.of(data), count, k, null);
        assertEquals(n, seen[0], "every row prepared once");
        for (int c = 0; c < k; c++) {
            assertEquals(memory.variances()[c], blocks.variances()[c], 1e-4 * memory.variances()[c], "variance " + c);
            double dot = 0;
            for (int j = 0; j < d; j++) {
                dot += memory.components().getDouble(j, c) * blocks.components().getDouble(j, c);
            }
            assertEquals(1, dot, 1e-5, "component " + c + " (same sign rule, so the same direction)");
        }
        assertEquals(memory.totalVariance(), blocks.totalVariance(), 1e-4 * memory.totalVariance());
        for (int j = 0; j < d; j++) {
            assertEquals(memory.mean()[j], blocks.mean()[j], 1e-3);
        }
        float[] inMemory = FloatMatrix.toArray(memory.transform(x));
        float[] streamed = BlockPca.transform(blocks, RowSource.of(data), (first, rows, values) -> { }, null);
        double worst = 0;
        for (int i = 0; i < inMemory.length; i++) {
            worst = Math.max(worst, Math.abs(inMemory[i] - streamed[i]));
        }
        assertTrue(worst < 2e-3 * Math.sqrt(memory.variances()[0]), "largest score difference " + worst);
    }

    @Test
    void preparedBlocksAreWhatThePcaSees() {
        int n = 20000;
        int d = 30;
        float[] v = correlated(n, d, 8);
        float[] doubled = v.clone();
        for (int i = 0; i < doubled.length; i++) {
            doubled[i] = 2 * doubled[i] - 5;
        }
        Dataset raw = new Dataset("x", FloatMatrix.of(v, n, d), null, null, null, null, SourceType.FLOAT32);
        BlockPca.Prepare affine = (first, rows, values) -> {
            for (int i = 0; i < rows * d; i++) {
                values[i] = 2 * values[i] - 5;
            }
        };
        Pca streamed = BlockPca.fit(RowSource.of(raw), affine, 3, null);
        Pca memory = Pca.fit(FloatMatrix.of(doubled, n, d), 3);
        for (int c = 0; c < 3; c++) {
            assertEquals(memory.variances()[c], streamed.variances()[c], 1e-4 * memory.variances()[c]);
        }
        assertEquals(memory.mean()[0], streamed.mean()[0], 1e-2);
    }
}
