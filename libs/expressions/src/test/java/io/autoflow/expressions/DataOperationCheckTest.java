package io.autoflow.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autoflow.events.CodedException;
import io.autoflow.events.data.AggregateFunction;
import io.autoflow.events.data.DataOperation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataOperationCheckTest {

    @Test
    void aWholeChainPasses() {
        assertThatCode(() -> DataOperationCheck.check(List.of(
                new DataOperation.Filter("`Cost Total $` > 1000 and region in ['EU', 'US']"),
                new DataOperation.Derive("margin", "revenue - cost"),
                new DataOperation.Join("regions", List.of("region"), "left"),
                new DataOperation.GroupBy(List.of("region"), List.of(
                        new DataOperation.Aggregate(AggregateFunction.COUNT, null, null),
                        new DataOperation.Aggregate(AggregateFunction.MEAN, "margin", "margin"))),
                new DataOperation.Limit(10)), Set.of("regions"))).doesNotThrowAnyException();
    }

    @Test
    void aRefusalNamesTheOperationAndTheField() {
        CodedException expression = refusal(List.of(new DataOperation.Select(List.of("a")),
                new DataOperation.Derive("b", "a +")));
        assertThat(expression.code()).isEqualTo("invalid_expression");
        assertThat(expression.details().path("operation").asInt()).isEqualTo(1);
        assertThat(expression.details().path("field").asText()).isEqualTo("expression");
        assertThat(expression.details().path("position").asInt()).isEqualTo(3);

        CodedException sum = refusal(List.of(new DataOperation.GroupBy(List.of("a"),
                List.of(new DataOperation.Aggregate(AggregateFunction.SUM, null, null)))));
        assertThat(sum.code()).isEqualTo("invalid_operation");
        assertThat(sum.details().path("field").asText()).isEqualTo("aggregates.column");

        assertThat(refusal(List.of(new DataOperation.Join("other", List.of("id"), "inner"))).getMessage())
                .contains("no other input named 'other'");
        assertThat(catchThrowableOfType(CodedException.class, () -> DataOperationCheck.check(List.of(
                new DataOperation.Join("other", List.of("id"), "outer")), Set.of("other"))).details()
                .path("field").asText()).isEqualTo("how");
        assertThat(refusal(List.of(new DataOperation.Rename(Map.of("a", " ")))).details().path("field").asText())
                .isEqualTo("columns.a");
        assertThat(refusal(List.of(new DataOperation.Sort(List.of()))).details().path("field").asText())
                .isEqualTo("by");
        assertThat(refusal(List.of(new DataOperation.Limit(-1))).details().path("field").asText()).isEqualTo("rows");
        assertThat(refusal(Collections.nCopies(51, new DataOperation.Limit(1))).code())
                .isEqualTo("invalid_operation");
    }

    private static CodedException refusal(List<DataOperation> operations) {
        return catchThrowableOfType(CodedException.class, () -> DataOperationCheck.check(operations, Set.of()));
    }
}
