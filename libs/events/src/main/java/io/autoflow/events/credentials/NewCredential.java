package io.autoflow.events.credentials;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A credential to store, as the gateway hands it to automation-service's internal API ({@code POST
 * /automation/credentials/{userId}}); automation-service checks it ({@code invalid_credential_name},
 * {@code invalid_credential_kind}, {@code missing_secret}, {@code invalid_secret}).
 *
 * @param name how steps refer to it: letters, digits, '-', '_', '.', at most 64 characters, unique per user
 * @param kind how it is applied to a call: {@link CredentialView#BEARER}, {@link CredentialView#HEADER},
 *        {@link CredentialView#BASIC} or {@link CredentialView#QUERY}
 * @param headerName the header a {@code header} credential is sent in; null for other kinds
 * @param username the user name of a {@code basic} credential (the secret is its password); null for other kinds
 * @param parameterName the query parameter a {@code query} credential is sent in; null for other kinds
 * @param secret the secret itself: never logged, never returned
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
// Read by another service: a field added by a newer writer must not fail an older reader.
@JsonIgnoreProperties(ignoreUnknown = true)
public record NewCredential(String name, String kind, String headerName, String username, String parameterName,
        String secret) {

    /** Never the secret: a record's own toString would print it into any log line that names the record. */
    @Override
    public String toString() {
        return "NewCredential[name=" + name + ", kind=" + kind + ", headerName=" + headerName + ", parameterName="
                + parameterName + ", secret=" + (secret == null ? "null" : "(hidden)") + "]";
    }
}
