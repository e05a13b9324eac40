package io.autoflow.transform.operate;

import io.autoflow.expressions.ExpressionBounds;
import io.autoflow.expressions.JsonataExpression;
import java.io.IOException;
import java.util.List;

/** Keeps the rows for which a JSONata expression is true. */
final class FilterStage extends Stage {

    private final JsonataExpression where;
    private RowObject.Layout layout;

    FilterStage(JsonataExpression where, Stage next) {
        super(next);
        this.where = where;
    }

    @Override
    void start(Columns columns) throws IOException {
        this.layout = new RowObject.Layout(columns);
        next.start(columns);
    }

    @Override
    void row(List<String> cells) throws IOException {
        if (JsonataExpression.truthy(where.evaluateValue(Values.object(layout, cells), ExpressionBounds.DEFAULT))) {
            next.row(cells);
        }
    }
}
