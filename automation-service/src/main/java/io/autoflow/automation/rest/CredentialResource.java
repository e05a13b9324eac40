package io.autoflow.automation.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.autoflow.automation.service.CredentialRefused;
import io.autoflow.automation.service.Credentials;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.credentials.CredentialList;
import io.autoflow.events.credentials.CredentialView;
import io.autoflow.events.credentials.NewCredential;
import io.autoflow.events.credentials.RotatedSecret;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Internal API for the gateway, which authenticates the user and serves {@code /api/credentials}: make, list
 * (metadata only), give a new secret, delete. Like every internal route it needs the service token
 * (libs/service-base {@code ServiceTokenCheck}); the user id in the path is the gateway's authenticated caller. A
 * refusal is {@link ErrorInfo} with the field at fault in {@code details.param}; no answer carries a secret.
 */
@Path("/automation/credentials/{userId}")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialResource {

    private final Credentials credentials;

    public CredentialResource(Credentials credentials) {
        this.credentials = credentials;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@PathParam("userId") String userId, NewCredential request) {
        return credentials.create(userId, request).map(made -> Response.status(201).entity(made).build());
    }

    @GET
    public Uni<CredentialList> list(@PathParam("userId") String userId) {
        return credentials.list(userId).map(CredentialList::new);
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CredentialView> rotate(@PathParam("userId") String userId, @PathParam("name") String name,
            RotatedSecret request) {
        return credentials.rotate(userId, name, request);
    }

    @DELETE
    @Path("/{name}")
    public Uni<Response> delete(@PathParam("userId") String userId, @PathParam("name") String name) {
        return credentials.delete(userId, name).map(done -> Response.noContent().build());
    }

    @ServerExceptionMapper
    public Response refused(CredentialRefused refused) {
        var details = refused.param() == null ? null : JsonNodeFactory.instance.objectNode()
                .put("param", refused.param());
        return Response.status(refused.status()).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorInfo(refused.code(), refused.getMessage(), details)).build();
    }
}
