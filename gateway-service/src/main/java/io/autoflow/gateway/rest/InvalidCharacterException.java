package io.autoflow.gateway.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A string in a JSON request body holds a control character free text may not ({@link ControlCharacters}). A
 * {@link MismatchedInputException}, so Jackson adds the field's path as it unwinds and the REST layer hands it to our
 * mapper as it is; it becomes 400 {@code invalid_character} naming the field.
 */
public class InvalidCharacterException extends MismatchedInputException {

    private final char character;

    InvalidCharacterException(JsonParser parser, char character) {
        super(parser, String.format("A control character (U+%04X) is not allowed in text", (int) character),
                String.class);
        this.character = character;
    }

    /** The field as a path in the body, e.g. {@code output.email} or {@code headers.Authorization}. */
    public String field() {
        return JsonBodyErrors.path(this);
    }

    /**
     * The API's answer, naming the field.
     *
     * @param within where the JSON came from, e.g. the multipart part {@code request}; null for the request body
     */
    public ApiException toApiException(String within) {
        String field = field();
        String named = within == null ? (field.isEmpty() ? "body" : field)
                : field.isEmpty() ? within : within + "." + field;
        return ControlCharacters.refusal(named, character);
    }
}
