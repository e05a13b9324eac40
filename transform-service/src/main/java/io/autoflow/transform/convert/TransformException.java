package io.autoflow.transform.convert;

/** A document that cannot be converted, with the stable code the job fails with. */
public class TransformException extends RuntimeException {

    private final String code;

    public TransformException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
