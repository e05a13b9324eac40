package io.autoflow.transform.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.events.CodedException;
import io.autoflow.expressions.JsonataExpression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** An API's answer as a table: arrays of objects, nested objects, and JSONata picking the rows first. */
class JsonSourceTest {

    private static final String ORDERS = """
            {"meta": {"page": 1},
             "data": {"items": [
               {"id": 1, "region": "EU", "product": {"name": "apples", "tags": ["fruit"]}, "total": 10.50, "paid": true},
               {"id": 2, "region": "US", "product": {"name": "pears"}, "total": 7, "note": "rush, \\"now\\""},
               {"id": 3, "region": "EU", "product": null, "total": 1e3, "paid": false}]}}""";

    @Test
    void anArrayOfObjectsStreamsWithEveryKeyAsAColumnAndNestedObjectsFlattened() throws IOException {
        String items = ORDERS.substring(ORDERS.indexOf('['), ORDERS.lastIndexOf(']') + 1);
        assertThat(csv(items, null)).isEqualTo("""
                id,region,product.name,product.tags,total,paid,note,product\r
                1,EU,apples,"[""fruit""]",10.5,true,,\r
                2,US,pears,,7,,"rush, ""now""\",\r
                3,EU,,,1000,false,,\r
                """);
    }

    @Test
    void anExpressionPicksAndShapesTheRowsFirst() throws IOException {
        assertThat(csv(ORDERS, "data.items[region = 'EU'].{\"id\": id, \"product\": product.name, \"total\": total}"))
                .isEqualTo("id,product,total\r\n1,apples,10.5\r\n3,,1000\r\n");
        assertThat(csv(ORDERS, "meta")).isEqualTo("page\r\n1\r\n");
    }

    @Test
    void whatIsNoTableIsRefusedWithItsCode() {
        assertThat(failure("[1, 2]", null)).isEqualTo("not_a_table");
        assertThat(failure("\"text\"", null)).isEqualTo("not_a_table");
        assertThat(failure(ORDERS, "data.items.id")).isEqualTo("not_a_table");
        assertThat(failure("[{\"a\": 1},", null)).isEqualTo("malformed_json");
        assertThat(failure("", null)).isEqualTo("empty_document");
        assertThat(((CodedException) Assertions.catchThrowable(() -> JsonSource.read("big",
                () -> new ByteArrayInputStream(new byte[0]), JsonSource.MAX_EXPRESSION_INPUT_BYTES + 1,
                JsonataExpression.compile("data"), new CsvSink(new ByteArrayOutputStream())))).code())
                .isEqualTo("document_too_large_for_expression");
    }

    private static String failure(String json, String jsonata) {
        return ((CodedException) Assertions.catchThrowable(() -> csv(json, jsonata))).code();
    }

    private static String csv(String json, String jsonata) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvSink sink = new CsvSink(out)) {
            JsonSource.read("orders", () -> new ByteArrayInputStream(bytes), bytes.length,
                    jsonata == null ? null : JsonataExpression.compile(jsonata), sink);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
