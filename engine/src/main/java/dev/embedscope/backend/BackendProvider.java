package dev.embedscope.backend;

import dev.embedscope.tsne.BackendRequest;
import dev.embedscope.tsne.ComputeBackend;
import java.util.List;

/**
 * A kind of {@link ComputeBackend}, found with {@link java.util.ServiceLoader} (registered in
 * {@code META-INF/services/dev.embedscope.backend.BackendProvider}).
 */
public interface BackendProvider {

    /** "cpu", "opencl", …: the name a backend is asked for by. */
    String name();

    /** Whether a device answers now (and why not, through {@link #unavailableReason()}). */
    boolean available();

    /** Whether a GPU (not a CPU device such as PoCL's) answers: what {@code --backend auto} looks for. */
    default boolean hasGpu() {
        return false;
    }

    /** One line saying why {@link #available()} is false. */
    String unavailableReason();

    /** The devices this kind can use, described one per line (name, vendor, memory, version). */
    List<String> describeDevices();

    /** Opens a backend for a run with these settings. */
    ComputeBackend open(BackendRequest request);
}
