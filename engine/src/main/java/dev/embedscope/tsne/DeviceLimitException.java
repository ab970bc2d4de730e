package dev.embedscope.tsne;

import java.util.Locale;

/**
 * A run that a compute device cannot take, found before any work: which device, which of its limits,
 * what the run asks and what the device has, for the caller to phrase (with its own options).
 */
public final class DeviceLimitException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The limit the run exceeds. */
    public enum Limit {
        /** Bytes of device memory in all. */
        MEMORY,
        /** Bytes of the largest single buffer. */
        LARGEST_ALLOCATION,
        /** Neighbours per point the kNN kernel keeps. */
        NEIGHBOURS,
        /** Output dimensions the kernels embed in. */
        DIMENSIONS
    }

    private final String device;
    private final Limit limit;
    private final long asked;
    private final long available;

    /**
     * @param what the work asked for, in words ("embedding 70,000 points")
     * @param asked bytes, neighbours or dimensions the run asks
     * @param available what the device has or keeps
     */
    public DeviceLimitException(String device, Limit limit, String what, long asked, long available) {
        super(describe(device, limit, what, asked, available));
        this.device = device;
        this.limit = limit;
        this.asked = asked;
        this.available = available;
    }

    private static String describe(String device, Limit limit, String what, long asked, long available) {
        return switch (limit) {
            case MEMORY -> String.format(Locale.ROOT,
                    "%s: %s needs %,d MB of device memory, the device has %,d MB", device,
                    what, asked >> 20, available >> 20);
            case LARGEST_ALLOCATION -> String.format(Locale.ROOT,
                    "%s: %s needs a buffer of %,d MB, the device allocates at"
                    + " most %,d MB at once", device, what, asked >> 20, available >> 20);
            case NEIGHBOURS -> String.format(Locale.ROOT,
                    "%s: the kNN kernel keeps at most %d neighbours and %s needs %d"
                    + " (3 × perplexity)", device, available, what, asked);
            case DIMENSIONS -> String.format(Locale.ROOT,
                    "%s: the kernels embed in 2 or 3 dimensions, not %d", device, asked);
        };
    }

    public String device() {
        return device;
    }

    public Limit limit() {
        return limit;
    }

    public long asked() {
        return asked;
    }

    public long available() {
        return available;
    }
}
