package io.autoflow.notification.channel;

import io.autoflow.service.files.FileNames;
import java.util.ArrayList;
import java.util.List;

/**
 * An attachment's name in its MIME headers as RFC 2231 says: the UTF-8 name in {@code filename*} (Content-Disposition)
 * and {@code name*} (Content-Type, which some programs read instead), and the ASCII fallback in {@code filename} and
 * {@code name} for programs without RFC 2231. Vert.x mail, under the Quarkus mailer, would put RFC 2047 encoded words
 * inside the quotes instead, which RFC 2047 forbids and which several programs show as they are; so the name is given
 * here and the mailer is given none.
 */
final class AttachmentHeaders {

    /** Parameters go on lines of their own, folded as Vert.x mail folds its own headers (sent as CRLF SP). */
    private static final String FOLD = "\n ";
    /**
     * A longer UTF-8 value is split into numbered sections (RFC 2231 §3), so that no line passes RFC 5322's limit of
     * 998 characters; a shorter one stays whole, {@code filename*=UTF-8''…}, which more programs read.
     */
    private static final int LONGEST_WHOLE = 900;
    private static final int SECTION = 60;
    private static final int LONGEST_FALLBACK = 200;

    private AttachmentHeaders() {
    }

    /** {@code application/pdf; name="…"; name*=UTF-8''…} */
    static String contentType(String mediaType, String fileName) {
        return mediaType + parameters("name", FileNames.safe(fileName));
    }

    /** {@code attachment; filename="…"; filename*=UTF-8''…} */
    static String disposition(String fileName) {
        return "attachment" + parameters("filename", FileNames.safe(fileName));
    }

    private static String parameters(String attribute, String name) {
        StringBuilder out = new StringBuilder(";" + FOLD + attribute + "=\"" + shortened(FileNames.asciiFallback(name))
                + "\"");
        String encoded = FileNames.percentEncoded(name);
        if (encoded.length() <= LONGEST_WHOLE) {
            return out.append(";").append(FOLD).append(attribute).append("*=UTF-8''").append(encoded).toString();
        }
        List<String> sections = sections(encoded);
        for (int i = 0; i < sections.size(); i++) {
            out.append(";").append(FOLD).append(attribute).append('*').append(i).append("*=")
                    .append(i == 0 ? "UTF-8''" : "").append(sections.get(i));
        }
        return out.toString();
    }

    /** A fallback short enough for its line, its end (the extension) kept: it cannot be split into sections. */
    private static String shortened(String fallback) {
        return fallback.length() <= LONGEST_FALLBACK ? fallback
                : fallback.substring(0, LONGEST_FALLBACK - 21) + "_" + fallback.substring(fallback.length() - 20);
    }

    /** Pieces of at most {@link #SECTION} characters, never splitting a {@code %XX}. */
    private static List<String> sections(String encoded) {
        List<String> sections = new ArrayList<>();
        int start = 0;
        while (start < encoded.length()) {
            int end = Math.min(start + SECTION, encoded.length());
            int percent = encoded.lastIndexOf('%', end - 1);
            if (end < encoded.length() && percent > end - 3 && percent >= start) {
                end = percent;
            }
            sections.add(encoded.substring(start, end));
            start = end;
        }
        return sections;
    }
}
