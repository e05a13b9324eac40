package io.autoflow.conversation.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text of a message to send, as people say it, without when it is due or who gets it. */
class MessageSlotTest {

    @Test
    void findsWhatTheMessageSays() {
        assertThat(SlotExtractor.message("remind me to submit my timesheet every Monday at 9am"))
                .isEqualTo("submit my timesheet");
        assertThat(SlotExtractor.message("every monday at 9am remind me to submit my timesheet"))
                .isEqualTo("submit my timesheet");
        assertThat(SlotExtractor.message("email jane@example.com that the import finished"))
                .isEqualTo("the import finished");
        assertThat(SlotExtractor.message("drop a note to sam@firm.co saying thanks!")).isEqualTo("thanks");
        assertThat(SlotExtractor.message("send me an email \"the server is back\" tomorrow"))
                .isEqualTo("the server is back");
        assertThat(SlotExtractor.message("remind me to pay the rent on the 1st of each month")).isEqualTo("pay the rent");
    }

    @Test
    void findsNothingWhereNothingIsSaid() {
        assertThat(SlotExtractor.message("let me know when the job is done")).isNull();
        assertThat(SlotExtractor.message("analyse sales.csv and email me the trends")).isNull();
        assertThat(SlotExtractor.message("call https://api.example.com/rates every monday at 9am")).isNull();
    }
}
