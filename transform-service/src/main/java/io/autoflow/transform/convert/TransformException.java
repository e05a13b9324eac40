package io.autoflow.transform.convert;

import io.autoflow.events.CodedException;

/** A document that cannot be converted, with the stable code the job fails with. */
public class TransformException extends CodedException {

    public TransformException(String code, String message) {
        super(code, message);
    }
}
