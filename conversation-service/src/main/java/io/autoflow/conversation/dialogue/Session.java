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

    /** The request with a parameter set; what is missing is worked out again. */
    Session with(String parameter, Object value) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(parameters);
        all.put(parameter, value);
        return new Session(intent, all, io.autoflow.conversation.parse.OfflineParser.missing(intent, all), false);
    }

    /** The request without a parameter, which is asked for again first. */
    Session without(String parameter) {
        Map<String, Object> kept = new java.util.LinkedHashMap<>(parameters);
        kept.remove(parameter);
        List<String> asked = new java.util.ArrayList<>(List.of(parameter));
        missing.stream().filter(m -> !m.equals(parameter)).forEach(asked::add);
        return new Session(intent, kept, asked, false);
    }

    Session confirmed() {
        return new Session(intent, parameters, missing, false);
    }

    Session toConfirm() {
        return new Session(intent, parameters, missing, true);
    }
}
