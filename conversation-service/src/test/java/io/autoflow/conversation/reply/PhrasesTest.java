package io.autoflow.conversation.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every language says everything English says, with the same values to fill in. */
class PhrasesTest {

    private static final Pattern VALUE = Pattern.compile("%s");

    @ParameterizedTest
    @ValueSource(strings = {"fr", "de", "es"})
    void eachLanguageHasEveryPhraseWithTheSameValues(String language) throws IOException {
        Properties english = load("replies/replies.properties");
        Properties other = load("replies/replies_" + language + ".properties");
        assertEquals(new TreeMap<>(english).keySet(), new TreeMap<>(other).keySet(), language);
        english.stringPropertyNames().forEach(key -> assertEquals(values(english.getProperty(key)),
                values(other.getProperty(key)), language + " " + key));
    }

    @Test
    void aLanguageNotSpokenIsAnsweredInEnglishWhateverTheMachinesLanguage() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMAN);
            assertEquals("What should the message say?", Phrases.in(Locale.ITALIAN).say("question.message"));
            assertEquals("Que doit dire le message ?", Phrases.in(Locale.CANADA_FRENCH).say("question.message"));
        } finally {
            Locale.setDefault(before);
        }
    }

    private static long values(String phrase) {
        Matcher matcher = VALUE.matcher(phrase);
        return matcher.results().count();
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = PhrasesTest.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
