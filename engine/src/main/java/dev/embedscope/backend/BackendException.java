package dev.embedscope.backend;

import java.util.List;

/**
 * A backend that cannot be opened: no provider of that name on the class path (with the names there
 * are), or a provider without a device that answers (with its reason). Facts for the caller to
 * phrase with its own option names.
 */
public final class BackendException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String backend;
    private final List<String> known;

    private BackendException(String message, String backend, List<String> known) {
        super(message);
        this.backend = backend;
        this.known = known;
    }

    /** No backend of this name; {@code known} lists those there are (with auto). */
    public static BackendException unknown(String backend, List<String> known) {
        return new BackendException(backend + ": no such backend on the class path (found: " + String.join(", ", known)
                + ")", backend, List.copyOf(known));
    }

    /** The backend is there, but no device answers. */
    public static BackendException unavailable(String backend, String reason) {
        return new BackendException(backend + ": " + reason, backend, List.of());
    }

    /** The name asked for. */
    public String backend() {
        return backend;
    }

    /** The names on the class path (empty when the backend exists but is unavailable). */
    public List<String> known() {
        return known;
    }
}
