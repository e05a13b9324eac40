package io.autoflow.conversation.reply;

import io.autoflow.service.text.Phrases;
import java.util.Locale;

/** The assistant's own words ({@code replies/replies*.properties}: questions, confirmations, help), by language. */
public final class Replies {

    static final String BUNDLE = "replies.replies";

    private Replies() {
    }

    public static Phrases in(Locale language) {
        return Phrases.of(BUNDLE, language);
    }
}
