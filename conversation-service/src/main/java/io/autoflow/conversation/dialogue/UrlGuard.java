package io.autoflow.conversation.dialogue;

import io.autoflow.outbound.OutboundUrls;
import io.autoflow.outbound.UrlNotAllowedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Holds the URLs of a request, whoever read them (the model or the offline parser), to the platform's SSRF rules at
 * once, so the user hears about a private-network address while still in the conversation rather than from a failed
 * job. A host that does not resolve from here is left to the service that calls it, which checks again anyway.
 */
@ApplicationScoped
public class UrlGuard {

    private static final List<String> URL_PARAMETERS = List.of("file", "url", "webhook_url");

    private final boolean allowLoopback;

    public UrlGuard(@ConfigProperty(name = "autoflow.url-fetch.allow-loopback", defaultValue = "false")
            boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** A URL parameter the platform will not call, and why. */
    public record Refusal(String parameter, String url, String why) {
    }

    public Optional<Refusal> check(Map<String, Object> parameters) {
        for (String name : URL_PARAMETERS) {
            if (parameters.get(name) instanceof String value && value.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
                Optional<String> why = refusal(value);
                if (why.isPresent()) {
                    return Optional.of(new Refusal(name, value, why.get()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> refusal(String url) {
        try {
            URI uri = OutboundUrls.parse(url);
            OutboundUrls.resolve(uri.getHost(), allowLoopback);
            return Optional.empty();
        } catch (UrlNotAllowedException e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
