package dev.embedscope.backend;

import dev.embedscope.tsne.BackendRequest;
import dev.embedscope.tsne.ComputeBackend;
import dev.embedscope.tsne.CpuBackend;
import java.util.List;

/** Registers the {@link CpuBackend} with {@link java.util.ServiceLoader}: always available. */
public final class CpuProvider implements BackendProvider {

    @Override
    public String name() {
        return CpuBackend.NAME;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String unavailableReason() {
        return "";
    }

    @Override
    public List<String> describeDevices() {
        return List.of("cpu: " + Runtime.getRuntime().availableProcessors() + " cores, Java heap up to "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
    }

    @Override
    public ComputeBackend open(BackendRequest request) {
        return new CpuBackend(request);
    }
}
