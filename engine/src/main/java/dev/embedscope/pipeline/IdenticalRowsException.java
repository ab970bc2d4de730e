package dev.embedscope.pipeline;

/** Every row to embed is the same (after scaling): there is nothing to embed. Carries the row count. */
public final class IdenticalRowsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int rows;

    public IdenticalRowsException(int rows) {
        super("all " + rows + " rows to embed are identical: there is nothing to embed");
        this.rows = rows;
    }

    public int rows() {
        return rows;
    }
}
