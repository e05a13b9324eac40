package io.autoflow.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Why a JSON body (or the JSON of a multipart part) was refused, naming the field as the API spells it: an unknown
 * field, a value of the wrong type, or text that is not JSON. All are 400 {@code invalid_request}, the field in
 * {@code param}; never a Java type name.
 */
final class JsonBodyErrors {

    private JsonBodyErrors() {
    }

    /** @param within where the JSON came from, e.g. the multipart part {@code request}; null for the request body */
    static ApiException refusal(JsonProcessingException failure, String within) {
        if (failure instanceof InvalidCharacterException invalid) {
            return invalid.toApiException(within);
        }
        if (isTrailing(failure)) {
            return new ApiException(ErrorCode.INVALID_REQUEST, (within == null ? "The body" : "The '" + within
                    + "' part") + " is not valid JSON: more follows its value");
        }
        if (!(failure instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()
                && !(failure instanceof MismatchedInputException)) {
            String source = within == null ? "The body" : "The '" + within + "' part";
            return new ApiException(ErrorCode.INVALID_REQUEST, source + " is not valid JSON: "
                    + firstLine(failure.getOriginalMessage()));
        }
        String field = path(mapping);
        String named = within == null ? field : field.isEmpty() ? within : within + "." + field;
        String message;
        if (failure instanceof UnrecognizedPropertyException unknown) {
            message = "Unknown field '" + named + "': the fields here are " + names(unknown.getKnownPropertyIds());
        } else if (failure instanceof MismatchedInputException mismatch) {
            String expected = expected(mismatch.getTargetType());
            message = named.isEmpty() ? "The body must be " + expected : "'" + named + "' must be " + expected;
        } else {
            message = "'" + named + "' is not valid: " + firstLine(failure.getOriginalMessage());
        }
        return ApiException.withParam(ErrorCode.INVALID_REQUEST, message, named.isEmpty() ? null : named);
    }

    /** Text after the one JSON value a body holds ({@code StrictJsonTypes}: FAIL_ON_TRAILING_TOKENS). */
    private static boolean isTrailing(JsonProcessingException failure) {
        return failure instanceof MismatchedInputException && failure.getOriginalMessage() != null
                && failure.getOriginalMessage().startsWith("Trailing token");
    }

    /** The field as a path in the body, e.g. {@code output.email} or {@code headers.Authorization}. */
    static String path(JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        for (Reference step : failure.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date-time in RFC 3339 (2027-01-04T09:00:00Z)";
        }
        if (type.isEnum()) {
            return "one of " + names(java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        boolean object = Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.");
        return object ? "an object" : "of another type";
    }

    private static String names(Collection<?> names) {
        return new TreeSet<>(names.stream().map(Object::toString).toList()).stream()
                .collect(Collectors.joining(", "));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "it cannot be read";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
