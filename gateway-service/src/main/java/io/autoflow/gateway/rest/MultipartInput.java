package io.autoflow.gateway.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Collection;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartSupport;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Every multipart request, checked once after its body is read and before a resource uses any part: it must have a
 * boundary (1 to 70 characters, RFC 2046) and parts, each a {@code form-data} part with a name (else 400
 * {@code malformed_multipart}); a file's name may hold no control character, a text part none but TAB, LF and CR
 * (else 400 {@code invalid_character}, see {@link ControlCharacters}). Nothing is stored before this passes, and what
 * RESTEasy Reactive spooled is deleted when the request ends ({@code quarkus.http.body.delete-uploaded-files-on-end}).
 * A body the parser cannot read at all (cut short, a broken part header, an unknown charset) fails inside the parser,
 * before this runs; {@link #isParserFailure} lets the error mappers answer that with {@code malformed_multipart} too.
 */
public class MultipartInput {

    /** The longest boundary RFC 2046 allows. */
    static final int MAX_BOUNDARY = 70;
    /** Where RESTEasy Reactive's multipart parser lives: a failure thrown from there is the body's fault. */
    private static final String PARSER_PACKAGE = "org.jboss.resteasy.reactive.server.core.multipart.";
    private static final String[] PARSER_CLASSES = {"MultipartParser", "MultiPartParserDefinition", "FormData"};

    /** Runs for every request once its body is read; only multipart ones are looked at. */
    @ServerRequestFilter(readBody = true)
    public void checkParts(ResteasyReactiveContainerRequestContext request) {
        if (!MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(request.getMediaType())) {
            return;
        }
        String boundary = request.getMediaType().getParameters().get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw malformed("The Content-Type multipart/form-data needs a boundary of 1 to " + MAX_BOUNDARY
                    + " characters");
        }
        // The parsed form is RESTEasy Reactive's own; its MultipartFormDataInput view is the public one.
        ResteasyReactiveRequestContext context = (ResteasyReactiveRequestContext) request.getServerRequestContext();
        Map<String, Collection<FormValue>> parts = MultipartSupport.toMultipartFormDataInput(context).getValues();
        if (parts.isEmpty()) {
            throw malformed("The multipart body has no parts");
        }
        parts.forEach(MultipartInput::check);
    }

    private static void check(String name, Collection<FormValue> parts) {
        for (FormValue part : parts) {
            // The parser files a part without a form-data disposition of its own under the previous part's name.
            String disposition = part.getHeaders() == null ? null
                    : part.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
            if (name == null || name.isBlank() || disposition == null
                    || !disposition.regionMatches(true, 0, "form-data", 0, "form-data".length())) {
                throw malformed("Every part needs a header 'Content-Disposition: form-data; name=\"…\"'");
            }
            if (part.isFileItem()) {
                ControlCharacters.refuseInName(name + ".filename", part.getFileName());
            } else {
                ControlCharacters.refuseInFreeText(name, part.getValue());
            }
        }
    }

    /** Whether RESTEasy Reactive's multipart parser threw this (or its cause) while reading a body. */
    public static boolean isParserFailure(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            for (StackTraceElement frame : e.getStackTrace()) {
                if (frame.getClassName().startsWith(PARSER_PACKAGE) && isParserClass(
                        frame.getClassName().substring(PARSER_PACKAGE.length()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isParserClass(String simpleName) {
        for (String parser : PARSER_CLASSES) {
            if (simpleName.equals(parser) || simpleName.startsWith(parser + "$")) {
                return true;
            }
        }
        return false;
    }

    /** 400 {@code malformed_multipart}: the body is not multipart/form-data we can read. */
    public static ApiException malformed(String message) {
        return new ApiException(ErrorCode.MALFORMED_MULTIPART, message);
    }
}
