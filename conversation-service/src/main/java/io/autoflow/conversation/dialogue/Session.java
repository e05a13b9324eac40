package io.autoflow.conversation.dialogue;

import io.autoflow.conversation.parse.OfflineParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request being completed over several turns: its intent, the parameters gathered, what is still missing, whether
 * it only waits for the user to confirm it, and the language the person writes in (a language tag; null: not known
 * yet), which an answer that does not tell ("yes", an address) keeps.
 */
public record Session(String intent, Map<String, Object> parameters, List<String> missing,
        boolean confirming, String language) {

    Session(String intent, Map<String, Object> parameters, List<String> missing) {
        this(intent, parameters, missing, false, null);
    }

    /** The request with a parameter set; what is missing is worked out again. */
    Session with(String parameter, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(parameters);
        all.put(parameter, value);
        return new Session(intent, all, OfflineParser.missing(intent, all), false, language);
    }

    /** The request without a parameter, which is asked for again first. */
    Session without(String parameter) {
        Map<String, Object> kept = new LinkedHashMap<>(parameters);
        kept.remove(parameter);
        List<String> asked = new ArrayList<>(List.of(parameter));
        missing.stream().filter(m -> !m.equals(parameter)).forEach(asked::add);
        return new Session(intent, kept, asked, false, language);
    }

    /** The same request, in the language the person now writes in. */
    Session in(Locale spoken) {
        return new Session(intent, parameters, missing, confirming, spoken.toLanguageTag());
    }

    /** The language the person wrote in so far; English when nothing told. */
    Locale locale() {
        return language == null ? Locale.ENGLISH : Locale.forLanguageTag(language);
    }

    Session confirmed() {
        return new Session(intent, parameters, missing, false, language);
    }

    Session toConfirm() {
        return new Session(intent, parameters, missing, true, language);
    }
}
