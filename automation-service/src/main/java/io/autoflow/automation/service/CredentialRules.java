package io.autoflow.automation.service;

import io.autoflow.events.credentials.CredentialView;
import io.autoflow.events.credentials.NewCredential;
import io.autoflow.outbound.ConnectionHeaders;
import java.util.regex.Pattern;

/**
 * What a stored credential may be. Everything it holds ends up in a request line or header of a call to the user's
 * API, so nothing may break one: header names are HTTP tokens, and no part holds a line break or another control
 * character. Each refusal names the field and never echoes the secret.
 */
final class CredentialRules {

    static final Pattern NAME = Pattern.compile(CredentialView.NAME_PATTERN);
    /** RFC 9110 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    /** RFC 3986 unreserved characters: sent as they are. */
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9._~-]{1,100}");
    static final int MAX_SECRET = 8192;
    private static final int MAX_USERNAME = 256;

    private CredentialRules() {
    }

    /** The credential as it will be stored: its fields checked, those of other kinds refused. */
    static NewCredential checked(NewCredential request) {
        if (request == null) {
            throw CredentialRefused.invalid(CredentialRefused.INVALID_NAME, "Give the credential's name", "name");
        }
        checkName(request.name());
        String kind = request.kind();
        if (kind == null || !(kind.equals(CredentialView.BEARER) || kind.equals(CredentialView.HEADER)
                || kind.equals(CredentialView.BASIC) || kind.equals(CredentialView.QUERY))) {
            throw CredentialRefused.invalid(CredentialRefused.INVALID_KIND,
                    "'kind' is bearer, header, basic or query", "kind");
        }
        onlyFor(kind, CredentialView.HEADER, request.headerName(), "header_name");
        onlyFor(kind, CredentialView.BASIC, request.username(), "username");
        onlyFor(kind, CredentialView.QUERY, request.parameterName(), "parameter_name");
        switch (kind) {
            case CredentialView.HEADER -> {
                if (request.headerName() == null || !HEADER_NAME.matcher(request.headerName()).matches()
                        || ConnectionHeaders.isConnectionHeader(request.headerName())) {
                    throw CredentialRefused.invalid(CredentialRefused.INVALID_KIND, "A header credential needs"
                            + " 'header_name': an HTTP header name (letters, digits and !#$%&'*+.^_`|~-, at most 100)"
                            + " that is not one of the connection's own (Host, Content-Length, ...)", "header_name");
                }
            }
            case CredentialView.BASIC -> {
                String username = request.username();
                if (username == null || username.isEmpty() || username.length() > MAX_USERNAME
                        || username.indexOf(':') >= 0 || hasControlCharacter(username)) {
                    throw CredentialRefused.invalid(CredentialRefused.INVALID_KIND, "A basic credential needs"
                            + " 'username': 1 to " + MAX_USERNAME + " characters, without ':' or control characters",
                            "username");
                }
            }
            case CredentialView.QUERY -> {
                if (request.parameterName() == null || !PARAMETER_NAME.matcher(request.parameterName()).matches()) {
                    throw CredentialRefused.invalid(CredentialRefused.INVALID_KIND, "A query credential needs"
                            + " 'parameter_name': 1 to 100 letters, digits, '.', '_', '~' or '-'", "parameter_name");
                }
            }
            default -> {
                // bearer: the secret is all it takes
            }
        }
        checkSecret(kind, request.secret());
        return request;
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw CredentialRefused.invalid(CredentialRefused.INVALID_NAME, "A credential's name is 1 to 64 letters,"
                    + " digits, '-', '_' or '.'", "name");
        }
    }

    /** A secret fit to be sent as a credential of this kind. */
    static void checkSecret(String kind, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw CredentialRefused.invalid(CredentialRefused.MISSING_SECRET, "Give the secret in 'secret'", "secret");
        }
        if (secret.length() > MAX_SECRET) {
            throw CredentialRefused.invalid(CredentialRefused.INVALID_SECRET, "A secret has at most " + MAX_SECRET
                    + " characters", "secret");
        }
        if (hasControlCharacter(secret)) {
            throw CredentialRefused.invalid(CredentialRefused.INVALID_SECRET, "A secret may hold no line break or"
                    + " other control character", "secret");
        }
        boolean inHeaderAsIs = kind.equals(CredentialView.BEARER) || kind.equals(CredentialView.HEADER);
        if (inHeaderAsIs && !secret.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw CredentialRefused.invalid(CredentialRefused.INVALID_SECRET, "A " + kind + " credential's secret is"
                    + " sent in a header as it is: printable ASCII only", "secret");
        }
    }

    private static void onlyFor(String kind, String owner, String value, String field) {
        if (value != null && !kind.equals(owner)) {
            throw CredentialRefused.invalid(CredentialRefused.INVALID_KIND, "'" + field + "' is only for a " + owner
                    + " credential", field);
        }
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0));
    }
}
