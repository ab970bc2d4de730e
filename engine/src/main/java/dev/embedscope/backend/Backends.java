package dev.embedscope.backend;

import dev.embedscope.tsne.BackendRequest;
import dev.embedscope.tsne.ComputeBackend;
import dev.embedscope.tsne.CpuBackend;
import dev.embedscope.tsne.RunShape;
import dev.embedscope.util.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Finds a backend by name among the {@link BackendProvider}s on the class path: {@code cpu}, a named
 * one such as {@code opencl} (a {@link BackendException} when it has no device), or {@code auto}
 * (the first GPU backend whose device answers and takes the run, else the CPU, saying which).
 */
public final class Backends {

    /** The name that asks for the best backend there is. */
    public static final String AUTO = "auto";

    /** Seconds above which the estimate comes with a hint towards the CPU. */
    static final double LONG_SECONDS = 120;

    private Backends() {
    }

    public static List<BackendProvider> providers() {
        List<BackendProvider> out = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            out.add(p);
        }
        return out;
    }

    /** The backend names there are, sorted, and auto. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (BackendProvider p : providers()) {
            names.add(p.name());
        }
        names.sort(null);
        names.add(AUTO);
        return names;
    }

    /** Throws {@link BackendException} before any work when {@code which} is neither auto nor a backend there is. */
    public static void requireKnown(String which) {
        List<String> names = names();
        if (!names.contains(which)) {
            throw BackendException.unknown(which, names);
        }
    }

    /**
     * Opens the backend named {@code which} for a run of {@code shape} (null: no preflight). A GPU
     * backend's preflight refuses a run larger than its device (under {@code auto}: a note and the
     * CPU instead) and estimates the optimisation's time, which is said before any work starts.
     */
    public static ComputeBackend open(String which, BackendRequest request, RunShape shape, Consumer<String> say) {
        if (which.equals(AUTO)) {
            return openAuto(request, shape, say);
        }
        if (which.equals(CpuBackend.NAME)) {
            return new CpuBackend(request);
        }
        for (BackendProvider p : providers()) {
            if (p.name().equals(which)) {
                if (!p.available()) {
                    throw BackendException.unavailable(which, p.unavailableReason());
                }
                ComputeBackend b = p.open(request);
                try {
                    preflight(b, shape, say);
                } catch (RuntimeException e) {
                    b.close();
                    throw e;
                }
                return b;
            }
        }
        throw BackendException.unknown(which, names());
    }

    private static ComputeBackend openAuto(BackendRequest request, RunShape shape, Consumer<String> say) {
        for (BackendProvider p : providers()) {
            if (!p.name().equals(CpuBackend.NAME) && p.hasGpu()) {
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

    /**
     * Runs an open backend's preflight for one more run of {@code shape} (null: none) and says its
     * estimate, which it returns (NaN: none); throws as {@link ComputeBackend#preflight} does.
     */
    public static double preflight(ComputeBackend b, RunShape shape, Consumer<String> say) {
        if (shape == null) {
            return Double.NaN;
        }
        double seconds = b.preflight(shape);
        sayEstimate(b, shape, seconds, say);
        return seconds;
    }

    private static void sayEstimate(ComputeBackend b, RunShape shape, double seconds, Consumer<String> say) {
        if (Double.isNaN(seconds)) {
            return;
        }
        String planned = b.plannedRepulsion(shape);
        String what = planned != null ? planned : String.format(Locale.ROOT, "exact repulsion, %.2g pair terms an"
                + " iteration", (double) shape.points() * shape.points());
        say.accept(String.format(Locale.ROOT, "%s on %s: %s, about %s for %d iterations%s", b.name(), b.device(),
                what, Numbers.duration(seconds), shape.iterations(), seconds > LONG_SECONDS
                        ? "; this device is slow for it: the CPU backend is likely faster" : ""));
    }
}
