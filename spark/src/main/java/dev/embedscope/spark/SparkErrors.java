package dev.embedscope.spark;

import dev.embedscope.data.DataFormatException;

/** Finds, in what Spark throws (executor failures arrive wrapped), the fact the engine or a job stated. */
final class SparkErrors {

    private SparkErrors() {
    }

    /** The innermost DataFormatException among the causes, or null. */
    static DataFormatException dataFault(Throwable e) {
        DataFormatException found = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof DataFormatException d) {
                found = d;
            }
        }
        return found;
    }

    /**
     * The first line of the innermost message among the causes (where Spark's wrappers end and the reader that
     * failed speaks), without Spark's error-class prefix.
     */
    static String firstLine(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                root = t;
            }
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        m = m.lines().findFirst().orElse(m).strip();
        return m.replaceFirst("^\\[[A-Z_.]+\\]\\s*", "");
    }
}
