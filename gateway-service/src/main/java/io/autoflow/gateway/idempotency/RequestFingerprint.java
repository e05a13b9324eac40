package io.autoflow.gateway.idempotency;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartSupport;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * What makes two requests the same request, as a SHA-256 in hex: the method, the path, the media type (without its
 * parameters: a multipart boundary changes at every try) and the body as sent. A multipart body counts by its parts,
 * in name order: each part's name, file name and content, a file's bytes streamed from where the upload was spooled.
 * Every field is length-prefixed, so that two different requests never run together into the same bytes.
 * Reads files: call it on a worker thread.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** Once the body is read; a body read here is put back for the resource to read. */
    static String of(ResteasyReactiveContainerRequestContext request) throws IOException {
        MessageDigest digest = sha256();
        field(digest, request.getMethod());
        field(digest, request.getUriInfo().getPath());
        MediaType type = request.getMediaType();
        field(digest, type == null ? "" : type.getType() + "/" + type.getSubtype());
        if (type != null && MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(type)) {
            parts(digest, request);
        } else {
            field(digest, body(request));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] body(ContainerRequestContext request) throws IOException {
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        return body;
    }

    private static void parts(MessageDigest digest, ResteasyReactiveContainerRequestContext request)
            throws IOException {
        ResteasyReactiveRequestContext context = (ResteasyReactiveRequestContext) request.getServerRequestContext();
        Map<String, Collection<FormValue>> parts = new TreeMap<>(
                MultipartSupport.toMultipartFormDataInput(context).getValues());
        for (Map.Entry<String, Collection<FormValue>> named : parts.entrySet()) {
            for (FormValue part : named.getValue()) {
                field(digest, named.getKey());
                field(digest, part.getFileName() == null ? "" : part.getFileName());
                if (part.isFileItem()) {
                    try (InputStream file = part.getFileItem().getInputStream()) {
                        field(digest, sha256Of(file));
                    }
                } else {
                    field(digest, part.getValue() == null ? "" : part.getValue());
                }
            }
        }
    }

    private static byte[] sha256Of(InputStream content) throws IOException {
        MessageDigest digest = sha256();
        try (DigestInputStream in = new DigestInputStream(content, digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return digest.digest();
    }

    private static void field(MessageDigest digest, String value) {
        field(digest, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value.length).array());
        digest.update(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
