package io.autoflow.gateway.rest;

import io.autoflow.gateway.auth.AuthenticationFilter;
import io.autoflow.gateway.idempotency.Idempotent;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What the OpenAPI document says of the whole API, at startup so that it names this deployment: where it is
 * ({@code servers}: {@code autoflow.public-url}), and the two credentials every operation takes (an API key in
 * {@code X-API-Key}, or an access token of the configured identity provider), but signed links, which need none.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class PublicApiDocument implements OASFilter {

    static final String API_KEY = "api_key";
    static final String BEARER = "bearer";
    static final String ERROR = "Error";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Config config = ConfigProvider.getConfig();
        String publicUrl = config.getOptionalValue("autoflow.public-url", String.class).orElse("/");
        String issuer = config.getOptionalValue("quarkus.oidc.auth-server-url", String.class).orElse("");
        openAPI.setServers(List.of(OASFactory.createServer().url(publicUrl)));
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name(AuthenticationFilter.HEADER)
                        .description("An API key of yours (POST /api/me/api-keys, or the web app's Settings)."))
                .addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer").bearerFormat("JWT")
                        .description("An access token from the identity provider " + issuer + " (OpenID Connect),"
                                + " for the audience the gateway is configured with."));
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(API_KEY),
                OASFactory.createSecurityRequirement().addScheme(BEARER)));
        PathItem signedFile = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem("/files/{token}");
        if (signedFile != null && signedFile.getGET() != null) {
            signedFile.getGET().setSecurity(new ArrayList<>()); // the link is the credential
        }
        openAPI.getComponents().addSchema(ERROR, errorSchema());
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                    .forEach((method, operation) -> documentErrors(path, operation)));
        }
    }

    /** Every error body: {@link ApiError}, an RFC 9457 problem whose {@code code} is one of {@link ErrorCode}. */
    private static Schema errorSchema() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("Every 4xx and 5xx answer, as an RFC 9457 problem (application/problem+json): a stable"
                        + " code to act on, a message for people, details, and the request's field that is wrong"
                        + " when one is.")
                .addProperty("type", string("about:blank: the status and code say what the problem is"))
                .addProperty("title", string("The status's reason phrase"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", string("What went wrong, for people (the same as message)"))
                .addProperty("code", string("Stable: act on this. Listed with their meaning in the README")
                        .enumeration(List.of((Object[]) ErrorCode.codes())))
                .addProperty("message", string("What went wrong, for people"))
                .addProperty("details", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT,
                        Schema.SchemaType.NULL)).additionalPropertiesBoolean(true)
                        .description("Facts about the problem, by code (e.g. field and character for"
                                + " invalid_character)"))
                .addProperty("param", string("The field or query parameter that is wrong, as the request spells it"))
                .required(List.of("type", "title", "status", "detail", "code", "message"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }

    /**
     * The errors an operation can answer, by what it is: every one can be refused by the platform (500, 503);
     * every one that takes a credential 401 and 429 (requests per day); one with a body or parameters 400; one
     * about a named thing 404; an upload 413 and 415; a retried one (Idempotency-Key) 409 and 422.
     */
    private static void documentErrors(String path, Operation operation) {
        boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        boolean hasInput = operation.getRequestBody() != null
                || operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean upload = operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().hasMediaType("multipart/form-data");
        boolean idempotent = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> parameter.getRef() != null
                        && parameter.getRef().endsWith("/" + Idempotent.PARAMETER));
        addError(operation, hasInput, "400", "The request is not valid: the code says why, param names the field");
        addError(operation, secured, "401", "No credential, or one that is not valid");
        addError(operation, secured, "403", "The credential does not allow this");
        addError(operation, path.contains("{"), "404", "Not found, or not the caller's");
        addError(operation, idempotent, "409", "A request with this Idempotency-Key is still running: retry soon");
        addError(operation, upload, "413", "The document is larger than the caller's tier allows");
        addError(operation, upload, "415", "The document's type is not one this accepts");
        addError(operation, idempotent, "422", "The Idempotency-Key was used for another request");
        addError(operation, secured, "429", "The tier's requests per day are used up (see Retry-After)");
        addError(operation, true, "500", "Our failure; nothing was kept");
        addError(operation, true, "503", "A part of the platform is unavailable: try again (see Retry-After)");
    }

    private static void addError(Operation operation, boolean applies, String status, String description) {
        if (!applies || operation.getResponses() == null || operation.getResponses().hasAPIResponse(status)) {
            return;
        }
        operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(ApiError.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(ERROR)))));
    }
}
