package io.autoflow.tabular;

/** A document that cannot be read as a table, with the stable code a job fails with (e.g. {@code malformed_csv}). */
public class TabularException extends RuntimeException {

    private final String code;

    public TabularException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
