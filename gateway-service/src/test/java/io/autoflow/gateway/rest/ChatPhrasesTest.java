package io.autoflow.gateway.rest;

import io.autoflow.testsupport.PhraseBundles;
import org.junit.jupiter.api.Test;

/** What the chat says once it starts a request exists in every language the assistant speaks. */
class ChatPhrasesTest {

    @Test
    void eachLanguageHasEveryPhraseWithTheSameValues() {
        PhraseBundles.assertComplete("chat/chat");
    }
}
