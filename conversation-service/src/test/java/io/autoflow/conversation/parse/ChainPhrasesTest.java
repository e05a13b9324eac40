package io.autoflow.conversation.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data operations of a chained request, as people say them in English, French, German and Spanish. */
class ChainPhrasesTest {

    private final ChainPhrases chains = new ChainPhrases();

    @Test
    void theMondayExampleInEnglish() {
        assertThat(chains.extract("Every Monday at 8, fetch our sales from https://api.example.com/sales using the"
                + " sales-api credential, keep the rows where region is EU, total revenue by product, and email me an"
                + " Excel file")).containsExactlyInAnyOrderEntriesOf(Map.of("credential", "sales-api",
                "filter_column", "region", "filter_operator", "=", "filter_value", "EU", "aggregate", "sum",
                "aggregate_column", "revenue", "group_by", "product", "target_format", "xlsx"));
    }

    @Test
    void comparisonsInWordsAndSymbols() {
        assertThat(chains.extract("get https://x.example/orders, only rows where amount is over 100, as csv"))
                .containsEntry("filter_column", "amount").containsEntry("filter_operator", ">")
                .containsEntry("filter_value", "100").containsEntry("target_format", "csv");
        assertThat(chains.extract("fetch https://x.example/o where status != 'cancelled' and send me json"))
                .containsEntry("filter_column", "status").containsEntry("filter_operator", "!=")
                .containsEntry("filter_value", "cancelled").containsEntry("target_format", "json");
        assertThat(chains.extract("pull https://x.example/o, keep rows whose total is at least 20.5"))
                .containsEntry("filter_operator", ">=").containsEntry("filter_value", "20.5");
    }

    @Test
    void aValueWithoutItsColumnLeavesTheColumnToAsk() {
        assertThat(chains.extract("fetch https://x.example/sales, keep the EU rows and email me a csv"))
                .containsEntry("filter_value", "EU").doesNotContainKey("filter_column");
        assertThat(chains.extract("hol https://x.example/sales, nur die EU-Zeilen, als CSV"))
                .containsEntry("filter_value", "EU").doesNotContainKey("filter_column");
    }

    @Test
    void aggregatesByGroupInEachLanguage() {
        assertThat(chains.extract("average price per category")).containsEntry("aggregate", "mean")
                .containsEntry("aggregate_column", "price").containsEntry("group_by", "category");
        assertThat(chains.extract("count orders by country")).containsEntry("aggregate", "count")
                .containsEntry("group_by", "country").doesNotContainKey("aggregate_column");
        assertThat(chains.extract("la moyenne des prix par catégorie")).containsEntry("aggregate", "mean")
                .containsEntry("aggregate_column", "prix").containsEntry("group_by", "catégorie");
        assertThat(chains.extract("nombre de commandes par pays")).containsEntry("aggregate", "count")
                .containsEntry("group_by", "pays");
        assertThat(chains.extract("Umsatz pro Produkt summieren")).containsEntry("aggregate", "sum")
                .containsEntry("aggregate_column", "Umsatz").containsEntry("group_by", "Produkt");
        assertThat(chains.extract("die Summe von Umsatz je Region")).containsEntry("aggregate", "sum")
                .containsEntry("group_by", "Region");
        assertThat(chains.extract("suma los ingresos por producto")).containsEntry("aggregate", "sum")
                .containsEntry("aggregate_column", "ingresos").containsEntry("group_by", "producto");
        assertThat(chains.extract("el máximo de precio por tienda")).containsEntry("aggregate", "max")
                .containsEntry("aggregate_column", "precio").containsEntry("group_by", "tienda");
    }

    @Test
    void filtersInFrenchGermanAndSpanish() {
        assertThat(chains.extract("garde les lignes où pays = FR")).containsEntry("filter_column", "pays")
                .containsEntry("filter_value", "FR");
        assertThat(chains.extract("nur Zeilen, in denen Betrag größer als 50 ist")).containsEntry("filter_column",
                "Betrag").containsEntry("filter_operator", ">").containsEntry("filter_value", "50");
        assertThat(chains.extract("quédate con las filas donde estado es pagado")).containsEntry("filter_column",
                "estado").containsEntry("filter_value", "pagado");
    }

    @Test
    void aRequestWithoutDataOperationsStatesNone() {
        assertThat(chains.extract("call https://api.example.com/status every Monday and email me the answer"))
                .isEmpty();
        assertThat(ChainPhrases.operates(chains.extract("convert https://x.example/a.csv to json"))).isFalse();
    }

    @Test
    void aColumnNamedAsTheAnswerToWhichColumn() {
        assertThat(ChainPhrases.column("region")).isEqualTo("region");
        assertThat(ChainPhrases.column("the region column.")).isEqualTo("region");
        assertThat(ChainPhrases.column("la colonne pays")).isEqualTo("pays");
        assertThat(ChainPhrases.column("Spalte Region")).isEqualTo("Region");
        assertThat(ChainPhrases.column("I have no idea what you mean")).isNull();
    }
}
