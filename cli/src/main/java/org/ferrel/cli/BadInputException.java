package org.ferrel.cli;

/** Input the user must fix (a file, a variable, an option value); exit code 3. */
final class BadInputException extends RuntimeException {
    BadInputException(String message) {
        super(message);
    }

    BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
