package io.autoflow.events.credentials;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A stored credential's new secret ({@code PUT /automation/credentials/{userId}/{name}}): the name, kind and the
 * header, user or parameter name stay as they are.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
// Read by another service: a field added by a newer writer must not fail an older reader.
@JsonIgnoreProperties(ignoreUnknown = true)
public record RotatedSecret(String secret) {

    /** Never the secret (see {@link NewCredential#toString()}). */
    @Override
    public String toString() {
        return "RotatedSecret[secret=" + (secret == null ? "null" : "(hidden)") + "]";
    }
}
