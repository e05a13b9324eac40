package io.autoflow.events.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.Intents;
import io.autoflow.events.ScheduleView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Results as the workers wrote them before they had records (the analyses as the analytics service made them of its
 * test documents) read into their record and are written back byte for byte, by the events' mapper and by a mapper
 * set up as the services' (snake_case by strategy): stored rows and what clients got stay the same.
 */
class JobResultsTest {

    /** Like the services' Quarkus mapper: snake_case for every type, ISO dates. */
    private static final ObjectMapper SERVICE = JsonMapper.builder().addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @ParameterizedTest
    @CsvSource({
            "analysis-csv.json, document_analytics, AnalysisResult",
            "analysis-csv-summary.json, document_analytics, AnalysisResult",
            "analysis-xlsx.json, document_analytics, AnalysisResult",
            "analysis-docx.json, document_analytics, AnalysisResult",
            "analysis-pdf.json, document_analytics, AnalysisResult",
            "analysis-text.json, document_analytics, AnalysisResult",
            "analysis-seasonal.json, document_analytics, AnalysisResult",
            "api-call.json, api_automation, ApiCallResult",
            "transform.json, data_transform, TransformResult",
            "notification.json, notification, NotificationResult",
            "schedule.json, schedule_task, ScheduleView"})
    void aResultOfTodayRoundTripsThroughItsRecordUnchanged(String file, String workflowType, String record)
            throws IOException {
        String json = fixture(file);

        JobResult result = JobResults.read(workflowType, EventJson.mapper().readTree(json));

        assertThat(result.getClass().getSimpleName()).isEqualTo(record);
        assertThat(EventJson.write(result)).isEqualTo(json);
        assertThat(SERVICE.writeValueAsString(SERVICE.readValue(json, result.getClass()))).isEqualTo(json);
    }

    @Test
    void theRecordsAreWhatTheFixturesSay() throws IOException {
        AnalysisResult analysis = (AnalysisResult) JobResults.read(Intents.DOCUMENT_ANALYTICS,
                EventJson.mapper().readTree(fixture("analysis-seasonal.json")));
        AnalysisResult.Trend trend = analysis.tables().get(0).trends().get(0);
        assertThat(trend.seasonality().effects()).containsExactly(1.5, 0.5, null, -0.5, 2.0, -3.0, -0.5);
        assertThat(trend.anomalies().get(0).start()).hasToString("2026-03-18");
        assertThat(analysis.tables().get(0).columns().get(1).outliers().largest().get(0).row()).isEqualTo(77);
        assertThat(analysis.output().webhookUrl()).isEqualTo("https://hooks.example.com/in");

        AnalysisResult summary = (AnalysisResult) JobResults.read(Intents.DOCUMENT_ANALYTICS,
                EventJson.mapper().readTree(fixture("analysis-csv-summary.json")));
        assertThat(summary.tables()).isNull();
        assertThat(summary.tableCount()).isEqualTo(1);
        assertThat(summary.detail().key()).isEqualTo("reports/u1/j1/result.json");
    }

    @Test
    void theSummaryOfAFullResultIsWhatTheAnalyticsServiceSentBefore() throws IOException {
        AnalysisResult full = (AnalysisResult) JobResults.read(Intents.DOCUMENT_ANALYTICS,
                EventJson.mapper().readTree(fixture("analysis-csv.json")));

        AnalysisResult summary = full.summary(new StoredFile("reports/u1/j1/result.json", null, 11525));

        assertThat(EventJson.write(summary)).isEqualTo(fixture("analysis-csv-summary.json"));
        assertThat(ExecutionEvent.completed("j1", summary).result().toString())
                .isEqualTo(fixture("analysis-csv-summary.json"));
    }

    @Test
    void storageKeysStayInsideThePlatform() throws IOException {
        for (String[] fixture : new String[][] {{"analysis-csv-summary.json", Intents.DOCUMENT_ANALYTICS},
                {"analysis-seasonal.json", Intents.DOCUMENT_ANALYTICS}, {"api-call.json", Intents.API_AUTOMATION},
                {"transform.json", Intents.DATA_TRANSFORM}}) {
            JobResult result = JobResults.read(fixture[1], EventJson.mapper().readTree(fixture(fixture[0])));
            JsonNode shown = EventJson.mapper().valueToTree(result.withoutStorageKeys());

            assertThat(shown.findValues("key")).as(fixture[0]).isEmpty();
            assertThat(shown.has("detail")).isFalse();
            assertThat(shown.size()).isEqualTo(EventJson.mapper().readTree(fixture(fixture[0])).size()
                    - (fixture[0].contains("summary") ? 1 : 0));
        }
    }

    @Test
    void aFieldOfANewerWorkerIsIgnoredAndAWrongTypeIsRefused() throws IOException {
        JsonNode newer = EventJson.mapper().readTree("{\"message\":\"Hi\",\"sent_with\":\"carrier pigeon\"}");
        assertThat(((NotificationResult) JobResults.read(Intents.NOTIFICATION, newer)).message()).isEqualTo("Hi");

        JsonNode wrong = EventJson.mapper().readTree("{\"status_code\":{\"not\":\"a number\"}}");
        assertThatThrownBy(() -> JobResults.read(Intents.API_AUTOMATION, wrong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ApiCallResult");
    }

    @Test
    void anUnknownWorkflowOrNoResultReadsAsNone() throws IOException {
        assertThat(JobResults.read("teleport", EventJson.mapper().readTree("{}"))).isNull();
        assertThat(JobResults.read(Intents.DATA_TRANSFORM, null)).isNull();
        assertThat(JobResults.typeOf(Intents.SCHEDULE_TASK)).isEqualTo(ScheduleView.class);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = JobResultsTest.class.getResourceAsStream("/results/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
