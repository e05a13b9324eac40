package io.autoflow.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void partsAreRenderedOverTheContextAsText() throws Exception {
        JsonNode context = new ObjectMapper().readTree("""
                {"trigger": {"week": 49, "region": "EU", "tags": ["a", "b"]},
                 "steps": {"totals": {"rows": 12}}}""");
        Template template = Template.compile("week={{ trigger.week }}&r={{ trigger.region }}&t={{ trigger.tags }}"
                + "&n={{ steps.totals.rows * 2 }}&missing={{ trigger.nothing }}");
        assertThat(template.isLiteral()).isFalse();
        assertThat(template.render(context, ExpressionBounds.DEFAULT))
                .isEqualTo("week=49&r=EU&t=[\"a\",\"b\"]&n=24&missing=");
        assertThat(Template.compile("plain {text}").render(context, ExpressionBounds.DEFAULT)).isEqualTo("plain {text}");
        assertThat(Template.compile("plain").isLiteral()).isTrue();
    }

    @Test
    void aMalformedPartIsRefusedAtItsPositionInTheWholeText() {
        ExpressionException broken = catchThrowableOfType(ExpressionException.class,
                () -> Template.compile("https://x/?q={{ trigger. }}"));
        assertThat(broken.code()).isEqualTo("invalid_expression");
        assertThat(broken.details().path("position").asInt()).isBetween(15, 26);
        ExpressionException open = catchThrowableOfType(ExpressionException.class,
                () -> Template.compile("a {{ b"));
        assertThat(open.details().path("position").asInt()).isEqualTo(2);
    }
}
