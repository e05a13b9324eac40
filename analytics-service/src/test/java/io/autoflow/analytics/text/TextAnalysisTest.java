package io.autoflow.analytics.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Realistic reports in the four languages, written for these tests. */
class TextAnalysisTest {

    static final String ENGLISH = """
            Annual Customer Survey 2023

            1. Introduction
            This report presents the results of the annual customer survey carried out by Northwind Logistics. \
            The survey ran from 5 March 2024 to 30 April 2024 and reached customers in 14 countries. Its purpose \
            is to understand how delivery times and prices shape customer satisfaction.

            2. Methods
            We sent the questionnaire to 2,400 customers and received answers from n = 812 of them. Responses were \
            weighted by region, and satisfaction was measured on a scale from 1 to 10. The survey was first run in \
            2019, so trends in satisfaction over five years can be compared.

            3. Results
            Overall customer satisfaction rose to 7.8 in 2023, up from 7.1 in the previous survey. The share of \
            customers who would recommend the company increased by 12.5 % compared with the previous year. \
            Delivery delays remain the main complaint, mentioned by 38 % of respondents. Revenue from repeat \
            customers reached $3.2 million, the highest figure since the survey began (see Table 12).

            4. Conclusion
            Customer satisfaction is improving steadily, mainly because deliveries have become faster and more \
            reliable. The company should keep investing in its delivery network and publish the next survey in \
            March 2025.
            """;

    static final String FRENCH = """
            Rapport d'activité 2023

            Introduction
            Le présent rapport décrit l'activité de la coopérative agricole du Val de Loire au cours de l'année \
            écoulée. La coopérative compte désormais 1\u00a0250 adhérents répartis dans 38 communes, contre \
            1\u00a0100 en 2020.

            Production et ventes
            La récolte de blé a atteint 48\u00a0000 tonnes, soit une hausse de 6,5\u00a0% par rapport à la moyenne \
            des cinq dernières années. Le chiffre d'affaires s'est élevé à 12,4 millions d'euros, dont 3,1 millions \
            réalisés à l'exportation. Les ventes directes aux consommateurs ont progressé de 15\u00a0% depuis \
            l'ouverture du magasin le 12 septembre 2022.

            Perspectives
            Le conseil d'administration a approuvé un plan d'investissement de 2,5 millions d'euros pour moderniser \
            les silos. Les travaux commenceront en janvier 2025 et devraient durer 18 mois. L'assemblée générale se \
            tiendra le 14 juin 2024 à Tours.
            """;

    static final String GERMAN = """
            Quartalsbericht der Stadtwerke Freiburg

            1 Zusammenfassung
            Die Stadtwerke Freiburg haben im dritten Quartal 2023 insgesamt 412 GWh Strom an ihre Kunden geliefert. \
            Der Umsatz stieg um 8,3 % auf 96,5 Mio. Euro. Die Zahl der Haushalte mit Ökostromtarif erreichte 61.200 \
            und hat sich seit 2018 mehr als verdoppelt.

            2 Netzausbau
            Im Berichtszeitraum wurden 27 km neue Leitungen verlegt. Das neue Umspannwerk im Stadtteil Haslach wurde \
            am 5. Oktober 2023 in Betrieb genommen. Die Investitionen in das Netz beliefen sich auf 14,2 Mio. Euro.

            3 Ausblick
            Für das Geschäftsjahr 2024 erwartet der Vorstand einen leichten Rückgang des Absatzes. Die nächste \
            Preisanpassung ist für den 1. Januar 2025 geplant. Bis 2030 sollen alle städtischen Gebäude mit Wärme \
            aus erneuerbaren Quellen versorgt werden.
            """;

    static final String SPANISH = """
            Informe anual de la Fundación Horizonte

            Resumen
            Durante el año 2023 la fundación atendió a 3.450 personas en sus cinco centros de Andalucía. El \
            presupuesto total fue de 2,8 millones de euros, un 9 % más que en 2022. El programa de becas se amplió \
            el 15 de marzo de 2023 y ya beneficia a 420 estudiantes.

            Actividades principales
            Los talleres de formación digital registraron una asistencia media del 87 % y una satisfacción de 9,1 \
            sobre 10. Además, la fundación firmó un convenio con el Ayuntamiento de Sevilla en mayo de 2023 para \
            abrir un nuevo centro.

            Objetivos para 2024
            La fundación quiere llegar a 5.000 personas antes de diciembre de 2024. Para ello contratará a 12 \
            educadores y destinará 350.000 euros a la renovación de los equipos informáticos.
            """;

