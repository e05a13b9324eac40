package io.autoflow.transform.convert;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes JSON, streaming: one table is an array of objects (one key per column); several are an object with an array
 * per table name. Plain numbers become JSON numbers, true and false booleans, empty cells null, the rest strings.
 */
public final class JsonSink implements TableSink {

    private final JsonGenerator json;
    private boolean several;
    private boolean open;
    private List<String> header;

    public JsonSink(OutputStream out) throws IOException {
        this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
    }

    @Override
    public void begin(int tables) throws IOException {
        several = tables != 1;
        if (several) {
            json.writeStartObject();
        }
    }

    @Override
    public void table(String name, List<String> header) throws IOException {
        closeTable();
        this.header = header;
        if (several) {
            json.writeFieldName(name);
        }
        json.writeStartArray();
        open = true;
    }

    @Override
    public void row(List<String> cells) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < header.size(); i++) {
            json.writeFieldName(header.get(i));
            String cell = cells.get(i);
            if (cell.isEmpty()) {
                json.writeNull();
            } else if (Cells.isNumber(cell)) {
                json.writeNumber(cell);
            } else if (cell.equals("true") || cell.equals("false")) {
                json.writeBoolean(Boolean.parseBoolean(cell));
            } else {
                json.writeString(cell);
            }
        }
        json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        closeTable();
        if (several) {
            json.writeEndObject();
        }
        json.close();
    }

    private void closeTable() throws IOException {
        if (open) {
            json.writeEndArray();
            open = false;
        }
    }
}
