package io.autoflow.testsupport;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * An OpenAI-compatible chat API for tests: a real HTTP server (WireMock) whose answers each test sets, with the
 * service's language model (quarkus-langchain4j) pointed at it and enabled.
 */
public class OpenAiTestServer implements QuarkusTestResourceLifecycleManager {

    public static final WireMockServer SERVER = new WireMockServer(options().dynamicPort());

    @Override
    public Map<String, String> start() {
        SERVER.start();
        return Map.of("autoflow.insights.llm.enabled", "true", "autoflow.conversation.llm.enabled", "true",
                "quarkus.langchain4j.openai.enable-integration", "true",
                "quarkus.langchain4j.openai.base-url", SERVER.baseUrl() + "/v1/",
                "quarkus.langchain4j.openai.api-key", "test-key",
                "quarkus.langchain4j.openai.max-retries", "1",
                "quarkus.langchain4j.openai.timeout", "3s");
    }

    @Override
    public void stop() {
        SERVER.stop();
    }

    /** A chat completion whose answer is {@code content}. */
    public static String completion(String content) {
        return """
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1767225600, "model": "gpt-4o-mini",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 100, "completion_tokens": 40, "total_tokens": 140}}"""
                .formatted(io.autoflow.events.EventJson.write(content));
    }
}
