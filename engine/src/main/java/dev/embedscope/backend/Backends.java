package dev.embedscope.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Chooses a backend by name: {@code cpu}, a named one such as {@code opencl} (an error naming the
 * reason when it has no device), or {@code auto} (the first non-CPU backend with a device, else the
 * CPU, saying which it took).
 */
public final class Backends {

    private Backends() {
    }

    public static List<BackendProvider> providers() {
        List<BackendProvider> out = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            out.add(p);
        }
        return out;
    }

    /** {@link #open(String, BackendRequest, RunShape, Consumer)} without a preflight (the shape is not known yet). */
    public static ComputeBackend open(String which, BackendRequest request, Consumer<String> say) {
        return open(which, request, null, say);
    }

    /**
     * Opens the backend named {@code which} for a run of {@code shape} (null: no preflight). A GPU
     * backend's preflight refuses a run larger than its device (under {@code auto}: a warning and
     * the CPU instead) and estimates the optimisation's time, which is said before any work starts,
     * with a hint towards the CPU's Barnes-Hut path when it is long.
     */
    public static ComputeBackend open(String which, BackendRequest request, RunShape shape, Consumer<String> say) {
        List<BackendProvider> all = providers();
        if (which.equals("auto")) {
            for (BackendProvider p : all) {
                if (!p.name().equals("cpu") && p.hasGpu()) {
                    ComputeBackend b = null;
                    try {
                        b = p.open(request);
                        double seconds = shape == null ? Double.NaN : b.preflight(shape);
                        say.accept("backend auto: using " + b.name() + " on " + b.device());
                        sayEstimate(b, shape, seconds, say);
                        return b;
                    } catch (RuntimeException e) {
                        if (b != null) {
                            b.close();
                        }
                        say.accept("backend auto: " + p.name() + " failed (" + e.getMessage() + "); using the CPU");
                    }
                }
            }
            ComputeBackend cpu = new CpuBackend(request);
            say.accept("backend auto: no GPU device answered; using the CPU (" + cpu.device() + ")");
            return cpu;
        }
        if (which.equals("cpu")) {
            return new CpuBackend(request);
        }
        for (BackendProvider p : all) {
            if (p.name().equals(which)) {
                if (!p.available()) {
                    throw new IllegalArgumentException("--backend " + which + ": " + p.unavailableReason());
                }
                ComputeBackend b = p.open(request);
                try {
                    sayEstimate(b, shape, shape == null ? Double.NaN : b.preflight(shape), say);
                } catch (RuntimeException e) {
                    b.close();
                    throw e;
                }
                return b;
            }
        }
        throw unknown("--backend", which, all);
    }

    /** Fails, before any work, when {@code which} (given to {@code option}) is neither auto nor a backend on the class path. */
    public static void requireKnown(String option, String which) {
        List<BackendProvider> all = providers();
        if (which.equals("auto") || all.stream().anyMatch(p -> p.name().equals(which))) {
            return;
        }
        throw unknown(option, which, all);
    }

    private static IllegalArgumentException unknown(String option, String which, List<BackendProvider> all) {
        List<String> names = new ArrayList<>();
        for (BackendProvider p : all) {
            names.add(p.name());
        }
        names.sort(null);
        return new IllegalArgumentException(option + " " + which + ": no such backend on the class path (found: "
                + String.join(", ", names) + ", auto)");
    }

    /**
     * Runs an open backend's preflight for one more run of {@code shape} (a backend reused across
     * runs) and says its estimate, which it returns (NaN: none); throws as {@link ComputeBackend#preflight} does.
     */
    public static double preflight(ComputeBackend b, RunShape shape, Consumer<String> say) {
        double seconds = b.preflight(shape);
        sayEstimate(b, shape, seconds, say);
        return seconds;
    }

    /** Seconds above which the estimate comes with a hint towards the CPU. */
    static final double LONG_SECONDS = 120;

    private static void sayEstimate(ComputeBackend b, RunShape shape, double seconds, Consumer<String> say) {
        if (Double.isNaN(seconds)) {
            return;
        }
        say.accept(String.format(Locale.ROOT, "%s on %s: exact repulsion, %.2g pair terms an iteration, about %s for %d"
                        + " iterations%s", b.name(), b.device(), (double) shape.points() * shape.points(), duration(seconds),
                shape.iterations(), seconds > LONG_SECONDS
                        ? "; this device is slow for it: the CPU's Barnes-Hut path (--backend cpu) is likely faster" : ""));
    }

    static String duration(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, (long) seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", (long) seconds / 3600, (long) seconds % 3600 / 60);
    }
}
