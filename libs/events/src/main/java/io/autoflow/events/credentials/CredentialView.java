package io.autoflow.events.credentials;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A stored credential as its owner may see it: what it is called, how it is applied, and when it was made and last
 * given a new secret; never the secret, nor a {@code basic} credential's user name. automation-service answers it,
 * the gateway shows it as is ({@code /api/credentials}).
 */
@Schema(name = "Credential", requiredProperties = {"name", "kind", "created_at", "rotated_at"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
// Read by other services: a field added by a newer writer must not fail an older reader.
@JsonIgnoreProperties(ignoreUnknown = true)
public record CredentialView(
        @Schema(description = "How steps refer to it: letters, digits, '-', '_', '.', at most 64 characters",
                maxLength = 64, pattern = NAME_PATTERN) String name,
        @Schema(description = "bearer: Authorization: Bearer <secret>; header: <header_name>: <secret>; basic:"
                + " Authorization: Basic with the username and the secret as password; query: ?<parameter_name>="
                + "<secret>", enumeration = {BEARER, HEADER, BASIC, QUERY}) String kind,
        @Schema(description = "The header the secret is sent in (kind header)") String headerName,
        @Schema(description = "The query parameter the secret is sent in (kind query)") String parameterName,
        Instant createdAt,
        @Schema(description = "When the secret was last replaced; its creation until then") Instant rotatedAt) {

    /** {@code Authorization: Bearer <secret>}. */
    public static final String BEARER = "bearer";
    /** {@code <header_name>: <secret>}. */
    public static final String HEADER = "header";
    /** {@code Authorization: Basic base64(<username>:<secret>)}. */
    public static final String BASIC = "basic";
    /** {@code ?<parameter_name>=<secret>}. */
    public static final String QUERY = "query";
    /** What a name is made of. */
    public static final String NAME_PATTERN = "^[A-Za-z0-9._-]{1,64}$";
}
