package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Which control characters text from a caller may hold. PostgreSQL text cannot store U+0000, and nothing we keep has a
 * use for the other C0 controls, so they are refused before anything is stored: free text (a message) may hold only
 * TAB, LF and CR; a name or identifier (a file name, a key's name) none at all, CR and LF included, since it is shown
 * on one line and travels in headers.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** Where free text holds a character it may not (a C0 control but TAB, LF and CR), or -1. */
    public static int inFreeText(String text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Where a name holds a control character (C0, DEL or C1), or -1. */
    public static int inName(String name) {
        if (name == null) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** @throws ApiException 400 {@code invalid_character} when the free text in {@code field} holds one it may not */
    public static void refuseInFreeText(String field, String text) {
        int at = inFreeText(text);
        if (at >= 0) {
            throw refusal(field, text.charAt(at));
        }
    }

    /** @throws ApiException 400 {@code invalid_character} when the name in {@code field} holds a control character */
    public static void refuseInName(String field, String name) {
        int at = inName(name);
        if (at >= 0) {
            throw refusal(field, name.charAt(at));
        }
    }

    /** The answer to a field holding a character it may not: the field and the character's code point. */
    public static ApiException refusal(String field, char character) {
        String codePoint = String.format("U+%04X", (int) character);
        return ApiException.withParam(ErrorCode.INVALID_CHARACTER, "'" + field + "' holds the control character "
                + codePoint + ", which it may not", field, JsonNodeFactory.instance.objectNode().put("field", field)
                .put("character", codePoint));
    }
}
