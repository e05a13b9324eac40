package io.autoflow.automation.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppliedCredentialTest {

    @Test
    void aQueryCredentialGoesIntoTheQueryBeforeAnyFragmentEncoded() {
        Credentials.Resolved maps = new Credentials.Resolved("maps", "query", null, null, "api key", "a&b=c d");
        assertThat(AppliedCredential.of(maps, null, "https://x.example/p").url())
                .isEqualTo("https://x.example/p?api+key=a%26b%3Dc+d");
        assertThat(AppliedCredential.of(maps, null, "https://x.example/p?q=1#top").url())
                .isEqualTo("https://x.example/p?q=1&api+key=a%26b%3Dc+d#top");
        assertThat(AppliedCredential.of(maps, null, "https://x.example/p?").url())
                .isEqualTo("https://x.example/p?api+key=a%26b%3Dc+d");
        assertThat(AppliedCredential.of(maps, Map.of("A", "1"), "https://x.example/").headers())
                .containsExactly(Map.entry("A", "1"));
    }

    @Test
    void aHeaderCredentialReplacesTheCallsOwnHeaderOfThatNameInAnyCase() {
        Credentials.Resolved partner = new Credentials.Resolved("p", "header", "X-Api-Key", null, null, "k-1234");
        AppliedCredential applied = AppliedCredential.of(partner, Map.of("x-api-key", "mine", "Accept", "a/b"),
                "https://x.example/");
        assertThat(applied.headers()).containsOnly(Map.entry("Accept", "a/b"), Map.entry("X-Api-Key", "k-1234"));
        assertThat(applied.url()).isEqualTo("https://x.example/");
    }

    @Test
    void everyFormOfTheSecretIsScrubbedButOneTooShortToMeanAnything() {
        Credentials.Resolved basic = new Credentials.Resolved("b", "basic", null, "ops", null, "pa ss");
        AppliedCredential applied = AppliedCredential.of(basic, null, "https://x.example/");
        String token = applied.headers().get("Authorization").substring("Basic ".length());
        assertThat(applied.scrub("echo pa ss and " + token)).isEqualTo("echo [credential] and [credential]");
        assertThat(applied.scrub(null)).isNull();
        Credentials.Resolved tiny = new Credentials.Resolved("t", "bearer", null, null, null, "a");
        assertThat(AppliedCredential.of(tiny, null, "https://x.example/").scrub("banana")).isEqualTo("banana");
        assertThat(AppliedCredential.none(null, "u").scrub("anything")).isEqualTo("anything");
    }
}
