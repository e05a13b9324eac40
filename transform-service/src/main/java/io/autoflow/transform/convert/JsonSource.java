package io.autoflow.transform.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.autoflow.expressions.ExpressionBounds;
import io.autoflow.expressions.JsonataExpression;
import io.autoflow.service.work.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a JSON document (an API's answer) as one table: an array of objects gives a row per object, one object a
 * single row. Nested objects are flattened into dotted column names ({@code address.city}, as pandas'
 * {@code json_normalize}); arrays and other values inside stay JSON text; null is an empty cell. Without an
 * expression the array streams: a first pass collects the columns (in order of first appearance), a second writes
 * the rows, one object in memory at a time. With a JSONata expression (reshaping the answer: {@code data.items},
 * {@code $filter(...)}), the document is read whole, up to {@link #MAX_EXPRESSION_INPUT_BYTES}, and the
 * expression's value is the table.
 */
public final class JsonSource {

    /** A document an expression reads is held in memory: several conversions share the service's heap. */
    public static final long MAX_EXPRESSION_INPUT_BYTES = 32L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private JsonSource() {
    }

    /**
     * @param sizeBytes the document's size, to refuse one too large for an expression before reading it
     * @param jsonata applied to the whole document first, or null
     */
    public static Counts read(String name, Supplier<InputStream> document, long sizeBytes, JsonataExpression jsonata,
            TableSink sink) throws IOException {
        if (jsonata != null) {
            if (sizeBytes > MAX_EXPRESSION_INPUT_BYTES) {
                throw new TransformException("document_too_large_for_expression", "An expression reads the whole"
                        + " document in memory: at most " + MAX_EXPRESSION_INPUT_BYTES / (1024 * 1024)
                        + " MB; this one has " + sizeBytes + " bytes");
            }
            JsonNode whole;
            try (InputStream in = document.get()) {
                whole = JSON.readTree(in);
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
            return write(name, rows(jsonata.evaluate(whole, ExpressionBounds.DEFAULT)), sink);
        }
        return stream(name, document, sink);
    }

    private static Counts stream(String name, Supplier<InputStream> document, TableSink sink) throws IOException {
        Set<String> columns = new LinkedHashSet<>();
        long objects = each(document, object -> columns.addAll(flatten(object).keySet()));
        List<String> header = Cells.header(new ArrayList<>(columns));
        List<String> keys = new ArrayList<>(columns);
        sink.begin(1);
        sink.table(name, header);
        each(document, object -> sink.row(row(flatten(object), keys)));
        sink.end();
        return new Counts(1, objects, 0);
    }

    /** What to do with each object of the document. */
    private interface ObjectReader {
        void read(JsonNode object) throws IOException;
    }

    /** Reads the document's objects one at a time: the root array's, or the root object itself. */
    private static long each(Supplier<InputStream> document, ObjectReader reader) throws IOException {
        long count = 0;
        try (InputStream in = document.get(); JsonParser parser = FACTORY.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new TransformException("empty_document", "The document is empty");
            }
            if (first == JsonToken.START_OBJECT) {
                reader.read(JSON.readTree(parser));
                return 1;
            }
            if (first != JsonToken.START_ARRAY) {
                throw notATable();
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                Checkpoint.check();
                if (token != JsonToken.START_OBJECT) {
                    throw notATable();
                }
                reader.read(JSON.readTree(parser));
                count++;
            }
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
        return count;
    }

    /** An expression's value as rows: an array of objects, or one object. */
    private static List<JsonNode> rows(JsonNode value) {
        List<JsonNode> rows = new ArrayList<>();
        if (value.isObject()) {
            rows.add(value);
        } else if (value.isArray()) {
            for (JsonNode item : (ArrayNode) value) {
                if (!item.isObject()) {
                    throw new TransformException("not_a_table", "The expression's value is an array of "
                            + item.getNodeType().toString().toLowerCase(Locale.ROOT) + ", not of objects: make each row an"
                            + " object, e.g. items.{\"name\": name, \"total\": total}");
                }
                rows.add(item);
            }
        } else if (!value.isNull()) {
            throw new TransformException("not_a_table", "The expression's value is a single "
                    + value.getNodeType().toString().toLowerCase(Locale.ROOT) + ", not objects to make rows of");
        }
        return rows;
    }

    private static Counts write(String name, List<JsonNode> objects, TableSink sink) throws IOException {
        Set<String> columns = new LinkedHashSet<>();
        List<Map<String, String>> flat = new ArrayList<>(objects.size());
        for (JsonNode object : objects) {
            Map<String, String> cells = flatten(object);
            columns.addAll(cells.keySet());
            flat.add(cells);
        }
        List<String> keys = new ArrayList<>(columns);
        sink.begin(1);
        sink.table(name, Cells.header(keys));
        for (Map<String, String> cells : flat) {
            Checkpoint.check();
            sink.row(row(cells, keys));
        }
        sink.end();
        return new Counts(1, flat.size(), 0);
    }

    private static List<String> row(Map<String, String> cells, List<String> keys) {
        List<String> row = new ArrayList<>(keys.size());
        for (String key : keys) {
            row.add(cells.getOrDefault(key, ""));
        }
        return row;
    }

    /** The object's values by dotted path; nested objects flattened, everything else one cell. */
    static Map<String, String> flatten(JsonNode object) {
        Map<String, String> cells = new LinkedHashMap<>();
        flatten("", object, cells);
        return cells;
    }

    private static void flatten(String prefix, JsonNode object, Map<String, String> cells) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty()) {
                flatten(key + ".", value, cells);
            } else {
                cells.put(key, cell(value));
            }
        }
    }

    private static String cell(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        return value.toString(); // booleans as true/false, arrays and empty objects as JSON
    }

    private static TransformException notATable() {
        return new TransformException("not_a_table", "The JSON document is not an array of objects or an object:"
                + " give an expression that picks its rows (e.g. data.items)");
    }

    private static TransformException malformed(JsonProcessingException e) {
        return new TransformException("malformed_json", "The document is not valid JSON: "
                + e.getOriginalMessage() + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr() + ")"));
    }
}
