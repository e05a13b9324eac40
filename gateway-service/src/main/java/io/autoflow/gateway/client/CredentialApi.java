package io.autoflow.gateway.client;

import io.autoflow.events.credentials.CredentialList;
import io.autoflow.events.credentials.CredentialView;
import io.autoflow.events.credentials.NewCredential;
import io.autoflow.events.credentials.RotatedSecret;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * automation-service's internal API for stored credentials. It refuses what the user can act on with a 4xx and an
 * {@code ErrorInfo} ({@code details.param}: the field at fault), which this client raises as {@link Refused}; any
 * other failure means the service is unavailable.
 */
@RegisterRestClient(configKey = "automation")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/automation/credentials/{userId}")
public interface CredentialApi {

    @POST
    Uni<CredentialView> create(@PathParam("userId") String userId, NewCredential credential);

    @GET
    Uni<CredentialList> list(@PathParam("userId") String userId);

    @PUT
    @Path("/{name}")
    Uni<CredentialView> rotate(@PathParam("userId") String userId, @PathParam("name") String name,
            RotatedSecret secret);

    @DELETE
    @Path("/{name}")
    Uni<Void> delete(@PathParam("userId") String userId, @PathParam("name") String name);

    @ClientExceptionMapper
    static RuntimeException refused(Response response) {
        return Refused.from(response);
    }
}
