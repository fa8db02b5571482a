package org.ferrel.dycore.model;

/** A run produced a non-finite or unphysical value: where and when. */
public final class BlowUpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int step;
    private final String field;
    private final int row;
    private final int column;

    public BlowUpException(int step, String field, int row, int column, double value, String where, String reason) {
        super("run blew up at step " + step + ": " + field + "[" + row + "][" + column + "] = " + value + " (" + where
                + ") " + reason);
        this.step = step;
        this.field = field;
        this.row = row;
        this.column = column;
    }

    public int step() {
        return step;
    }

    public String field() {
        return field;
    }

    public int row() {
        return row;
    }

    public int column() {
        return column;
    }
}
