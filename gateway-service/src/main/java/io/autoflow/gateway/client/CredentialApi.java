package io.autoflow.gateway.client;

import io.autoflow.events.ErrorInfo;
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
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * automation-service's internal API for stored credentials. It refuses what the user can act on with a 4xx and an
 * {@link ErrorInfo} ({@code details.param}: the field at fault), which this client raises as {@link Refused}; any
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

    /** A refusal of automation-service's: its status and reason. */
    final class Refused extends RuntimeException {

        private final transient ErrorInfo error;

        Refused(ErrorInfo error) {
            super(error.code(), null, false, false);
            this.error = error;
        }

        public ErrorInfo error() {
            return error;
        }
    }

    @ClientExceptionMapper
    static RuntimeException refused(Response response) {
        if (response.getStatus() < 400 || response.getStatus() >= 500) {
            return null; // the service failed: not the user's to act on
        }
        try {
            ErrorInfo error = response.readEntity(ErrorInfo.class);
            return error == null || error.code() == null ? null : new Refused(error);
        } catch (ProcessingException | IllegalStateException e) {
            return null;
        }
    }
}
