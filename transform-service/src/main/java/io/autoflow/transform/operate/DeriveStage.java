package io.autoflow.transform.operate;

import io.autoflow.expressions.ExpressionBounds;
import io.autoflow.expressions.JsonataExpression;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Sets a column (new ones at the end) to a JSONata expression's value for each row. */
final class DeriveStage extends Stage {

    private final String column;
    private final JsonataExpression expression;
    private RowObject.Layout layout;
    private int at;

    DeriveStage(String column, JsonataExpression expression, Stage next) {
        super(next);
        this.column = column;
        this.expression = expression;
    }

    @Override
    void start(Columns columns) throws IOException {
        this.layout = new RowObject.Layout(columns);
        at = columns.names().indexOf(column);
        next.start(columns.with(column, null));
    }

    @Override
    void row(List<String> cells) throws IOException {
        String value = Values.cell(expression.evaluateValue(Values.object(layout, cells), ExpressionBounds.DEFAULT));
        List<String> derived = new ArrayList<>(cells);
        if (at < 0) {
            derived.add(value);
        } else {
            derived.set(at, value);
        }
        next.row(derived);
    }
}
