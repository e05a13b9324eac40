package io.autoflow.gateway.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The web app's page for a job, {@code /jobs/{id}} (the link in emails): the app itself, which opens that job. The
 * app's files are served from {@code META-INF/resources} at {@code /}.
 */
@Path("/jobs/{id}")
public class WebAppResource {

    @Operation(hidden = true)
    @GET
    @Produces(MediaType.TEXT_HTML)
    public InputStream page() {
        return WebAppResource.class.getResourceAsStream("/META-INF/resources/index.html");
    }
}
