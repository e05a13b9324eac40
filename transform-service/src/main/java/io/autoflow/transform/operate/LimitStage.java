package io.autoflow.transform.operate;

import java.io.IOException;
import java.util.List;

/** Keeps the first rows. */
final class LimitStage extends Stage {

    private final long limit;
    private long passed;

    LimitStage(long limit, Stage next) {
        super(next);
        this.limit = limit;
    }

    @Override
    void start(Columns columns) throws IOException {
        next.start(columns);
    }

    @Override
    void row(List<String> cells) throws IOException {
        if (passed < limit) {
            passed++;
            next.row(cells);
        }
    }
}
