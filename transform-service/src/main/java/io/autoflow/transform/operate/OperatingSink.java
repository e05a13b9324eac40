package io.autoflow.transform.operate;

import io.autoflow.events.data.DataOperation;
import io.autoflow.expressions.DataOperationCheck;
import io.autoflow.expressions.JsonataExpression;
import io.autoflow.service.work.Checkpoint;
import io.autoflow.transform.convert.TableSink;
import java.io.IOException;
import java.util.List;

/**
 * Applies data operations to every table on its way to a writer: each table gets its own chain of {@link Stage}s,
 * built from the operations (checked and their expressions compiled once, here), ending in the writer.
 */
public final class OperatingSink implements TableSink {

    private final List<DataOperation> operations;
    private final JsonataExpression[] expressions;
    private final Inputs inputs;
    private final TableSink out;
    private final OperationReport report;
    private Stage chain;

    /** @throws io.autoflow.events.CodedException {@code invalid_operation} or {@code invalid_expression} */
    public OperatingSink(List<DataOperation> operations, Inputs inputs, TableSink out, OperationReport report) {
        DataOperationCheck.check(operations, null);
        this.operations = operations;
        this.inputs = inputs;
        this.out = out;
        this.report = report;
        this.expressions = new JsonataExpression[operations.size()];
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i) instanceof DataOperation.Filter filter) {
                expressions[i] = JsonataExpression.compile(filter.where());
            } else if (operations.get(i) instanceof DataOperation.Derive derive) {
                expressions[i] = JsonataExpression.compile(derive.expression());
            }
        }
    }

    @Override
    public void begin(int tables) throws IOException {
        out.begin(tables);
    }

    @Override
    public void table(String name, List<String> header) throws IOException {
        endTable();
        chain = new Writer(name);
        for (int i = operations.size() - 1; i >= 0; i--) {
            chain = stage(i, chain);
        }
        chain.start(Columns.untyped(header));
    }

    private Stage stage(int at, Stage next) {
        DataOperation operation = operations.get(at);
        if (operation instanceof DataOperation.Select select) {
            return new SelectStage(select.columns(), next);
        } else if (operation instanceof DataOperation.Rename rename) {
            return new RenameStage(rename.columns(), next);
        } else if (operation instanceof DataOperation.Filter) {
            return new FilterStage(expressions[at], next);
        } else if (operation instanceof DataOperation.Derive derive) {
            return new DeriveStage(derive.column(), expressions[at], next);
        } else if (operation instanceof DataOperation.Cast cast) {
            return new CastStage(cast.columns(), report, next);
        } else if (operation instanceof DataOperation.Sort sort) {
            return new SortStage(sort.by(), next);
        } else if (operation instanceof DataOperation.Deduplicate deduplicate) {
            return new DeduplicateStage(deduplicate.columns(), next);
        } else if (operation instanceof DataOperation.GroupBy group) {
            return new GroupByStage(group.by(), group.aggregates(), next);
        } else if (operation instanceof DataOperation.Join join) {
            return new JoinStage(join.with(), join.on(), join.how(), inputs, next);
        } else if (operation instanceof DataOperation.Pivot pivot) {
            return new PivotStage(pivot, next);
        } else if (operation instanceof DataOperation.Unpivot unpivot) {
            return new UnpivotStage(unpivot, next);
        } else if (operation instanceof DataOperation.Limit limit) {
            return new LimitStage(limit.rows(), next);
        }
        throw new IllegalArgumentException("Unknown operation " + operation);
    }

    @Override
    public void row(List<String> cells) throws IOException {
        chain.row(cells);
    }

    @Override
    public void end() throws IOException {
        endTable();
        out.end();
    }

    private void endTable() throws IOException {
        if (chain != null) {
            try {
                chain.end();
            } finally {
                chain.close();
                chain = null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (chain != null) {
            chain.close(); // reading failed: what the stages hold is dropped, nothing more is written
        }
        out.close();
    }

    /** The last stage: hands the table to the writer. */
    private final class Writer extends Stage {

        private final String name;

        Writer(String name) {
            super(null);
            this.name = name;
        }

        @Override
        void start(Columns columns) throws IOException {
            out.table(name, columns.names());
        }

        @Override
        void row(List<String> cells) throws IOException {
            Checkpoint.check();
            report.rowWritten();
            out.row(cells);
        }

        @Override
        void end() {
        }
    }
}
