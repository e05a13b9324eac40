package io.autoflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntentParametersTest {

    @Test
    void eachIntentSaysWhatItMustHave() {
        assertThat(IntentParameters.required("document_analytics")).containsExactly("file");
        assertThat(IntentParameters.required("schedule_task")).containsExactly("cron");
        assertThat(IntentParameters.required("api_automation")).containsExactly("url");
        assertThat(IntentParameters.required("data_transform")).containsExactly("file", "target_format");
        assertThat(IntentParameters.required("notification")).containsExactly("message");
        assertThat(IntentParameters.required("smalltalk")).isEmpty();
    }

    @Test
    void onlyTheIntentsOwnParametersInTheirTypesAreKept() {
        Map<String, Object> said = Map.of("file", "https://example.com/a.csv", "analyses", List.of("trends"),
                "target_format", "json", "cron", "0 9 * * MON", "format", List.of("pdf", "ppt"),
                "webhook_url", "https://hooks.example.com/x");

        assertThat(IntentParameters.typed("document_analytics", said)).containsOnly(
                Map.entry("file", "https://example.com/a.csv"), Map.entry("analyses", List.of("trends")),
                Map.entry("webhook_url", "https://hooks.example.com/x"));
        assertThat(IntentParameters.typed("data_transform", said)).containsOnlyKeys("file", "target_format",
                "webhook_url");
        // a scheduled conversion keeps what it makes each time
        assertThat(IntentParameters.typed("schedule_task", said)).containsOnlyKeys("file", "analyses",
                "target_format", "cron", "webhook_url");
        assertThat(IntentParameters.typed("help", said)).isEmpty();
    }
}
