package io.autoflow.events.credentials;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user's stored credentials by name, metadata only (at most as many as one user may keep, 100). */
@Schema(name = "CredentialList", requiredProperties = "credentials")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
// Read by other services: a field added by a newer writer must not fail an older reader.
@JsonIgnoreProperties(ignoreUnknown = true)
public record CredentialList(List<CredentialView> credentials) {
}
