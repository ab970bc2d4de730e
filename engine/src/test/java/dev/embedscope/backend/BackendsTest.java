package dev.embedscope.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.knn.Points;
import dev.embedscope.tsne.BackendRequest;
import dev.embedscope.tsne.ComputeBackend;
import dev.embedscope.tsne.CpuBackend;
import dev.embedscope.tsne.RunShape;
import dev.embedscope.tsne.SparseP;
import dev.embedscope.tsne.TsneOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Choosing a backend by name, with a stand-in GPU backend (registered for the tests only) whose
 * device holds 1,000 points and whose exact repulsion takes a second per 1,000² pair terms and
 * iteration: explicit choice refuses a run too big, auto falls back to the CPU, and the estimate
 * is said before any work, with a hint towards the CPU when it is long.
 */
class BackendsTest {

    static int closed;

    /** A pretend GPU with room for 1,000 points. */
    public static final class FakeGpu implements BackendProvider {
        @Override
        public String name() {
            return "fakegpu";
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public boolean hasGpu() {
            return true;
        }

        @Override
        public String unavailableReason() {
            return "";
        }

        @Override
        public List<String> describeDevices() {
            return List.of("fakegpu: Pretend GPU");
        }

        @Override
        public ComputeBackend open(BackendRequest request) {
            return new ComputeBackend() {
                @Override
                public String name() {
                    return "fakegpu";
                }

                @Override
                public String device() {
                    return "Pretend GPU";
                }

                @Override
                public boolean exactRepulsion() {
                    return true;
                }

                @Override
                public double preflight(RunShape shape) {
                    if (shape.points() > 1000) {
                        throw new IllegalArgumentException("Pretend GPU: " + shape.points()
                                + " points need more than its memory");
                    }
                    double scale = shape.points() / 1000.0;
                    return scale * scale * shape.iterations();
                }

                @Override
                public KnnGraph knn(Points x, int k, ExactKnn.Progress progress) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void prepare(SparseP p, int n, int dims) {
                }

                @Override
                public void attractive(double[] y, double[] attr) {
                }

                @Override
                public double repulsive(double[] y, double[] rep) {
                    return 0;
                }

                @Override
                public void step(StepState state, double[] attr, double[] rep, double z, StepParameters parameters) {
                }

                @Override
                public void close() {
                    closed++;
                }
            };
        }
    }

    static final BackendRequest REQUEST = BackendRequest.of(TsneOptions.builder().threads(1).build());

    static RunShape shape(int points, int iterations) {
        return new RunShape(points, 50, 90, 2, iterations);
    }

    @Test
    void anExplicitBackendRefusesARunLargerThanItsDevice() {
        int before = closed;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.open("fakegpu", REQUEST, shape(5000, 750), m -> { }));
        assertEquals("Pretend GPU: 5000 points need more than its memory", e.getMessage());
        assertEquals(before + 1, closed, "the refused backend is closed");
    }

    @Test
    void autoFallsBackToTheCpuWithAWarningWhenTheGpuCannotTakeTheRun() {
        List<String> said = new ArrayList<>();
        try (ComputeBackend b = Backends.open("auto", REQUEST, shape(5000, 750), said::add)) {
            assertInstanceOf(CpuBackend.class, b);
        }
        assertTrue(said.get(0).startsWith("backend auto: fakegpu failed (Pretend GPU: 5000 points"), said.toString());
        assertTrue(said.get(said.size() - 1).contains("using the CPU"), said.toString());
    }

    @Test
    void theEstimateIsSaidBeforeWorkWithAHintWhenLong() {
        List<String> said = new ArrayList<>();
        try (ComputeBackend b = Backends.open("auto", REQUEST, shape(1000, 750), said::add)) {
            assertEquals("fakegpu", b.name());
        }
        assertEquals("backend auto: using fakegpu on Pretend GPU", said.get(0));
        assertEquals("fakegpu on Pretend GPU: exact repulsion, 1.0e+06 pair terms an "
                + "iteration, about 12 min 30 s for 750"
                + " iterations; this device is slow for it: the CPU backend is likely faster",
                        said.get(1));
        said.clear();
        try (ComputeBackend b = Backends.open("fakegpu", REQUEST, shape(200, 750), said::add)) {
            assertEquals("fakegpu", b.name());
        }
        assertEquals(List.of("fakegpu on Pretend GPU: exact repulsion, 4.0e+04 pair terms an "
                + "iteration, about 30 s for 750"
                + " iterations"), said);
    }

    @Test
    void theCpuSaysNothingAndUnknownNamesListTheChoices() {
        List<String> said = new ArrayList<>();
        try (ComputeBackend b = Backends.open("cpu", REQUEST, shape(100000, 750), said::add)) {
            assertTrue(Double.isNaN(b.preflight(shape(100000, 750))));
        }
        assertEquals(List.of(), said);
        BackendException e = assertThrows(BackendException.class,
                () -> Backends.open("cuda", REQUEST, shape(10, 10), m -> { }));
        assertEquals("cuda: no such backend on the class path (found: cpu, fakegpu, auto)", e.getMessage());
        assertEquals(List.of("cpu", "fakegpu", "auto"), e.known());
        assertThrows(BackendException.class, () -> Backends.requireKnown("cuda"));
        Backends.requireKnown("fakegpu");
    }
}
