package dev.embedscope.tsne;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.util.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Barnes-Hut against its exact twin, and the analytic gradient against finite differences of the exact KL. */
class GradientTest {

    static double[] positions(int n, int dims, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n * dims];
        for (int i = 0; i < n; i++) {
            int blob = i % 4;
            for (int c = 0; c < dims; c++) {
                y[i * dims + c] = r.nextGaussian() * 2 + (c == blob % dims ? 15 * (blob + 1) : 0);
            }
        }
        return y;
    }

    static double relativeError(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void barnesHutWithThetaZeroEqualsExact(int dims) {
        int n = 700;
        double[] y = positions(n, dims, dims);
        double[] exact = new double[n * dims];
        double[] bh = new double[n * dims];
        try (Parallel p = new Parallel(2)) {
            double zExact = new ExactRepulsion(n, dims, p).compute(y, exact);
            double zBh = new BarnesHutRepulsion(n, dims, 0, p).compute(y, bh);
            assertEquals(zExact, zBh, 1e-9 * zExact);
        }
        assertTrue(relativeError(bh, exact) <= 1e-6, "relative error " + relativeError(bh, exact));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void barnesHutWithThetaHalfStaysClose(int dims) {
        int n = 3000;
        double[] y = positions(n, dims, 10 + dims);
        double[] exact = new double[n * dims];
        double[] bh = new double[n * dims];
        try (Parallel p = new Parallel(2)) {
            double zExact = new ExactRepulsion(n, dims, p).compute(y, exact);
            double zBh = new BarnesHutRepulsion(n, dims, 0.5, p).compute(y, bh);
            assertEquals(zExact, zBh, 0.01 * zExact);
        }
        // stated tolerance: 2 % relative error of the repulsive force field at θ = 0.5
        double err = relativeError(bh, exact);
        assertTrue(err <= 0.02, "relative error " + err);
    }

    /** The per-point walk, the grouped walk's twin, with θ = 0 is exact too. */
    @Test
    void perPointBarnesHutWithThetaZeroEqualsExact() {
        int n = 700;
        double[] y = positions(n, 2, 2);
        double[] exact = new double[n * 2];
        double[] bh = new double[n * 2];
        try (Parallel p = new Parallel(2)) {
            double zExact = new ExactRepulsion(n, 2, p).compute(y, exact);
            double zBh = new BarnesHutRepulsion(n, 2, 0, p).perPoint().compute(y, bh);
            assertEquals(zExact, zBh, 1e-9 * zExact);
        }
        assertTrue(relativeError(bh, exact) <= 1e-6, "relative error " + relativeError(bh, exact));
    }

    /**
     * The walk per leaf summarises only cells the walk per point would summarise: its forces are no farther from
     * the exact ones than the per-point walk's, on clustered layouts from compact to spread out.
     */
    @Test
    void groupedBarnesHutIsAtLeastAsAccurateAsThePerPointWalk() {
        int n = 4000;
        for (double scale : new double[] {0.2, 1, 5}) {
            double[] y = positions(n, 2, 40);
            for (int e = 0; e < y.length; e++) {
                y[e] *= scale;
            }
            double[] exact = new double[n * 2];
            double[] grouped = new double[n * 2];
            double[] perPoint = new double[n * 2];
            double zExact;
            double zGrouped;
            double zPerPoint;
            try (Parallel p = new Parallel(2)) {
                zExact = new ExactRepulsion(n, 2, p).compute(y, exact);
                zGrouped = new BarnesHutRepulsion(n, 2, 0.5, p).compute(y, grouped);
                zPerPoint = new BarnesHutRepulsion(n, 2, 0.5, p).perPoint().compute(y, perPoint);
            }
            double eg = relativeError(grouped, exact);
            double ep = relativeError(perPoint, exact);
            assertTrue(eg <= ep, "scale " + scale + ": grouped " + eg + ", per point " + ep);
            assertTrue(Math.abs(zGrouped - zExact) <= Math.abs(zPerPoint - zExact) + 1e-12 * zExact,
                    "scale " + scale + ": Z grouped " + zGrouped + ", per point " + zPerPoint + ", exact " + zExact);
            assertTrue(eg > 0, "θ 0.5 summarises some cells at scale " + scale);
        }
    }

    /** The grouped walk gives the same bits on one thread as on three. */
    @Test
    void groupedBarnesHutDoesNotDependOnTheThreadCount() {
        int n = 5000;
        double[] y = positions(n, 2, 41);
        double[] one = new double[n * 2];
        double[] three = new double[n * 2];
        double zOne;
        double zThree;
        try (Parallel p = new Parallel(1)) {
            zOne = new BarnesHutRepulsion(n, 2, 0.5, p).compute(y, one);
        }
        try (Parallel p = new Parallel(3)) {
            zThree = new BarnesHutRepulsion(n, 2, 0.5, p).compute(y, three);
        }
        assertEquals(zOne, zThree, 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(one, three, 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void repulsionOnOutsidePointsMatchesBruteForce(int dims) {
        int n = 400;
        int m = 50;
        double[] y = positions(n, dims, 20 + dims);
        double[] q = positions(m, dims, 30 + dims);
        double[] rep = new double[m * dims];
        double[] z = new double[m];
        try (Parallel p = new Parallel(2)) {
            new BarnesHutRepulsion(n, dims, 0, p).computeExternal(y, q, m, rep, z);
        }
        for (int i = 0; i < m; i++) {
            double zi = 0;
            double[] f = new double[dims];
            for (int j = 0; j < n; j++) {
                double d2 = 0;
                for (int c = 0; c < dims; c++) {
                    d2 += (q[i * dims + c] - y[j * dims + c]) * (q[i * dims + c] - y[j * dims + c]);
                }
                double w = 1 / (1 + d2);
                zi += w;
                for (int c = 0; c < dims; c++) {
                    f[c] += w * w * (q[i * dims + c] - y[j * dims + c]);
                }
            }
            assertEquals(zi, z[i], 1e-9 * zi);
            for (int c = 0; c < dims; c++) {
                assertEquals(f[c], rep[i * dims + c], 1e-9 * Math.abs(f[c]) + 1e-15);
            }
        }
    }

    /** A dense random symmetric P summing to 1 over n points. */
    static SparseP denseP(int n, long seed) {
        Random r = new Random(seed);
        double[][] m = new double[n][n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                m[i][j] = m[j][i] = r.nextDouble() + 0.01;
                sum += 2 * m[i][j];
            }
        }
        int[] start = new int[n + 1];
        int[] cols = new int[n * (n - 1)];
        float[] vals = new float[n * (n - 1)];
        int e = 0;
        for (int i = 0; i < n; i++) {
            start[i] = e;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    cols[e] = j;
                    vals[e++] = (float) (m[i][j] / sum);
                }
            }
        }
        start[n] = e;
        return new SparseP(n, start, cols, vals);
    }

    @Test
    void analyticGradientMatchesFiniteDifferencesOfTheExactKl() {
        int n = 12;
        int dims = 2;
        SparseP p = denseP(n, 5);
        double[] y = positions(n, dims, 6);
        for (int e = 0; e < y.length; e++) {
            y[e] *= 0.1;
        }
        double[] attr = new double[n * dims];
        double[] rep = new double[n * dims];
        try (Parallel par = new Parallel(1)) {
            AttractiveForces.compute(p, y, dims, attr, par);
            double z = new ExactRepulsion(n, dims, par).compute(y, rep);
            double h = 1e-6;
            for (int e = 0; e < y.length; e++) {
                double analytic = 4 * (attr[e] - rep[e] / z);
                double keep = y[e];
                y[e] = keep + h;
                double up = KlDivergence.exact(p, y, dims, par);
                y[e] = keep - h;
                double down = KlDivergence.exact(p, y, dims, par);
                y[e] = keep;
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, analytic, 1e-6 + 1e-5 * Math.abs(numeric), "coordinate " + e);
            }
        }
    }
}
