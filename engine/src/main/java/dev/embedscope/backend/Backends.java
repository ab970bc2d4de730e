package dev.embedscope.backend;

import java.util.ArrayList;
import java.util.List;
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

    public static ComputeBackend open(String which, BackendRequest request, Consumer<String> say) {
        List<BackendProvider> all = providers();
        if (which.equals("auto")) {
            for (BackendProvider p : all) {
                if (!p.name().equals("cpu") && p.hasGpu()) {
                    try {
                        ComputeBackend b = p.open(request);
                        say.accept("backend auto: using " + b.name() + " on " + b.device());
                        return b;
                    } catch (RuntimeException e) {
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
                return p.open(request);
            }
        }
        List<String> names = new ArrayList<>();
        for (BackendProvider p : all) {
            names.add(p.name());
        }
        throw new IllegalArgumentException("--backend " + which + ": no such backend on the class path (found: "
                + String.join(", ", names) + ", auto)");
    }
}
