package io.autoflow.automation.service;

/**
 * A credential request refused for a reason its caller can act on: the HTTP status the internal API answers, a
 * stable code (the gateway's {@code ErrorCode} of the same name), a message and the field at fault, if one. Never
 * holds the secret.
 */
public class CredentialRefused extends RuntimeException {

    public static final String INVALID_NAME = "invalid_credential_name";
    public static final String INVALID_KIND = "invalid_credential_kind";
    public static final String MISSING_SECRET = "missing_secret";
    public static final String INVALID_SECRET = "invalid_secret";
    public static final String EXISTS = "credential_exists";
    public static final String NOT_FOUND = "credential_not_found";
    public static final String TOO_MANY = "too_many_credentials";

    private final int status;
    private final String code;
    private final String param;

    public CredentialRefused(int status, String code, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.param = param;
    }

    static CredentialRefused invalid(String code, String message, String param) {
        return new CredentialRefused(400, code, message, param);
    }

    static CredentialRefused notFound(String name) {
        return new CredentialRefused(404, NOT_FOUND, "No credential named '" + name + "'", null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request's field at fault, as the API spells it, or null. */
    public String param() {
        return param;
    }
}
