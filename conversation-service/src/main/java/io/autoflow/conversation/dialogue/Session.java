package io.autoflow.conversation.dialogue;

import java.util.List;
import java.util.Map;

/** A request being completed over several turns: its intent, the parameters gathered, and what is still missing. */
public record Session(String intent, Map<String, Object> parameters, List<String> missing) {
}
