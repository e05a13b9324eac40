package io.autoflow.conversation.dialogue;

import java.util.List;
import java.util.Map;

/**
 * A request being completed over several turns: its intent, the parameters gathered, what is still missing, and
 * whether it only waits for the user to confirm it.
 */
public record Session(String intent, Map<String, Object> parameters, List<String> missing,
        boolean confirming) {

    Session(String intent, Map<String, Object> parameters, List<String> missing) {
        this(intent, parameters, missing, false);
    }

    Session confirmed() {
        return new Session(intent, parameters, missing, false);
    }

    Session toConfirm() {
        return new Session(intent, parameters, missing, true);
    }
}