    @Test
    void readsAnEnglishReport() {
        TextAnalysis text = TextAnalysis.of(ENGLISH, 9, List.of());

        assertThat(text.language()).isEqualTo("en");
        assertThat(text.sections()).extracting(Section::title)
                .containsExactly("1. Introduction", "2. Methods", "3. Results", "4. Conclusion");
        assertThat(text.sections().get(0).words()).isEqualTo(45);
        assertThat(text.numbers()).extracting(StatedNumber::text, StatedNumber::value, StatedNumber::unit)
                .contains(tuple("2,400 customers", 2400.0, "customers"), tuple("n = 812", 812.0, "n"),
                        tuple("12.5 %", 12.5, "%"), tuple("38 %", 38.0, "%"),
                        tuple("$3.2 million", 3_200_000.0, "$"), tuple("7.8", 7.8, null));
        // Years, dates, the number of a table and bare digits ("from 1 to 10") are not stated numbers.
        assertThat(text.numbers()).extracting(StatedNumber::value).doesNotContain(2019.0, 2023.0, 5.0, 12.0, 1.0);
        assertThat(text.numbers()).filteredOn(n -> n.text().equals("12.5 %")).singleElement()
                .extracting(StatedNumber::sentence).isEqualTo("The share of customers who would recommend the"
                        + " company increased by 12.5 % compared with the previous year.");
        assertThat(text.dates()).extracting(StatedDate::text, StatedDate::value).containsExactly(
                tuple("5 March 2024", "2024-03-05"), tuple("30 April 2024", "2024-04-30"), tuple("in 2019", "2019"),
                tuple("in 2023", "2023"), tuple("March 2025", "2025-03"));
        assertThat(text.sentences()).isEqualTo(13); // the title line is one too
        assertThat(text.readingMinutes()).isEqualTo(1);
        assertKeySentences(text, ENGLISH);
    }

    @Test
    void readsAFrenchReport() {
        TextAnalysis text = TextAnalysis.of(FRENCH, 7, List.of());

        assertThat(text.language()).isEqualTo("fr");
        assertThat(text.sections()).extracting(Section::title)
                .containsExactly("Introduction", "Production et ventes", "Perspectives");
        assertThat(text.numbers()).extracting(StatedNumber::text, StatedNumber::value, StatedNumber::unit)
                .contains(tuple("48\u00a0000 tonnes", 48_000.0, "tonnes"), tuple("6,5\u00a0%", 6.5, "%"),
                        tuple("12,4 millions d'euros", 12_400_000.0, "d'euros"), tuple("3,1 millions", 3_100_000.0,
                                null), tuple("18 mois", 18.0, "mois"), tuple("1\u00a0250", 1250.0, null));
        assertThat(text.dates()).extracting(StatedDate::value)
                .containsExactly("2020", "2022-09-12", "2025-01", "2024-06-14");
        assertKeySentences(text, FRENCH);
    }

    @Test
    void readsAGermanReport() {
        TextAnalysis text = TextAnalysis.of(GERMAN, 7, List.of());

        assertThat(text.language()).isEqualTo("de");
        assertThat(text.sections()).extracting(Section::title)
                .containsExactly("1 Zusammenfassung", "2 Netzausbau", "3 Ausblick");
        assertThat(text.numbers()).extracting(StatedNumber::text, StatedNumber::value, StatedNumber::unit)
                .contains(tuple("412 GWh", 412.0, "GWh"), tuple("8,3 %", 8.3, "%"),
                        tuple("96,5 Mio. Euro", 96_500_000.0, "Euro"), tuple("27 km", 27.0, "km"),
                        tuple("61.200", 61_200.0, null));
        assertThat(text.dates()).extracting(StatedDate::text, StatedDate::value).containsExactly(
                tuple("seit 2018", "2018"), tuple("5. Oktober 2023", "2023-10-05"),
                tuple("1. Januar 2025", "2025-01-01"), tuple("Bis 2030", "2030"));
        // "am 5. Oktober" does not end a sentence.
        assertThat(text.sentences()).isEqualTo(10);
        assertKeySentences(text, GERMAN);
    }

    @Test
    void readsASpanishReport() {
        TextAnalysis text = TextAnalysis.of(SPANISH, 7, List.of());

        assertThat(text.language()).isEqualTo("es");
        assertThat(text.sections()).extracting(Section::title)
                .containsExactly("Resumen", "Actividades principales", "Objetivos para 2024");
        assertThat(text.numbers()).extracting(StatedNumber::text, StatedNumber::value, StatedNumber::unit)
                .contains(tuple("3.450 personas", 3450.0, "personas"),
                        tuple("2,8 millones de euros", 2_800_000.0, "de euros"), tuple("9 %", 9.0, "%"),
                        tuple("87 %", 87.0, "%"), tuple("350.000 euros", 350_000.0, "euros"),
                        tuple("9,1", 9.1, null));
        assertThat(text.dates()).extracting(StatedDate::value)
                .containsExactly("2023", "2022", "2023-03-15", "2023-05", "2024-12");
        assertKeySentences(text, SPANISH);
    }

