package dev.embedscope.pipeline;

import java.util.Locale;

/**
 * A run that cannot fit in memory, found before any work: the points, the bytes it needs, the bytes
 * there are and where (the Java heap, or the machine), for the caller to phrase.
 */
public final class InsufficientMemoryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Which memory is short. */
    public enum Resource {
        /** The Java heap (its maximum can be raised). */
        HEAP,
        /** The machine's physical memory. */
        MACHINE
    }

    private final int points;
    private final long needed;
    private final long available;
    private final Resource resource;

    public InsufficientMemoryException(int points, long needed, long available, Resource resource) {
        super(resource == Resource.HEAP
                ? String.format(Locale.ROOT, "embedding %,d points needs about %.1f GB of Java heap, more than the"
                        + " %.0f %% of it a run plans on: %.1f GB of the %.1f GB Java may use", points, needed / 1e9,
                        100 * EmbeddingJob.HEAP_SHARE, EmbeddingJob.HEAP_SHARE * available / 1e9, available / 1e9)
                : String.format(Locale.ROOT, "embedding %,d points needs about %.1f GB of memory, but this machine"
                        + " has %.1f GB", points, needed / 1e9, available / 1e9));
        this.points = points;
        this.needed = needed;
        this.available = available;
        this.resource = resource;
    }

    public int points() {
        return points;
    }

    public long needed() {
        return needed;
    }

    public long available() {
        return available;
    }

    public Resource resource() {
        return resource;
    }
}
