package dev.embedscope.tsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.data.FloatMatrix;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.util.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AffinitiesTest {

    static KnnGraph graph(int n, int d, int k, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        try (Parallel p = new Parallel(2)) {
            return ExactKnn.selfGraph(FloatMatrix.of(v, n, d), k, p, null);
        }
    }

    @Test
    void calibratedRowsReachTheTargetPerplexity() {
        KnnGraph g = graph(800, 6, 45, 1);
        double[] cond;
        try (Parallel p = new Parallel(2)) {
            cond = Affinities.conditional(g, 15, p);
        }
        for (int i = 0; i < g.n(); i++) {
            double sum = 0;
            for (int r = 0; r < g.k(); r++) {
                sum += cond[i * g.k() + r];
                if (r > 0) {
                    assertTrue(cond[i * g.k() + r] <= cond[i * g.k() + r - 1] + 1e-15, "nearer neighbours weigh more");
                }
            }
            assertEquals(1, sum, 1e-12);
            // entropy within 1e-5 of log(15)
            assertEquals(Math.log(15), Math.log(Affinities.perplexityOf(cond, i * g.k(), g.k())), 1.01e-5, "row " + i);
        }
    }

    @Test
    void jointPIsSymmetricAndSumsToOne() {
        KnnGraph g = graph(500, 4, 30, 2);
        SparseP p;
        try (Parallel par = new Parallel(1)) {
            p = Affinities.symmetric(g, Affinities.conditional(g, 10, par));
        }
        assertEquals(1, p.sum(), 1e-6, "float32 values summed");
        for (int i = 0; i < p.n(); i++) {
            for (int e = p.rowStart()[i]; e < p.rowStart()[i + 1]; e++) {
                int j = p.cols()[e];
                assertTrue(j != i);
                assertEquals(p.vals()[e], p.get(j, i), 1e-18, "P(" + i + "," + j + ")");
                if (e > p.rowStart()[i]) {
                    assertTrue(p.cols()[e - 1] < j, "columns ascending and unique");
                }
            }
        }
    }

    @Test
    void jointPIsTheDenseSymmetrisationEntryForEntry() {
        KnnGraph g = graph(300, 3, 20, 7);
        int n = g.n();
        int k = g.k();
        double[] cond;
        SparseP p;
        try (Parallel par = new Parallel(2)) {
            cond = Affinities.conditional(g, 6, par);
            p = Affinities.symmetric(g, cond);
        }
        double norm = 1.0 / (2.0 * n);
        double[] dense = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                int j = g.neighbour(i, r);
                dense[i * n + j] += (float) cond[i * k + r] * norm;
                dense[j * n + i] += (float) cond[i * k + r] * norm;
            }
        }
        int nonZero = 0;
        for (double v : dense) {
            nonZero += v != 0 ? 1 : 0;
        }
        assertEquals(nonZero, p.rowStart()[n], "one entry per pair that is a neighbour either way");
        for (int i = 0; i < n; i++) {
            for (int e = p.rowStart()[i]; e < p.rowStart()[i + 1]; e++) {
                assertEquals((float) dense[i * n + p.cols()[e]], p.vals()[e], 0f, "P(" + i + "," + p.cols()[e] + ")");
            }
        }
    }

    @Test
    void identicalPointsGiveUniformRowsNotNaN() {
        float[] v = new float[100 * 3];
        KnnGraph g;
        try (Parallel p = new Parallel(1)) {
            g = ExactKnn.selfGraph(FloatMatrix.of(v, 100, 3), 30, p, null);
            double[] cond = Affinities.conditional(g, 10, p);
            for (double c : cond) {
                assertEquals(1.0 / 30, c, 1e-12);
            }
        }
    }

    @Test
    void affinitiesOfTheRenumberedGraphAreTheRenumberedAffinitiesBitForBit() {
        KnnGraph g = graph(400, 3, 24, 11);
        int n = g.n();
        int[] order = new int[n];
        Random r = new Random(5);
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        SparseP viaP;
        SparseP viaGraph;
        try (Parallel par = new Parallel(2)) {
            viaP = SpatialOrder.permute(Affinities.symmetric(g, Affinities.conditional(g, 8, par)), order);
            KnnGraph renumbered = SpatialOrder.permute(g, order);
            viaGraph = Affinities.symmetric(renumbered, Affinities.conditional(renumbered, 8, par));
        }
        assertArrayEquals(viaP.rowStart(), viaGraph.rowStart());
        assertArrayEquals(viaP.cols(), viaGraph.cols());
        assertArrayEquals(viaP.vals(), viaGraph.vals(), 0f);
    }

    @Test
    void conditionalRowsInPlaceAreTheRowsRoundedToFloat() {
        KnnGraph g = graph(300, 5, 20, 13);
        double[] rows;
        float[] inPlace;
        try (Parallel par = new Parallel(2)) {
            rows = Affinities.conditional(g, 6, par);
            inPlace = Affinities.conditionalInPlace(g, 6, par);
        }
        assertTrue(inPlace == g.sqDistances(), "written over the graph's distances");
        for (int e = 0; e < rows.length; e++) {
            assertEquals((float) rows[e], inPlace[e], 0f, "entry " + e);
        }
    }
}