    @Test
    void aTextWithoutHeadingsHasNoSections() {
        String text = """
                The committee met on Tuesday to discuss the budget for the coming year. Members agreed that the \
                library needs new shelves and a better heating system. The treasurer reported that the reserves \
                are sufficient for both projects.
                Work on the shelves will start first, because the supplier can deliver them quickly. The heating \
                system will follow in the autumn, once the quotes have been compared.
                """;

        TextAnalysis analysis = TextAnalysis.of(text, 2, List.of());

        assertThat(analysis.sections()).isEmpty();
        assertThat(analysis.sentences()).isEqualTo(5);
        assertThat(analysis.keySentences()).hasSize(3);
    }

    @Test
    void aTextInAnotherLanguageIsUnknown() {
        assertThat(TextAnalysis.of("株主資本合計は当期末残高に含まれる。", 1, List.of()).language()).isEqualTo("unknown");
        assertThat(TextAnalysis.of("12 34 56", 1, List.of()).language()).isEqualTo("unknown");
    }

    @Test
    void anEmptyTextHasNothing() {
        TextAnalysis text = TextAnalysis.of("  \n ", 0, List.of());

        assertThat(text.words()).isZero();
        assertThat(text.readingMinutes()).isZero();
        assertThat(text.sentences()).isZero();
        assertThat(text.sections()).isEmpty();
        assertThat(text.keySentences()).isEmpty();
    }

    @Test
    void aReferenceListIsNeitherKeySentencesNorFacts() {
        String text = """
                Results
                Sales grew by 4 % in the northern region, while the southern region stayed flat. The new pricing \
                model explains most of the growth in the northern region. Costs fell slightly because of cheaper \
                transport contracts.

                References
                Smith, J. and Brown, K. Pricing models for regional retail markets. Journal of Retail Studies, 12, \
                45-67, published in 2018.
                Miller, A. Transport costs and regional growth in Europe. Economic Review, 8, 112-130, in 2020.
                """;

        TextAnalysis analysis = TextAnalysis.of(text, 4, List.of());

        assertThat(analysis.sections()).extracting(Section::title).containsExactly("Results", "References");
        assertThat(analysis.keySentences()).noneMatch(s -> s.contains("Journal") || s.contains("Review"));
        assertThat(analysis.numbers()).extracting(StatedNumber::text).containsExactly("4 %");
        assertThat(analysis.dates()).isEmpty();
    }

    @Test
    void aTextOfFiveMegabytesIsReadInBoundedWork() {
        StringBuilder text = new StringBuilder();
        for (int part = 1; text.length() < 5_000_000; part++) {
            text.append(part).append(". Findings of part ").append(part).append("\n");
            text.append(ENGLISH.replace("2,400", String.valueOf(part))).append("\n\n");
        }

        TextAnalysis analysis = TextAnalysis.of(text.toString(), 1, List.of());

        assertThat(analysis.characters()).isGreaterThan(5_000_000);
        assertThat(analysis.sentences()).isGreaterThan(TextAnalysis.MAX_SENTENCES);
        assertThat(analysis.sections()).hasSize(Sections.MAX_SECTIONS);
        assertThat(analysis.numbers()).hasSizeLessThanOrEqualTo(StatedFacts.MAX_NUMBERS);
        assertThat(analysis.dates()).hasSizeLessThanOrEqualTo(StatedFacts.MAX_DATES);
        assertThat(analysis.keySentences()).hasSize(KeySentences.MAX);
        assertThat(analysis.language()).isEqualTo("en");
    }

    @Test
    void aFiveMegabyteRunWithoutASentenceEndIsReadToo() {
        String text = "prices rose by 12,5 % on 2024-03-05 ".repeat(30_000) + "x".repeat(4_000_000);

        TextAnalysis analysis = TextAnalysis.of(text, 1, List.of());

        assertThat(analysis.words()).isEqualTo(210_001);
        assertThat(analysis.keySentences()).isEmpty(); // no sentence ends
        assertThat(analysis.dates()).extracting(StatedDate::value).containsExactly("2024-03-05");
        assertThat(analysis.numbers()).extracting(StatedNumber::text).containsExactly("12,5 %");
    }

    /** Three to five of the text's own sentences, in its order, not its headings. */
    private static void assertKeySentences(TextAnalysis text, String source) {
        String flat = source.replaceAll("\\s+", " ");
        assertThat(text.keySentences()).hasSizeBetween(KeySentences.MIN, KeySentences.MAX)
                .allMatch(flat::contains)
                .allMatch(s -> s.split(" ").length >= 6)
                .isSortedAccordingTo((a, b) -> Integer.compare(flat.indexOf(a), flat.indexOf(b)));
        assertThat(text.sections()).noneMatch(s -> text.keySentences().contains(s.title()));
    }
}
