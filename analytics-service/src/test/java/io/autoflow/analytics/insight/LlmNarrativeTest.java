package io.autoflow.analytics.insight;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.autoflow.analytics.extract.CsvAnalyzer;
import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.testsupport.KafkaTestResource;
import io.autoflow.testsupport.OpenAiTestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The narrative from a language model speaking the OpenAI protocol, grounded in the computed figures. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(OpenAiTestServer.class)
class LlmNarrativeTest {

    @Inject
    NarrativeWriter writer;

    @Inject
    MeterRegistry registry;

    private DocumentStatistics sales;
    private List<Insight> insights;

    @BeforeEach
    void setUp() {
        OpenAiTestServer.SERVER.resetAll();
        sales = new DocumentStatistics(List.of(new CsvAnalyzer().analyze("sales",
                () -> LlmNarrativeTest.class.getResourceAsStream("/csv/sales.csv"))), null);
        insights = new InsightWriter().write(sales);
    }

    @Test
    void aNarrativeWhoseNumbersAreAllComputedIsKeptAndTheModelSawFiguresNotRows() {
        answer("Sales has 48 rows. Units and revenue move together (Pearson r = 0.66), and revenue rises by"
                + " 13.79 per day on average.");

        Narrative narrative = writer.write("sales.csv", sales, insights);

        assertThat(narrative.source()).isEqualTo("llm");
        assertThat(narrative.text()).startsWith("Sales has 48 rows.");
        LoggedRequest request = OpenAiTestServer.SERVER.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
                .get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer test-key");
        String prompt = request.getBodyAsString();
        assertThat(prompt).contains("sales.csv", "48 rows", "Pearson r = 0.66");
        // A raw cell of the file that is no statistic (revenue on one row) never reaches the model.
        assertThat(prompt).doesNotContain("979.51", "1276.5");
        // The call is measured (quarkus-langchain4j's GenAI meters): its time and the tokens the server reported.
        assertThat(registry.get("gen_ai.client.operation.duration").timer().count()).isPositive();
        assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").counter().count())
                .isGreaterThanOrEqualTo(40);
    }

    @Test
    void aNarrativeWithAnInventedNumberIsReplacedByTheEngines() {
        answer("Sales has 48 rows and revenue grew 37% last quarter.");
        double before = fallbacks("ungrounded");

        Narrative narrative = writer.write("sales.csv", sales, insights);

        assertThat(narrative.source()).isEqualTo("engine");
        assertThat(narrative.text()).startsWith(insights.get(0).text());
        assertThat(GroundedNumbers.notIn(narrative.text(), NarrativeWriter.facts(sales, insights))).isEmpty();
        assertThat(fallbacks("ungrounded")).isEqualTo(before + 1);
    }

    @Test
    void aModelThatFailsLeavesTheEnginesNarrative() {
        OpenAiTestServer.SERVER.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"overloaded\"}}")));
        double before = fallbacks("failed");

        assertThat(writer.write("sales.csv", sales, insights).source()).isEqualTo("engine");
        assertThat(fallbacks("failed")).isEqualTo(before + 1);
    }

    private double fallbacks(String reason) {
        var counter = registry.find("autoflow.llm.fallbacks").tags("purpose", "narrative", "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void answer(String content) {
        OpenAiTestServer.SERVER.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("json"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(OpenAiTestServer.completion(content))));
    }
}
