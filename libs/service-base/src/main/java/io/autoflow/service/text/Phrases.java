package io.autoflow.service.text;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What the platform says to a person, in one of its languages: the phrases of a resource bundle (one properties file
 * per language with the same keys, e.g. {@code replies/replies_fr.properties}), filled in with {@link String#format}.
 * A language the platform does not speak is answered in English (the bundle's base file), never in the JVM's own
 * default language.
 */
public final class Phrases {

    public static final Locale SPANISH = Locale.forLanguageTag("es");
    /** The languages the platform speaks, English first (the one used when nothing tells). */
    public static final List<Locale> SPOKEN = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN, SPANISH);

    private static final ResourceBundle.Control ENGLISH_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale language;
    private final ResourceBundle bundle;

    private Phrases(String bundle, Locale language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle(bundle, language, ENGLISH_FALLBACK);
    }

    /** The phrases of a bundle (its base name, e.g. {@code replies.replies}) in a language; English if not spoken. */
    public static Phrases of(String bundle, Locale language) {
        return new Phrases(bundle, spoken(language));
    }

    /** The spoken language closest to the one asked for: the same language (fr-CA → fr), else English. */
    public static Locale spoken(Locale language) {
        return SPOKEN.stream().filter(l -> l.getLanguage().equals(language.getLanguage())).findFirst()
                .orElse(Locale.ENGLISH);
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
