package io.autoflow.transform.operate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Keeps some columns, in the order asked. */
final class SelectStage extends Stage {

    private final List<String> wanted;
    private int[] picked;

    SelectStage(List<String> wanted, Stage next) {
        super(next);
        this.wanted = wanted;
    }

    @Override
    void start(Columns columns) throws IOException {
        picked = columns.indexes(wanted);
        next.start(columns.pick(picked).unique());
    }

    @Override
    void row(List<String> cells) throws IOException {
        List<String> kept = new ArrayList<>(picked.length);
        for (int index : picked) {
            kept.add(cells.get(index));
        }
        next.row(kept);
    }
}
