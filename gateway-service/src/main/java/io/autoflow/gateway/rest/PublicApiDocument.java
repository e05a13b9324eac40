package io.autoflow.gateway.rest;

import io.autoflow.gateway.auth.AuthenticationFilter;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
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
    }
}
