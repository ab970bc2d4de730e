package dev.embedscope.cli;

import dev.embedscope.backend.BackendRequest;
import dev.embedscope.backend.Backends;
import dev.embedscope.backend.ComputeBackend;
import dev.embedscope.backend.RunShape;
import dev.embedscope.tsne.TsneOptions;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The {@code --backend} option of every command that computes an embedding (embed, compare, report,
 * demo): where the kNN search, forces and steps run, opened with a preflight for the run's size.
 */
final class BackendOption {

    @Option(names = "--backend", paramLabel = "cpu|opencl|auto", defaultValue = "cpu",
            description = "Where kNN, forces and steps run: cpu (Barnes-Hut), opencl (exact repulsion on an OpenCL device),"
                    + " auto (a GPU when one answers, else the CPU; says which). Default: ${DEFAULT-VALUE}.")
    String backend;

    /** Fails before any work when the name is not a backend on the class path. */
    void check() {
        Backends.requireKnown("--backend", backend.toLowerCase(Locale.ROOT));
    }

    /**
     * The backend for embedding {@code shape}: a device too small for it is refused (under auto: the
     * CPU instead); what was taken and the expected time of exact repulsion go to {@code err} before
     * any work starts.
     */
    ComputeBackend open(TsneOptions o, RunShape shape, PrintWriter err) {
        return Backends.open(backend.toLowerCase(Locale.ROOT), BackendRequest.of(o), shape, message -> {
            err.println("embedscope: " + message);
            err.flush();
        });
    }
}
