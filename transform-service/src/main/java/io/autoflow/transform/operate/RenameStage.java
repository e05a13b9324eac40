package io.autoflow.transform.operate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renames columns; rows go through as they are. */
final class RenameStage extends Stage {

    private final Map<String, String> renames;

    RenameStage(Map<String, String> renames, Stage next) {
        super(next);
        this.renames = renames;
    }

    @Override
    void start(Columns columns) throws IOException {
        List<String> names = new ArrayList<>(columns.names());
        renames.forEach((from, to) -> names.set(columns.index(from), to));
        next.start(new Columns(names, columns.types()).unique());
    }

    @Override
    void row(List<String> cells) throws IOException {
        next.row(cells);
    }
}
