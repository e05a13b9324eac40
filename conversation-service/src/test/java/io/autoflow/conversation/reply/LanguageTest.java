package io.autoflow.conversation.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages written for this test (not the corpus the word lists were tuned on), as people write them: short, with
 * typos, URLs and addresses; and answers that say nothing of their language.
 */
class LanguageTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "en|could you email the team the weekly numbers from https://x.example/n.csv",
        "en|pls remind me tomorrow morning to renew the domain",
        "en|what can you do",
        "en|turn this spreadsheet into json for me",
        "fr|peux-tu analyser https://x.example/ventes.xlsx et m'envoyer le rapport",
        "fr|rappelle-moi chaque vendredi de faire les comptes",
        "fr|convertis ce fichier en csv stp",
        "fr|envoie un mail à lucie@x.example pour dire que je serai en retard",
        "de|schick mir jeden Freitag um 17 Uhr den Bericht",
        "de|kannst du die Datei in JSON umwandeln?",
        "de|erinnere mich morgen an den Zahnarzt",
        "de|ruf bitte https://api.x.example/status auf",
        "es|analiza las ventas de https://x.example/q1.csv por favor",
        "es|recuérdame el lunes llamar al banco",
        "es|¿puedes convertir el archivo a excel?",
        "es|manda un correo a ana@x.example diciendo que llego tarde"})
    void aMessageIsHeardInItsLanguage(String expected, String message) {
        assertEquals(Optional.of(Locale.forLanguageTag(expected)), Language.of(message), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ok", "bob@x.example", "https://x.example/data.csv", "9", "csv", "18:30"})
    void anAnswerThatDoesNotTellKeepsTheConversationsLanguage(String answer) {
        assertTrue(Language.of(answer).isEmpty(), answer);
        assertEquals(Locale.GERMAN, Language.of(answer, Locale.GERMAN));
    }
}
