package io.autoflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The largest event a worker can emit about a job, whatever its document became: results and failures are bounded
 * before they are published, so no event comes near Kafka's record limit (1 MB by default).
 */
class EventSizeTest {

    private static final JsonEventSerializer SERIALIZER = new JsonEventSerializer();
    /** The envelope around a summary: ids, status, time, field names. */
    private static final int ENVELOPE = 1024;

    @Test
    void theLargestResultAnyDocumentCanProduceMakesABoundedEvent() throws Exception {
        byte[] record = SERIALIZER.serialize("execution-events", ExecutionEvent.completed("job", worstResult()));

        assertThat(record.length).isLessThanOrEqualTo(ResultSummary.MAX_BYTES + ENVELOPE);
        JsonNode result = EventJson.mapper().readTree(record).get("result");
        assertThat(result.get("report").get("key").asText()).isEqualTo("reports/u/job/report.pdf");
        assertThat(result.get("omitted")).isNotEmpty();
    }

    @Test
    void theLargestFailureIsBoundedToo() {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("line", "x".repeat(5_000_000));
        byte[] record = SERIALIZER.serialize("execution-events", ExecutionEvent.failed("job",
                new ErrorInfo("corrupt_document", "The file is broken: " + "y".repeat(5_000_000), details)));

        assertThat(record.length).isLessThanOrEqualTo(ResultSummary.MAX_BYTES + ResultSummary.MAX_TEXT * 3
                + ENVELOPE);
    }

    @Test
    void aValueFitsWhenTheBoundsWouldLeaveItUnchanged() throws Exception {
        var json = EventJson.mapper();
        assertThat(ResultSummary.fits(json.readTree("{\"data\":[{\"a\":1},{\"a\":\"x\"}]}"), 1)).isTrue();
        assertThat(ResultSummary.fits(json.readTree("[" + "1,".repeat(50) + "1]"), 1)).isFalse(); // 51 items
        assertThat(ResultSummary.fits(json.readTree("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{}}}}}}"), 1)).isFalse();
        assertThat(ResultSummary.fits(json.getNodeFactory().textNode("x".repeat(ResultSummary.MAX_TEXT + 1)), 1))
                .isFalse();
    }

    @Test
    void aSmallResultIsKeptAsItIs() {
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("status_code", 200).put("preview", "{\"a\":1}");
        result.putObject("report").put("key", "reports/u/job/report.pdf");

        assertThat(ExecutionEvent.completed("job", result).result()).isEqualTo(result);
    }

    @Test
    void aTextIsCutWithoutSplittingACharacter() {
        String text = "a".repeat(ResultSummary.MAX_TEXT - 2) + "😀😀";
        String cut = ResultSummary.cut(text, ResultSummary.MAX_TEXT);

        assertThat(cut).endsWith("a…").hasSizeLessThanOrEqualTo(ResultSummary.MAX_TEXT);
    }

    @Test
    void anEventLargerThanAnyEventMayBeIsRefusedByTheSerializer() {
        ExecutionEvent unbounded = new ExecutionEvent("e", "job", ExecutionEvent.Status.COMPLETED, 100, null,
                JsonNodeFactory.instance.textNode("z".repeat(JsonEventSerializer.MAX_RECORD_BYTES)), null,
                Instant.now(), null);

        assertThatThrownBy(() -> SERIALIZER.serialize("execution-events", unbounded))
                .isInstanceOf(SerializationException.class).hasMessageContaining("larger than an event may be");
    }

    /** Everything at once: huge texts, arrays and objects, deep nesting, many fields, multi-byte characters. */
    private static JsonNode worstResult() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode result = f.objectNode();
        result.putObject("report").put("key", "reports/u/job/report.pdf").put("size_bytes", 123);
        ArrayNode tables = result.putArray("tables");
        for (int t = 0; t < 200; t++) {
            ObjectNode table = tables.addObject().put("name", "Täble " + t + " ".repeat(10_000));
            ArrayNode columns = table.putArray("columns");
            for (int c = 0; c < 300; c++) {
                columns.addObject().put("name", "€".repeat(1_000)).put("mean", c);
            }
        }
        JsonNode deep = f.textNode("bottom");
        for (int d = 0; d < 10_000; d++) {
            ArrayNode level = f.arrayNode();
            level.add(deep);
            deep = level;
        }
        result.set("deep", deep);
        for (int i = 0; i < 1_000; i++) {
            result.put("field_" + i + "_" + "k".repeat(1_000), "v".repeat(100_000));
        }
        return result;
    }
}
