package io.autoflow.automation.service;

import io.autoflow.events.credentials.CredentialView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stored credential applied to one call: the headers and URL actually sent, and every form of the secret they
 * carry, so that whatever the run reports (a failure's message, the answer's preview, a log line) is {@link #scrub
 * scrubbed} of it. The run's result keeps the URL as the user gave it, never the one sent.
 */
final class AppliedCredential {

    private static final String HIDDEN = "[credential]";
    private static final int SHORTEST = 4;

    private final Map<String, String> headers;
    private final String url;
    private final List<String> forms;

    private AppliedCredential(Map<String, String> headers, String url, List<String> forms) {
        this.headers = headers;
        this.url = url;
        this.forms = forms;
    }

    /** The call as the user gave it. */
    static AppliedCredential none(Map<String, String> headers, String url) {
        return new AppliedCredential(headers, url, List.of());
    }

    /**
     * The call with the credential in it: in its header (a header of the user's own of the same name, in any case,
     * gives way) or in the query.
     */
    static AppliedCredential of(Credentials.Resolved credential, Map<String, String> given, String url) {
        String secret = credential.secret();
        List<String> forms = new ArrayList<>(List.of(secret));
        return switch (credential.kind()) {
            case CredentialView.BEARER -> new AppliedCredential(with(given, "Authorization", "Bearer " + secret), url,
                    forms);
            case CredentialView.HEADER -> new AppliedCredential(with(given, credential.headerName(), secret), url,
                    forms);
            case CredentialView.BASIC -> {
                String token = Base64.getEncoder().encodeToString((credential.username() + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8));
                forms.add(token);
                yield new AppliedCredential(with(given, "Authorization", "Basic " + token), url, forms);
            }
            case CredentialView.QUERY -> {
                String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
                forms.add(encoded);
                yield new AppliedCredential(given, withQuery(url, URLEncoder.encode(credential.parameterName(),
                        StandardCharsets.UTF_8) + "=" + encoded), forms);
            }
            default -> throw new UnreadableCredentialException("is of an unknown kind");
        };
    }

    Map<String, String> headers() {
        return headers;
    }

    String url() {
        return url;
    }

    /**
     * The text with every form of the secret replaced, or null for null. A form shorter than {@link #SHORTEST} is
     * left: replacing every "a" of a preview would make it unreadable, and such a secret guards nothing.
     */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (String form : forms) {
            if (form.length() >= SHORTEST) {
                scrubbed = scrubbed.replace(form, HIDDEN);
            }
        }
        return scrubbed;
    }

    private static Map<String, String> with(Map<String, String> given, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (given != null) {
            given.forEach((key, each) -> {
                if (!key.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    headers.put(key, each);
                }
            });
        }
        headers.put(name, value);
        return headers;
    }

    /** The parameter added to the query, before any fragment. */
    private static String withQuery(String url, String parameter) {
        int fragment = url.indexOf('#');
        String base = fragment < 0 ? url : url.substring(0, fragment);
        String rest = fragment < 0 ? "" : url.substring(fragment);
        String joiner = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        return base + joiner + parameter + rest;
    }
}
