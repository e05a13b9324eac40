package io.autoflow.gateway.rest;

import io.autoflow.events.credentials.CredentialList;
import io.autoflow.events.credentials.CredentialView;
import io.autoflow.events.credentials.NewCredential;
import io.autoflow.events.credentials.RotatedSecret;
import io.autoflow.gateway.audit.AuditLog;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.CredentialApi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The caller's stored credentials, kept (encrypted) by automation-service, which checks them: {@code POST
 * /api/credentials} stores one, {@code GET} lists them by name (never a secret), {@code PUT /api/credentials/{name}}
 * gives one a new secret, {@code DELETE} removes it. A secret goes in and never comes out.
 */
@Tag(name = "Credentials",
        description = "Named secrets (an API token, a password, a key) that API calls refer to by name: stored"
                + " encrypted, never shown again.")
@Path("/api/credentials")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialResource {

    private static final Pattern NAME = Pattern.compile(CredentialView.NAME_PATTERN);
    /** automation-service's refusals, each one of our codes. */
    private static final Set<ErrorCode> REFUSALS = Set.of(ErrorCode.INVALID_CREDENTIAL_NAME,
            ErrorCode.INVALID_CREDENTIAL_KIND, ErrorCode.MISSING_SECRET, ErrorCode.INVALID_SECRET,
            ErrorCode.CREDENTIAL_NOT_FOUND, ErrorCode.CREDENTIAL_EXISTS, ErrorCode.TOO_MANY_CREDENTIALS);

    private final CurrentUser user;
    private final CredentialApi credentials;
    private final AuditLog audit;

    public CredentialResource(CurrentUser user, @RestClient CredentialApi credentials, AuditLog audit) {
        this.user = user;
        this.credentials = credentials;
        this.audit = audit;
    }

    /** A credential to store. */
    @Schema(name = "CredentialRequest", requiredProperties = {"name", "kind", "secret"})
    public record CreateRequest(
            @Schema(description = "How API calls refer to it: letters, digits, '-', '_', '.'", maxLength = 64,
                    pattern = CredentialView.NAME_PATTERN) String name,
            @Schema(description = "How it is sent: bearer (Authorization: Bearer <secret>), header (<header_name>:"
                    + " <secret>), basic (Authorization: Basic, username and the secret as password), query"
                    + " (?<parameter_name>=<secret>)", enumeration = {CredentialView.BEARER, CredentialView.HEADER,
                            CredentialView.BASIC, CredentialView.QUERY}) String kind,
            @Schema(description = "kind header: the header's name, e.g. X-Api-Key", maxLength = 100)
            String headerName,
            @Schema(description = "kind basic: the user name (never shown again)", maxLength = 256) String username,
            @Schema(description = "kind query: the parameter's name, e.g. api_key", maxLength = 100)
            String parameterName,
            @Schema(description = "The secret: stored encrypted, never shown again", maxLength = 8192,
                    writeOnly = true) String secret) {

        /** Never the secret, should anything print the request. */
        @Override
        public String toString() {
            return "CreateRequest[name=" + name + ", kind=" + kind + "]";
        }
    }

    /** A stored credential's new secret. */
    @Schema(name = "CredentialSecret", requiredProperties = "secret")
    public record RotateRequest(
            @Schema(description = "The new secret: stored encrypted, never shown again", maxLength = 8192,
                    writeOnly = true) String secret) {

        @Override
        public String toString() {
            return "RotateRequest[secret=(hidden)]";
        }
    }

    @Operation(operationId = "createCredential", summary = "Store a named secret for API calls",
            description = "Stores a secret (encrypted) under a name of yours, with how it is sent: as a bearer token,"
                    + " in a header of your choice, as the password of basic authentication, or in a query"
                    + " parameter. The secret is never shown again; give a new one with PUT. At most 100 per"
                    + " account.")
    @APIResponse(responseCode = "201", description = "Stored: how it is sent and when it was stored, never the"
            + " secret", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CredentialView.class)))
    @APIResponse(responseCode = "400", description = "invalid_credential_name, invalid_credential_kind (an unknown"
            + " kind, or the header_name, username or parameter_name it needs missing or not valid), missing_secret,"
            + " invalid_secret (too long, or a control character); param names the field")
    @APIResponse(responseCode = "409", description = "credential_exists: the caller has one of that name")
    @APIResponse(responseCode = "422", description = "too_many_credentials: the caller has as many as allowed")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(CreateRequest request, @Context HttpServerRequest http) {
        if (request == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Send a JSON object, e.g. {\"name\": \"github\","
                    + " \"kind\": \"bearer\", \"secret\": \"...\"}");
        }
        String userId = user.id().toString();
        return credentials.create(userId, new NewCredential(request.name(), request.kind(), request.headerName(),
                request.username(), request.parameterName(), request.secret()))
                .onFailure().transform(CredentialResource::translated)
                .call(made -> audit.record(userId, "credential.created", made.name(), http,
                        Map.of("kind", made.kind())))
                .map(made -> Response.status(201).entity(made).build());
    }

    @Operation(operationId = "listCredentials", summary = "The caller's credentials by name (never a secret)",
            description = "The caller's stored credentials, by name: how each is sent, when it was stored and when"
                    + " its secret was last replaced. Never a secret, nor a basic credential's user name.")
    @GET
    public Uni<CredentialList> list() {
        return credentials.list(user.id().toString()).onFailure().transform(CredentialResource::translated);
    }

    @Operation(operationId = "rotateCredential", summary = "Give a credential a new secret",
            description = "Replaces the secret of one of the caller's credentials; its name and how it is sent stay."
                    + " API calls made from this answer on use the new secret.")
    @APIResponse(responseCode = "200", description = "Replaced: the credential, never the secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CredentialView.class)))
    @APIResponse(responseCode = "400", description = "missing_secret, invalid_secret (too long, a control character,"
            + " or not printable ASCII for a bearer or header credential); param names the field")
    @APIResponse(responseCode = "404", description = "credential_not_found: no credential of that name")
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CredentialView> rotate(@RestPath String name, RotateRequest request, @Context HttpServerRequest http) {
        if (request == null) {
            throw ApiException.withParam(ErrorCode.MISSING_SECRET, "Give the new secret in 'secret'", "secret");
        }
        String userId = user.id().toString();
        return known(name).chain(() -> credentials.rotate(userId, name, new RotatedSecret(request.secret())))
                .onFailure().transform(CredentialResource::translated)
                .call(rotated -> audit.record(userId, "credential.rotated", name, http, null));
    }

    @Operation(operationId = "deleteCredential", summary = "Delete a credential",
            description = "Deletes one of the caller's credentials and its secret. A scheduled API call that refers"
                    + " to it fails from then on with credential_not_found.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "credential_not_found: no credential of that name")
    @DELETE
    @Path("/{name}")
    public Uni<Response> delete(@RestPath String name, @Context HttpServerRequest http) {
        String userId = user.id().toString();
        return known(name).chain(() -> credentials.delete(userId, name))
                .onFailure().transform(CredentialResource::translated)
                .call(() -> audit.record(userId, "credential.deleted", name, http, null))
                .map(done -> Response.noContent().build());
    }

    /** A name no credential can have is none of the caller's: automation-service is not asked. */
    private static Uni<Void> known(String name) {
        if (!NAME.matcher(name).matches()) {
            return Uni.createFrom().failure(notFound());
        }
        return Uni.createFrom().voidItem();
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.CREDENTIAL_NOT_FOUND, "No such credential");
    }

    /** automation-service's refusal as ours (it says nothing of the secret); anything else: it is unavailable. */
    private static Throwable translated(Throwable failure) {
        return Refusals.translated(failure, REFUSALS, ErrorCode.CREDENTIALS_UNAVAILABLE,
                "Credentials cannot be read or changed right now; try again");
    }
}
