package io.autoflow.analytics.insight;

import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.service.metrics.LlmFallbacks;
import io.autoflow.service.metrics.LlmFallbacks.Purpose;
import io.autoflow.service.metrics.LlmFallbacks.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes the narrative of an analysis. With {@code autoflow.insights.llm.enabled}, a language model writes it from
 * the facts the engine computed (the statistics' insights, never the document's rows); its text is kept only if
 * every number in it is one of those facts' numbers ({@link GroundedNumbers}), otherwise, or when the model fails, the
 * engine's own narrative is used: the leading insights, joined (counted in
 * {@code autoflow_llm_fallbacks_total{purpose="narrative"}}).
 */
@ApplicationScoped
public class NarrativeWriter {

    private static final Logger LOG = Logger.getLogger(NarrativeWriter.class);
    static final int ENGINE_SENTENCES = 5;

    private final boolean llmEnabled;
    private final Instance<InsightNarrator> narrator;
    private final LlmFallbacks fallbacks;

    public NarrativeWriter(@ConfigProperty(name = "autoflow.insights.llm.enabled", defaultValue = "false")
            boolean llmEnabled, Instance<InsightNarrator> narrator, LlmFallbacks fallbacks) {
        this.llmEnabled = llmEnabled;
        this.narrator = narrator;
        this.fallbacks = fallbacks;
    }

    public Narrative write(String documentName, DocumentStatistics statistics, List<Insight> insights) {
        Narrative engine = new Narrative(insights.stream().limit(ENGINE_SENTENCES).map(Insight::text)
                .collect(Collectors.joining(" ")), "engine");
        if (!llmEnabled || insights.isEmpty()) {
            return engine;
        }
        String facts = facts(statistics, insights);
        try {
            String text = narrator.get().narrate(documentName, facts).strip();
            List<String> ungrounded = GroundedNumbers.notIn(text, facts);
            if (text.isEmpty() || !ungrounded.isEmpty()) {
                LOG.warnf("The language model's narrative used numbers the analysis did not compute (%s);"
                        + " the engine's narrative is used", ungrounded);
                fallbacks.fellBack(Purpose.NARRATIVE, Reason.UNGROUNDED);
                return engine;
            }
            return new Narrative(text, "llm");
        } catch (RuntimeException e) {
            LOG.warnf("The language model could not write the narrative (%s); the engine's narrative is used",
                    e.getMessage());
            fallbacks.fellBack(Purpose.NARRATIVE, Reason.FAILED);
            return engine;
        }
    }

    /** What the model is told: each table's shape and every insight, all computed figures. */
    static String facts(DocumentStatistics statistics, List<Insight> insights) {
        StringBuilder facts = new StringBuilder();
        for (TableStatistics table : statistics.tables()) {
            facts.append("- Table ").append(table.name()).append(": ").append(table.rowCount()).append(" rows, ")
                    .append(table.columnCount()).append(" columns (")
                    .append(table.columns().stream().map(c -> c.name() + " " + c.type())
                            .collect(Collectors.joining(", ")))
                    .append(").\n");
        }
        if (statistics.text() != null) {
            facts.append("- Text: ").append(statistics.text().words()).append(" words in ")
                    .append(statistics.text().paragraphs()).append(" paragraphs.\n");
        }
        insights.forEach(i -> facts.append("- ").append(i.table()).append(": ").append(i.text()).append('\n'));
        return facts.toString();
    }
}
