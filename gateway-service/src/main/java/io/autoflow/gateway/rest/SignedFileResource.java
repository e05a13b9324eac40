package io.autoflow.gateway.rest;

import io.autoflow.blob.BlobStore;
import io.autoflow.blob.SignedLinks;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Downloads by signed link, {@code GET /files/{token}}: no API key, only the one file the token names, only until it
 * expires (links in emails and webhooks, {@code download_url} of a job). A bad or expired token is a 404 that says
 * nothing about whether the file exists. The file is streamed from the blob store as it is sent, never held whole
 * (converted files and reports may be hundreds of MB; {@link BlobDownload}).
 */
@Tag(name = "Files",
        description = "Files behind signed links (reports, converted files, API answers): the link is the "
                + "credential.")
@Path("/files/{token}")
public class SignedFileResource {

    private static final Map<String, String> TYPES = Map.of("pdf", "application/pdf",
            "pptx", JobViews.PPTX, "xlsx", io.autoflow.events.DocumentTypes.XLSX, "png", "image/png");

    private final SignedLinks links;
    private final BlobStore blobs;

    public SignedFileResource(SignedLinks links, BlobStore blobs) {
        this.links = links;
        this.blobs = blobs;
    }

    @Operation(operationId = "downloadFile", summary = "A file behind a signed link (no credential needed)",
            description = "The file a signed link names (a report, a converted file, an API call's answer), with its"
                    + " name in Content-Disposition. The link is the credential: it needs no API key and stops "
                    + "working when it expires.")
    @APIResponse(responseCode = "200", description = "The file, with its name in Content-Disposition and its type"
            + " (a PDF, PPTX or XLSX report, a CSV, JSON or XLSX conversion, an API's answer as it came)",
            content = @Content(mediaType = MediaType.WILDCARD,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @GET
    @Blocking
    public Response download(@RestPath String token) throws IOException {
        SignedLinks.Link link = links.verify(token, Instant.now()).orElseThrow(SignedFileResource::notFound);
        String extension = link.blobKey().substring(link.blobKey().lastIndexOf('.') + 1);
        String type = TYPES.getOrDefault(extension, "application/octet-stream");
        InputStream file = blobs.open(link.blobKey()).orElseThrow(SignedFileResource::notFound);
        return Response.ok(new BlobDownload(file, link.blobKey()), type)
                .header("Content-Disposition", ContentDisposition.attachment(link.fileName()))
                .header("Cache-Control", "private, no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.LINK_NOT_VALID, "This download link is not valid or has expired");
    }
}
