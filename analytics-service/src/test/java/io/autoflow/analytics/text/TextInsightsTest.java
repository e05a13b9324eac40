package io.autoflow.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.stats.TextStatistics;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextInsightsTest {

    @Test
    void saysWhatTheTextIsAndQuotesItsKeySentences() {
        TextStatistics text = TextStatistics.of(TextAnalysisTest.ENGLISH, 9);

        List<Insight> insights = TextInsights.of(text);

        assertThat(insights).allMatch(i -> i.table().equals(TextInsights.TABLE) && i.columns().isEmpty());
        assertThat(insights).extracting(Insight::kind).containsExactly("text_summary", "text_sections",
                "stated_numbers", "stated_dates", "key_sentence", "key_sentence", "key_sentence");
        assertThat(insights.get(0).text()).isEqualTo("The text has 199 words in 9 paragraphs and 13 sentences"
                + " (about 1 minute to read), in English.");
        assertThat(insights.get(1).text()).isEqualTo("It has 4 sections: 1. Introduction (45 words), 2. Methods"
                + " (49 words), 3. Results (62 words), 4. Conclusion (31 words).");
        assertThat(insights.get(2).text()).isEqualTo("It states 9 numbers, among them 2,400 customers, n = 812,"
                + " 12.5 %, 38 %, $3.2 million.");
        assertThat(insights.get(3).text()).isEqualTo("It names 5 dates, from 2019 to 2025-03.");
        assertThat(insights.subList(4, 7)).extracting(Insight::text)
                .containsExactlyElementsOf(text.analysis().keySentences());
    }

    @Test
    void aDocumentWithoutTextHasNoTextFindings() {
        assertThat(TextInsights.of(null)).isEmpty();
        assertThat(TextInsights.of(TextStatistics.of(" ", 0))).isEmpty();
    }
}
