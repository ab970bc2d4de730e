package dev.embedscope.cli.options;

import dev.embedscope.backend.Backends;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The {@code --backend} option of every command that computes an embedding (embed, compare, report,
 * demo): where the kNN search, forces and steps run.
 */
public final class BackendOption {

    @Option(names = "--backend", paramLabel = "cpu|opencl|auto", defaultValue = "cpu",
            description = "Where kNN, forces and steps run: cpu (Barnes-Hut), opencl (exact "
                    + "repulsion on an OpenCL device),"
                    + " auto (a GPU when one answers, else the CPU; says which). Default: ${DEFAULT-VALUE}.")
    String backend;

    /** The backend's name, checked to be one on the class path (or auto) before any work. */
    public String name() {
        String name = backend.toLowerCase(Locale.ROOT);
        Backends.requireKnown(name);
        return name;
    }
}
