package io.autoflow.expressions;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JSONata expression (the dashjoin port of the reference implementation), compiled once: a malformed one is refused
 * when it is saved, with the position of the error, never at run time; a run is bounded in time, recursion depth
 * and the size of what it builds, each with its own code.
 */
public final class JsonataExpression {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Jsonata compiled;

    private JsonataExpression(String source, Jsonata compiled) {
        this.source = source;
        this.compiled = compiled;
    }

    /** Parses the expression, or refuses it with {@code invalid_expression}. */
    public static JsonataExpression compile(String source) {
        if (source == null || source.isBlank()) {
            throw ExpressionException.invalid(source == null ? "" : source, 0, "S0000", "the expression is empty");
        }
        try {
            return new JsonataExpression(source, Jsonata.jsonata(source));
        } catch (JException e) {
            throw ExpressionException.invalid(source, e.getLocation(), e.getError(), e.getMessage());
        } catch (RuntimeException e) {
            throw ExpressionException.invalid(source, 0, "S0000", String.valueOf(e.getMessage()));
        }
    }

    public String source() {
        return source;
    }

    /**
     * The expression's value for this input (null when it matches nothing).
     *
     * @throws ExpressionException past a bound, or {@code expression_failed} for an error of the expression on this
     *         input (a type error, an undefined function)
     */
    public JsonNode evaluate(JsonNode input, ExpressionBounds bounds) {
        Object result = evaluateValue(input == null ? null : JSON.convertValue(input, Object.class), bounds);
        JsonNode value = result == null ? NullNode.getInstance() : JSON.valueToTree(result);
        checkSize(value, bounds);
        return value;
    }

    /**
     * The expression's value for a plain Java input (maps, lists, strings, numbers, booleans), as the port gives it:
     * null when it matches nothing. For many small inputs (a table's rows): no JSON tree is built; the caller bounds
     * the size of what it keeps.
     */
    public Object evaluateValue(Object input, ExpressionBounds bounds) {
        Jsonata.Frame frame = compiled.createFrame();
        frame.setRuntimeBounds(bounds.timeoutMillis(), bounds.maxDepth());
        Object result;
        try {
            result = compiled.evaluate(input, frame);
        } catch (JException e) {
            throw runError(e, bounds);
        } catch (StackOverflowError e) {
            throw ExpressionException.bound("expression_too_deep", "The expression recursed too deeply",
                    "max_depth", bounds.maxDepth());
        } catch (RuntimeException e) {
            // The port throws more than JException (its $assert, $error, a cast it did not foresee): still the
            // expression's failure on this input, never ours.
            throw new ExpressionException("expression_failed", "The expression failed on this input: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), null);
        }
        return result == Jsonata.NULL_VALUE ? null : result;
    }

    /** JSONata's truthiness (its {@code $boolean}): false for nothing, false, 0, "", and empty arrays or objects. */
    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof CharSequence text) {
            return !text.isEmpty();
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(JsonataExpression::truthy);
        }
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        return true;
    }

    /** The port reports its bounds by message (its "code" is the message too): "…timeout…", "Stack overflow…". */
    private static ExpressionException runError(JException e, ExpressionBounds bounds) {
        String what = (e.getError() + " " + e.getMessage()).toLowerCase(Locale.ROOT);
        if (what.contains("timeout")) {
            return ExpressionException.bound("expression_timeout", "The expression ran longer than "
                    + bounds.timeoutMillis() + " ms", "timeout_ms", bounds.timeoutMillis());
        }
        if (what.contains("stack overflow")) {
            return ExpressionException.bound("expression_too_deep", "The expression recursed deeper than "
                    + bounds.maxDepth() + " calls", "max_depth", bounds.maxDepth());
        }
        return new ExpressionException("expression_failed", "The expression failed on this input: "
                + e.getMessage(), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("jsonata_code", e.getError()));
    }

    private static void checkSize(JsonNode value, ExpressionBounds bounds) {
        long size;
        try {
            size = JSON.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (size > bounds.maxOutputBytes()) {
            throw ExpressionException.bound("expression_output_too_large", "The expression built " + size
                    + " bytes, more than " + bounds.maxOutputBytes(), "max_output_bytes", bounds.maxOutputBytes());
        }
    }
}
