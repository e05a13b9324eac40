package io.autoflow.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.autoflow.blob.BlobStoreUnavailableException;
import io.autoflow.events.CodedException;
import io.autoflow.ingest.IngestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into a JSON {@link ApiError}: clients never see an HTML page or a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return e.toError().toResponse();
    }

    /** A document refused on its way in: the status says whose fault it is and whether to try again. */
    @ServerExceptionMapper
    public Response ingest(IngestException e) {
        return ApiError.of(ErrorCode.of(e.code()), e.getMessage()).toResponse();
    }

    /** A refusal with the platform's own code (a data operation, an expression): its details say where. */
    @ServerExceptionMapper
    public Response coded(CodedException e) {
        ErrorCode code;
        try {
            code = ErrorCode.of(e.code());
        } catch (IllegalArgumentException notPublic) {
            return unexpectedFailure(e);
        }
        return ApiError.of(code, e.getMessage(), e.details(), null).toResponse();
    }

    /**
     * A JSON body with a field the API does not have, or a value of the wrong type: the field is named. (The types
     * are those Quarkus maps itself, to an empty 400, unless a mapper of the same type is ours.)
     */
    @ServerExceptionMapper({MismatchedInputException.class, UnrecognizedPropertyException.class,
            InvalidCharacterException.class, JsonProcessingException.class})
    public Response json(JsonProcessingException e) {
        return JsonBodyErrors.refusal(e, null).toError().toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException unreadable) {
            return JsonBodyErrors.refusal(unreadable, null).toError().toResponse(); // text that is not JSON
        }
        ErrorCode code = ErrorCode.ofStatus(status);
        String message = status >= 500 ? "Something went wrong on our side" : e.getMessage();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        return ApiError.of(code, message).toResponse();
    }

    /**
     * Mostly a multipart body the parser could not read (cut short, an unknown charset); the object store busy or out
     * of reach for a moment is a 503 to retry; otherwise ours.
     */
    @ServerExceptionMapper
    public Response io(IOException e) {
        return unexpectedFailure(e);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        return unexpectedFailure(e);
    }

    private static Response unexpectedFailure(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BlobStoreUnavailableException unavailable) {
                LOG.warn("The blob store is unavailable: " + unavailable.getMessage());
                return Response.fromResponse(ApiError.of(ErrorCode.STORAGE_UNAVAILABLE, "Files cannot be stored or"
                        + " read right now; try again shortly").toResponse()).header("Retry-After", "5").build();
            }
        }
        if (MultipartInput.isParserFailure(e)) {
            return MultipartInput.malformed("The multipart body cannot be read: its parts, boundaries or charset are"
                    + " broken or it ends too early").toError().toResponse();
        }
        LOG.error("Request failed", e);
        return ApiError.of(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side").toResponse();
    }
}
