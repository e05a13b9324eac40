package io.autoflow.conversation.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.autoflow.testsupport.PhraseBundles;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The assistant's words exist in every language it speaks, and a language it does not speak is answered in English. */
class RepliesTest {

    @Test
    void eachLanguageHasEveryPhraseWithTheSameValues() {
        PhraseBundles.assertComplete("replies/replies");
    }

    @Test
    void aLanguageNotSpokenIsAnsweredInEnglishWhateverTheMachinesLanguage() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMAN);
            assertEquals("What should the message say?", Replies.in(Locale.ITALIAN).say("question.message"));
            assertEquals("Que doit dire le message ?", Replies.in(Locale.CANADA_FRENCH).say("question.message"));
        } finally {
            Locale.setDefault(before);
        }
    }
}
