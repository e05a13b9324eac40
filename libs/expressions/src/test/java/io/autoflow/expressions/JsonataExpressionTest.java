package io.autoflow.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonataExpressionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An API's answer: orders with a region, a product and an amount. */
    private static final String ORDERS = """
            {"orders": [
              {"region": "EU", "product": "Gizmo", "amount": 120.5},
              {"region": "US", "product": "Gizmo", "amount": 80},
              {"region": "EU", "product": "Widget", "amount": 40},
              {"region": "EU", "product": "Gizmo", "amount": 9.5}
            ]}""";

    /** Cases in the manner of JSONata's reference test suite (path, filter, aggregate, group, string functions). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "orders[region='EU'].amount|[120.5,40,9.5]",
        "$sum(orders[region='EU'].amount)|170",
        "$count(orders)|4",
        "orders{product: $sum(amount)}|{\"Gizmo\":210,\"Widget\":40}",
        "$max(orders.amount)|120.5",
        "$join(orders[amount>50].product, ', ')|\"Gizmo, Gizmo\"",
        "$uppercase(orders[0].region)|\"EU\"",
        "orders[region='ASIA']|null"})
    void evaluatesLikeTheReferenceImplementation(String expression, String expected) throws Exception {
        JsonNode result = JsonataExpression.compile(expression).evaluate(JSON.readTree(ORDERS),
                ExpressionBounds.DEFAULT);
        assertThat(result).isEqualTo(JSON.readTree(expected));
    }

    @Test
    void aMalformedExpressionIsRefusedWhenSavedWithWhereItGoesWrong() {
        assertThatThrownBy(() -> JsonataExpression.compile("orders[region='EU'.amount"))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_expression");
                    assertThat(e.details().path("position").asInt()).isBetween(15, 26);
                    assertThat(e.details().path("jsonata_code").asText()).startsWith("S0");
                    assertThat(e.getMessage()).startsWith("The expression is not valid JSONata at character");
                });
        assertThatThrownBy(() -> JsonataExpression.compile("  ")).isInstanceOfSatisfying(ExpressionException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_expression"));
        assertThatThrownBy(() -> JsonataExpression.compile("$sum(orders.amount"))
                .isInstanceOfSatisfying(ExpressionException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_expression"));
    }

    @Test
    void anEndlessRecursionStopsWithItsOwnCode() {
        JsonataExpression endless = JsonataExpression.compile("($f := function($x) { $f($x + 1) }; $f(0))");
        assertThatThrownBy(() -> endless.evaluate(null, new ExpressionBounds(500, 50, 1024)))
                .isInstanceOfSatisfying(ExpressionException.class,
                        e -> assertThat(e.code()).isIn("expression_too_deep", "expression_timeout"));
    }

    @Test
    void anExpressionRunningTooLongStopsWithItsOwnCode() {
        JsonataExpression slow = JsonataExpression.compile("$sum([1..3000000])");
        assertThatThrownBy(() -> slow.evaluate(null, new ExpressionBounds(100, 1000, Long.MAX_VALUE)))
                .isInstanceOfSatisfying(ExpressionException.class,
                        e -> assertThat(e.code()).isEqualTo("expression_timeout"));
    }

    @Test
    void anExpressionBuildingTooMuchStopsWithItsOwnCode() {
        JsonataExpression big = JsonataExpression.compile("[1..100000].('row ' & $string($))");
        assertThatThrownBy(() -> big.evaluate(null, new ExpressionBounds(10_000, 200, 100_000)))
                .isInstanceOfSatisfying(ExpressionException.class, e -> {
                    assertThat(e.code()).isEqualTo("expression_output_too_large");
                    assertThat(e.details().path("limit").asText()).isEqualTo("max_output_bytes");
                    assertThat(e.details().path("max").asLong()).isEqualTo(100_000);
                });
    }

    @Test
    void anErrorOnThisInputIsTheExpressionsNotOurs() {
        assertThatThrownBy(() -> JsonataExpression.compile("$sum(orders.region)").evaluate(JSON.readTree(ORDERS),
                ExpressionBounds.DEFAULT)).isInstanceOfSatisfying(ExpressionException.class,
                        e -> assertThat(e.code()).isEqualTo("expression_failed"));
    }
}
