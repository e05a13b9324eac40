package io.autoflow.conversation.parse;

import java.util.List;
import java.util.Map;

/**
 * What a message asks for: its intent (with the confidence of whoever read it), the parameters it states, and the
 * required ones it leaves out, with the one question to ask for the first of them.
 *
 * @param understoodBy {@code llm} or {@code offline}
 */
public record ParsedMessage(String intent, double confidence, Map<String, Object> parameters, List<String> missing,
        String question, String understoodBy) {
}
