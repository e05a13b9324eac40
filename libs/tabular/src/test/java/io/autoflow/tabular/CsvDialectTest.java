package io.autoflow.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvDialectTest {

    @Test
    void findsTheDelimiterThatSplitsEveryLineAlike() {
        assertThat(CsvDialect.detectDelimiter("a,b,c\n1,2,3\n4,5,6\n")).isEqualTo(',');
        assertThat(CsvDialect.detectDelimiter("name;price\n\"Smith, J\";3,50\nDoe;4,00\n")).isEqualTo(';');
        assertThat(CsvDialect.detectDelimiter("a\tb\n1\t2\n3\t4\n")).isEqualTo('\t');
        assertThat(CsvDialect.detectDelimiter("a|b|c\n1|2|3\n")).isEqualTo('|');
        assertThat(CsvDialect.detectDelimiter("")).isEqualTo(',');
    }
}
