package io.autoflow.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The parts of the text analysis, each on the cases it has to tell apart. */
class TextPartsTest {

    @Test
    void eachLanguagesOwnWordsAreNoOtherLanguages() {
        Set<String> seen = new HashSet<>();
        TextLanguage.OWN_WORDS.values().forEach(words -> words.forEach(w -> assertThat(seen.add(w)).as(w).isTrue()));
    }

    @Test
    void sentencesEndAtTheirEndNotAtAbbreviationsInitialsOrOrdinals() {
        assertThat(split("Dr. Smith met J. Brown, e.g. on Monday. They agreed on No. 5 of the plan! Was it "
                + "enough? \"Yes.\" The end", "en")).containsExactly("Dr. Smith met J. Brown, e.g. on Monday.",
                        "They agreed on No. 5 of the plan!", "Was it enough?", "\"Yes.\"", "The end");
        assertThat(split("Die Sitzung ist am 5. März im 2. Stock, z. B. im großen Saal. Danach folgt die Wahl.", "de"))
                .containsExactly("Die Sitzung ist am 5. März im 2. Stock, z. B. im großen Saal.",
                        "Danach folgt die Wahl.");
        assertThat(split("Version 2.5 is out. it is lower case. Prices rose 3.2%.", "en"))
                .containsExactly("Version 2.5 is out. it is lower case.", "Prices rose 3.2%.");
    }

    @Test
    void aRunWithoutAnEndIsCutIntoPiecesOfWords() {
        List<String> pieces = split("word ".repeat(1_000), "en");

        assertThat(pieces).hasSize(5).allMatch(p -> p.length() <= Sentences.MAX_CHARS && p.startsWith("word"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"3,200; en; 3200", "3,200; fr; 3.2", "3.200; de; 3200", "3.200; en; 3.2",
        "1,234.5; en; 1234.5", "1.234,5; es; 1234.5", "12,5; en; 12.5", "12.5; fr; 12.5", "1,000,000; en; 1000000",
        "1.000.000; de; 1000000", "1\u00a0250,75; fr; 1250.75", "3,200; unknown; 3200"})
    void decimalSeparatorsAreReadAsTheLanguageWritesThem(String written, String language, double value) {
        assertThat(NumberMentions.value(written, language)).isEqualTo(value);
    }

    @Test
    void numbersCarryWhatIsWrittenNextToThem() {
        assertThat(NumberMentions.find("Costs of EUR 40 and €1.5bn, 12 € each, p < 0.05 and r = 0.82; the rod is "
                + "5 m long, -3 °C outside, 15 percent more, 1,200 employees, 250ms and 24.6 kg/m2.", "en", List.of()))
                .extracting(NumberMentions.Mention::text, NumberMentions.Mention::value, NumberMentions.Mention::unit)
                .containsExactly(tuple("EUR 40", 40.0, "EUR"), tuple("€1.5bn", 1.5e9, "€"), tuple("12 €", 12.0, "€"),
                        tuple("p < 0.05", 0.05, "p"), tuple("r = 0.82", 0.82, "r"), tuple("5 m", 5.0, "m"),
                        tuple("-3 °C", -3.0, "°C"), tuple("15 percent", 15.0, "%"),
                        tuple("1,200 employees", 1200.0, "employees"), tuple("250ms", 250.0, "ms"),
                        tuple("24.6 kg/m2", 24.6, "kg/m2"));
    }

    @Test
    void codesYearsLabelsAndRangesAreNotStatedNumbers() {
        assertThat(NumberMentions.find("During COVID-19 in Q3 we used H2O and 3D prints (Figure 12, p. 14, "
                + "pages 10-12) since 2019, in the 1990s, as shown [12] (pp. 113–122).", "en", List.of())).isEmpty();
    }

    @Test
    void datesAreFoundInEveryForm() {
        assertThat(DateMentions.find("Signed 2024-03-05, due 05/03/2024, paid 5.3.2024, on March 5, 2024, "
                + "between 2019 and 2021, in May 2023 and in 31 April 2024.", "en"))
                .extracting(DateMentions.Mention::text, DateMentions.Mention::value)
                .containsExactly(tuple("2024-03-05", "2024-03-05"), tuple("05/03/2024", "2024-05-03"),
                        tuple("5.3.2024", "2024-03-05"), tuple("March 5, 2024", "2024-03-05"),
                        tuple("between 2019 and 2021", "2019"), tuple("between 2019 and 2021", "2021"),
                        tuple("May 2023", "2023-05"), tuple("April 2024", "2024-04"));
        // A slash is day first outside English.
        assertThat(DateMentions.find("Le 05/03/2024, le 1er janvier 2024.", "fr")).extracting(DateMentions.Mention::value)
                .containsExactly("2024-03-05", "2024-01-01");
        assertThat(DateMentions.find("Sie zählte 2019 Mitglieder und 12.5 Punkte.", "de")).isEmpty();
    }

    @Test
    void aShortLineInAWrappedParagraphIsNoHeadingAndARunningHeaderIsLeftOut() {
        // As a PDF's text comes: a paragraph's lines wrapped at the page's width, a running header on every page.
        String text = """
                ACME ANNUAL REPORT
                Overview
                The group's revenue grew in every region during the year, led by strong demand for
                services. The board approved the plan.
                New contracts were signed in the second half of the year with three large customers
                and two public agencies, which secured the order book for the next two years.
                ACME ANNUAL REPORT
                Outlook
                The group expects demand to stay strong, although energy prices remain a risk for the
                margins of the manufacturing business.
                ACME ANNUAL REPORT
                """;
        List<String> blocks = new ArrayList<>();
        List<Section> sections = Sections.read(text, List.of(), block -> blocks.add(block.text()));

        assertThat(sections).extracting(Section::title).containsExactly("Overview", "Outlook");
        assertThat(blocks).hasSize(2).noneMatch(b -> b.contains("ACME"));
        assertThat(blocks.get(0)).contains("led by strong demand for services. The board approved the plan. New"
                + " contracts were signed");
    }

    @Test
    void longSentencesAreShortenedAroundTheFact() {
        String sentence = "a".repeat(150) + " the value rose by 12 % over the period " + "b".repeat(150) + ".";
        int at = sentence.indexOf("12 %");

        String shortened = StatedFacts.shorten(sentence, at, at + 4);

        assertThat(shortened).startsWith("…").endsWith("…").contains("rose by 12 % over")
                .hasSizeLessThanOrEqualTo(StatedFacts.MAX_SENTENCE_CHARS + 2);
    }

    private static List<String> split(String block, String language) {
        List<String> sentences = new ArrayList<>();
        Sentences.split(block, language, false, s -> sentences.add(s.text()));
        return sentences;
    }
}
