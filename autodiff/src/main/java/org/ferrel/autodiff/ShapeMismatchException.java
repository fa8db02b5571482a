package org.ferrel.autodiff;

/** Two or more operands of an operation have shapes that do not fit together. */
public final class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeMismatchException(String operation, Shape a, Shape b) {
        super(operation + ": shapes " + a + " and " + b + " do not match");
    }

    public ShapeMismatchException(String message) {
        super(message);
    }
}
