package io.autoflow.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Text with {@code {{ JSONata }}} parts, as a workflow step's fields are written ({@code
 * https://api.example.com/sales?week={{ trigger.week }}}): compiled once, so a malformed part is refused when the
 * workflow is saved, with its position in the whole text; rendered over a run's context, each part's value written as
 * text (a string as it is, numbers and booleans as JSON writes them, objects and arrays as JSON, nothing as "").
 */
public final class Template {

    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";

    private final List<Object> parts; // String literals and JsonataExpression parts, in order

    private Template(List<Object> parts) {
        this.parts = parts;
    }

    /** @throws ExpressionException {@code invalid_expression}, {@code details.position} in the whole text */
    public static Template compile(String text) {
        List<Object> parts = new ArrayList<>();
        if (text == null) {
            return new Template(parts);
        }
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf(OPEN, at);
            if (open < 0) {
                parts.add(text.substring(at));
                break;
            }
            if (open > at) {
                parts.add(text.substring(at, open));
            }
            int close = text.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                throw ExpressionException.invalid(text, open, "S0000", "'{{' is not closed by '}}'");
            }
            String source = text.substring(open + OPEN.length(), close);
            try {
                parts.add(JsonataExpression.compile(source));
            } catch (ExpressionException e) {
                int inner = e.details() == null ? 0 : e.details().path("position").asInt();
                throw ExpressionException.invalid(text, open + OPEN.length() + inner,
                        e.details() == null ? "S0000" : e.details().path("jsonata_code").asText(), e.getMessage());
            }
            at = close + CLOSE.length();
        }
        return new Template(parts);
    }

    /** Whether the text has no expression (so rendering it gives it back). */
    public boolean isLiteral() {
        return parts.stream().noneMatch(JsonataExpression.class::isInstance);
    }

    /** The text with each part's value over the context. */
    public String render(JsonNode context, ExpressionBounds bounds) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof JsonataExpression expression) {
                JsonNode value = expression.evaluate(context, bounds);
                text.append(value.isNull() ? "" : value.isTextual() ? value.textValue() : value.toString());
            } else {
                text.append(part);
            }
        }
        return text.toString();
    }
}
