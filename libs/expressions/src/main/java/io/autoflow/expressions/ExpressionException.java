package io.autoflow.expressions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.events.CodedException;

/**
 * An expression that cannot be used: {@code invalid_expression} when saved (with the character position and the
 * JSONata error code), {@code expression_timeout}, {@code expression_too_deep} or
 * {@code expression_output_too_large} when run.
 */
public final class ExpressionException extends CodedException {

    ExpressionException(String code, String message, ObjectNode details) {
        super(code, message, details);
    }

    static ExpressionException invalid(String expression, int position, String jsonataCode, String message) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("position", position);
        details.put("jsonata_code", jsonataCode);
        details.put("near", near(expression, position));
        return new ExpressionException("invalid_expression", "The expression is not valid JSONata at character "
                + position + ": " + message, details);
    }

    static ExpressionException bound(String code, String message, String limit, long max) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("limit", limit);
        details.put("max", max);
        return new ExpressionException(code, message, details);
    }

    /** The few characters around the position, so that a person sees where without counting. */
    private static String near(String expression, int position) {
        int at = Math.max(0, Math.min(position, expression.length()));
        return expression.substring(Math.max(0, at - 10), Math.min(expression.length(), at + 10));
    }
}
