package io.autoflow.conversation.reply;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What the assistant says, in one of its languages: the phrases of {@code replies/replies*.properties}, one file per
 * language with the same keys, filled in with {@link String#format}. A language it does not speak is answered in
 * English, never in the JVM's own default language.
 */
public final class Phrases {

    private static final ResourceBundle.Control ENGLISH_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale language;
    private final ResourceBundle bundle;

    private Phrases(Locale language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle("replies.replies", language, ENGLISH_FALLBACK);
    }

    /** The phrases of a language; English for one the assistant does not speak. */
    public static Phrases in(Locale language) {
        return new Phrases(Language.SPOKEN.stream().filter(l -> l.getLanguage().equals(language.getLanguage()))
                .findFirst().orElse(Locale.ENGLISH));
    }

    public Locale language() {
        return language;
    }

    /** The phrase under {@code key}, its {@code %s} filled with the values in order. */
    public String say(String key, Object... values) {
        return String.format(Locale.ROOT, bundle.getString(key), values);
    }

    /** Whether there is a phrase under {@code key}. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
