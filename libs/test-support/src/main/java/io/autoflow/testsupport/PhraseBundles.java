package io.autoflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.service.text.Phrases;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Checks a bundle of {@link Phrases}: every language the platform speaks says everything English says, with as many
 * values to fill in, so no reply falls back to a missing key or loses a value in one language.
 */
public final class PhraseBundles {

    private static final Pattern VALUE = Pattern.compile("%s");

    private PhraseBundles() {
    }

    /** @param path the bundle's resource path without language and extension, e.g. {@code replies/replies} */
    public static void assertComplete(String path) {
        Properties english = load(path + ".properties");
        for (Locale language : Phrases.SPOKEN.subList(1, Phrases.SPOKEN.size())) {
            Properties other = load(path + "_" + language.getLanguage() + ".properties");
            assertThat(other.stringPropertyNames()).as(language + " keys of " + path)
                    .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
            english.stringPropertyNames().forEach(key -> assertThat(values(other.getProperty(key)))
                    .as(language + " " + key).isEqualTo(values(english.getProperty(key))));
        }
    }

    private static long values(String phrase) {
        return VALUE.matcher(phrase).results().count();
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
