package io.autoflow.service.files;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * A file's name as it travels in a header parameter, the same for a download (RFC 6266 {@code Content-Disposition})
 * and an email attachment (RFC 2231 MIME parameters): the name itself in UTF-8, percent-encoded ({@code UTF-8''…},
 * RFC 8187 and RFC 2231), read by every browser and mail program of the last decade, and an ASCII name for the others
 * ("météo Zürich.csv" is "meteo Zurich.csv" there, not "m_t_o_Z_rich.csv").
 */
public final class FileNames {

    /** RFC 8187 attr-char (a subset of RFC 2231's attribute-char): what may stand unencoded in the UTF-8 value. */
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private FileNames() {
    }

    /** The name without what could make it a path or break a header: separators, quotes, control characters. */
    public static String safe(String fileName) {
        String name = fileName == null ? "" : fileName.replaceAll("[\\p{Cntrl}/\\\\\"]", "_").strip();
        return name.isEmpty() ? "download" : name;
    }

    /** The name in printable ASCII, accents dropped, anything else {@code _}: for a quoted {@code filename="…"}. */
    public static String asciiFallback(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return decomposed.replaceAll("[^A-Za-z0-9 ._()\\-]", "_");
    }

    /** The name's UTF-8 bytes percent-encoded but for attr-chars, without the {@code UTF-8''} prefix. */
    public static String percentEncoded(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHARS.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
