package dev.embedscope.cli.commands;

import dev.embedscope.cli.Errors;
import dev.embedscope.backend.BackendProvider;
import dev.embedscope.backend.Backends;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope devices}: the compute backends and their devices, and the ND4J backend in use. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the backends (cpu, OpenCL platforms and devices) and the ND4J backend in use.")
public final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (BackendProvider p : Backends.providers()) {
            for (String line : p.describeDevices()) {
                out.println(line);
            }
        }
        String nd4j;
        try {
            nd4j = Nd4j.getBackend().getClass().getSimpleName() + " (dense algebra: PCA, kNN GEMM tiles, statistics)";
        } catch (Exception | LinkageError e) { // a -Pcuda build without CUDA: listed as unusable, like an absent OpenCL
            nd4j = "none usable (" + Errors.describe(e) + ")";
        }
        out.println("nd4j: " + nd4j);
        out.flush();
        return 0;
    }
}
