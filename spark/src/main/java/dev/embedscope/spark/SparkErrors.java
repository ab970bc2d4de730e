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

    /** The first line of an exception's message, without Spark's error-class prefix. */
    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && (root.getMessage() == null
                || root.getMessage().isBlank())) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        m = m.lines().findFirst().orElse(m).strip();
        return m.replaceFirst("^\\[[A-Z_.]+\\]\\s*", "");
    }
}
