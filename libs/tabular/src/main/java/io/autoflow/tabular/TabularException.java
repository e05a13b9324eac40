package io.autoflow.tabular;

import io.autoflow.events.CodedException;

/** A document that cannot be read as a table, with the stable code a job fails with (e.g. {@code malformed_csv}). */
public class TabularException extends CodedException {

    public TabularException(String code, String message) {
        super(code, message);
    }
}
