package io.autoflow.transform.operate;

import io.autoflow.transform.convert.TableSink;
import java.io.IOException;

/** A step's other inputs by name (a join's {@code with}), each read as tables when an operation needs it. */
@FunctionalInterface
public interface Inputs {

    Inputs NONE = (name, sink) -> false;

    /** Reads the named input into the sink; false when there is no such input. */
    boolean read(String name, TableSink sink) throws IOException;
}
