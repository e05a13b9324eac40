package io.autoflow.gateway.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /auth/config}: what the apps need to offer sign-in, before anyone is signed in. */
@Path("/auth/config")
public class SignInResource {

    @Inject
    SignInOptions options;

    @Operation(hidden = true)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("api_keys", true);
        config.put("oidc", options.provider().orElse(null));
        return config;
    }
}
