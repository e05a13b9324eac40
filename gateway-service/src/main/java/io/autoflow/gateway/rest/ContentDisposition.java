package io.autoflow.gateway.rest;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The {@code Content-Disposition} of a download, as RFC 6266 says: the name in UTF-8 ({@code filename*}, RFC 8187)
 * for every browser and client of the last decade, and an ASCII {@code filename} for the others ("météo Zürich.csv"
 * is "meteo Zurich.csv" there, not "m_t_o_Z_rich.csv").
 */
public final class ContentDisposition {

    /** RFC 8187 attr-char: what may stand unencoded in {@code filename*}. */
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private ContentDisposition() {
    }

    public static String attachment(String fileName) {
        String name = safeName(fileName);
        return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + encoded(name);
    }

    /** The name without what could make it a path or break the header: separators, quotes, control characters. */
    public static String safeName(String fileName) {
        String name = fileName == null ? "" : fileName.replaceAll("[\\p{Cntrl}/\\\\\"]", "_").strip();
        return name.isEmpty() ? "download" : name;
    }

    static String asciiFallback(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return decomposed.replaceAll("[^A-Za-z0-9 ._()\\-]", "_");
    }

    private static String encoded(String name) {
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
