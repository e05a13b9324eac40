package io.autoflow.gateway.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How people may sign in to the web and mobile apps: always with an API key, and with the identity provider when one
 * is configured — then the apps run the authorization code flow with PKCE as a public client against the endpoints
 * the provider publishes in its discovery document (read once, kept after the first success).
 */
@ApplicationScoped
public class SignInOptions {

    private static final Logger LOG = Logger.getLogger(SignInOptions.class);

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled")
    boolean oidcEnabled;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    @ConfigProperty(name = "autoflow.oidc.web-client-id")
    String webClientId;

    @Inject
    ObjectMapper json;

    /** After a failed discovery, how long before asking the provider again (the endpoint needs no credentials). */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Provider provider;
    private volatile Instant nextDiscovery = Instant.MIN;

    /** The identity provider's endpoints for the apps, or empty when there is none or it cannot be reached now. */
    public Optional<Provider> provider() {
        if (!oidcEnabled) {
            return Optional.empty();
        }
        if (provider == null && Instant.now().isAfter(nextDiscovery)) {
            synchronized (this) {
                if (provider == null && Instant.now().isAfter(nextDiscovery)) {
                    provider = discover();
                    nextDiscovery = Instant.now().plus(RETRY_AFTER);
                }
            }
        }
        return Optional.ofNullable(provider);
    }

    /** The scheme, host and port the browser exchanges codes and refreshes tokens with, for the page's CSP. */
    public Optional<String> providerOrigin() {
        if (!oidcEnabled) {
            return Optional.empty();
        }
        URI uri = URI.create(issuer);
        return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    private Provider discover() {
        URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(discovery)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warnf("Identity provider discovery %s answered %d", discovery, response.statusCode());
                return null;
            }
            JsonNode metadata = json.readTree(response.body());
            return new Provider(metadata.path("issuer").asText(), webClientId,
                    metadata.path("authorization_endpoint").asText(), metadata.path("token_endpoint").asText(),
                    metadata.path("end_session_endpoint").asText(null), "openid profile email");
        } catch (IOException e) {
            LOG.warnf("Identity provider discovery %s failed: %s", discovery, e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public record Provider(String issuer, @JsonProperty("client_id") String clientId,
            @JsonProperty("authorization_endpoint") String authorizationEndpoint,
            @JsonProperty("token_endpoint") String tokenEndpoint,
            @JsonProperty("end_session_endpoint") String endSessionEndpoint, String scope) {
    }
}
