package io.autoflow.conversation.reply;

import io.autoflow.service.text.Phrases;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of the assistant's languages a message is written in — English, French, German or Spanish — by the small
 * words and letters each uses and the others do not. A message that does not tell ("yes", an address, "9am") has no
 * language of its own: the conversation keeps the one it had.
 */
public final class Language {

    private static final Locale SPANISH = Phrases.SPANISH;

    /** Words of one language only (of these four): none that two of them share, like "me", "es", "du" or "an". */
    private static final Map<Locale, Set<String>> WORDS = Map.of(
            Locale.ENGLISH, Set.of("the", "and", "to", "every", "at", "my", "please", "pls", "remind", "send", "is",
                    "it", "yes", "thanks", "what", "when", "each", "with", "call", "of", "can", "you", "this", "that",
                    "for", "from", "about", "day", "week", "morning", "tell", "how", "hey", "hi", "hello", "want",
                    "need", "would", "like", "set", "up", "run", "get", "make", "report", "weekly", "daily", "monthly",
                    "mail", "our", "us", "should", "could", "do", "don't", "it's", "i'm", "i'll", "into", "as", "be",
                    "have", "some", "convert", "turn", "show", "give", "your", "let", "know", "reminder", "schedule",
                    "weather", "book", "order"),
            Locale.FRENCH, Set.of("le", "les", "des", "et", "à", "chaque", "tous", "moi", "mon", "ma", "pour",
                    "avec", "une", "est", "rappelle-moi", "envoie", "envoie-moi", "quand", "oui", "merci", "s'il",
                    "plaît", "je", "vous", "c'est", "au", "aux", "toutes", "fais", "peux", "sur", "dans", "ce",
                    "cette", "ces", "mois", "jour", "jours", "semaine", "matin", "soir", "lundi", "mardi", "mercredi",
                    "jeudi", "vendredi", "samedi", "dimanche", "rappelle", "analyse-moi", "convertis", "appelle",
                    "bonjour", "salut", "pouvez", "voudrais", "j'ai", "besoin", "qui", "ne", "pas", "fichier",
                    "rapport", "moi-même", "l'api", "d'accord", "annule", "nous", "notre", "heures", "chez", "depuis",
                    "vers", "puis", "quelle", "quel", "réserve", "réserve-moi", "tu", "sais", "faire", "qu'est-ce",
                    "fait", "peux-tu", "envoyer", "analyser", "appeler", "rappeler"),
            Locale.GERMAN, Set.of("der", "die", "das", "und", "mit", "jeden", "jede", "jedes", "um", "uhr", "mich",
                    "mir", "mein", "meine", "meinem", "meinen", "bitte", "ein", "eine", "einen", "ist", "schick",
                    "schicke", "erinnere", "wann", "ja", "danke", "den", "dem", "ich", "werktags", "kannst", "von",
                    "auf", "aus", "nach", "für", "als", "zu", "täglich", "wöchentlich", "monatlich", "morgens",
                    "abends", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
                    "analysiere", "konvertiere", "wandle", "ruf", "rufe", "hallo", "wie", "wetter", "nicht", "datei",
                    "bericht", "sende", "sag", "unser", "unsere", "auch", "noch", "morgen", "heute", "woche", "monat",
                    "tag", "tage", "jeder", "mache", "mach", "erstelle", "buche", "nein", "alle", "minuten", "mal",
                    "schreib", "stunde", "stunden", "analysieren", "schicken", "senden", "erinnern", "umwandeln",
                    "konvertieren", "ob", "alles"),
            SPANISH, Set.of("el", "los", "las", "y", "cada", "mi", "mis", "por", "para", "con", "una", "recuérdame",
                    "envía", "envíame", "analiza", "cuando", "sí", "gracias", "día", "días", "todos", "qué", "puedes",
                    "al", "del", "favor", "hola", "yo", "manda", "mándame", "lunes", "martes", "miércoles", "jueves",
                    "viernes", "sábado", "domingo", "semana", "mañana", "tarde", "noche", "cómo", "tiempo",
                    "archivo", "informe", "convierte", "llama", "llamada", "quiero", "necesito", "hazme", "dame",
                    "muéstrame", "nuestro", "nuestra", "también", "reserva", "resérvame", "programa", "recordatorio",
                    "correo", "envíale", "dile", "cancela", "vale", "ahora", "hoy", "cuál", "primer", "primero",
                    "sobre", "este", "esta", "esto", "haz", "pasas", "avisa", "escribe", "ya", "está", "minutos",
                    "hora", "horas", "enviar", "analizar", "llamar", "recordar", "xfa", "oye", "porfa"));

    /** Letters that only one of the four writes. */
    private static final Map<Locale, String> LETTERS = Map.of(Locale.FRENCH, "çèêàùœâîôûë", Locale.GERMAN, "ßäöü",
            SPANISH, "ñ¿¡áíóú");

    private Language() {
    }

    /** The language the message is written in; empty when its words do not tell. */
    public static Optional<Locale> of(String message) {
        String text = message.toLowerCase(Locale.ROOT).replaceAll("https?://\\S+|\\S+@\\S+", " ");
        Map<Locale, Integer> hits = new HashMap<>();
        for (String word : text.split("[^\\p{L}'-]+")) {
            WORDS.forEach((language, words) -> {
                if (words.contains(word)) {
                    hits.merge(language, 1, Integer::sum);
                }
            });
        }
        LETTERS.forEach((language, letters) -> text.chars().filter(c -> letters.indexOf(c) >= 0).findAny()
                .ifPresent(c -> hits.merge(language, 1, Integer::sum)));
        Optional<Map.Entry<Locale, Integer>> best = hits.entrySet().stream().max(Map.Entry.comparingByValue());
        return best.filter(top -> hits.values().stream().filter(n -> n.equals(top.getValue())).count() == 1)
                .map(Map.Entry::getKey);
    }

    /** The language for a reply to the message: its own, else the conversation's so far. */
    public static Locale of(String message, Locale sofar) {
        return of(message).orElse(sofar);
    }
}
