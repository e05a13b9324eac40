package io.autoflow.analytics.insight;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;

/** A language model (any OpenAI-compatible API, configured with quarkus-langchain4j) that narrates the findings. */
@RegisterAiService(chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
public interface InsightNarrator {

    @SystemMessage("""
            You summarise a data analysis for a busy person who is not a statistician, in 3 to 5 plain sentences.
            Use only the facts you are given. Copy every number exactly as the facts write it: never compute,
            round, convert or invent one. If a fact is uncertain, leave it out. No title, no list, no preamble.""")
    @UserMessage("""
            Facts computed from the document "{name}":
            {facts}""")
    String narrate(String name, String facts);
}
