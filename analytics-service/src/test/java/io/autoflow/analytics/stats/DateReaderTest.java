package io.autoflow.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateReaderTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"2026-01-05; 2026-01-05", "2026/01/05; 2026-01-05", "2026.1.5; 2026-01-05",
        "2026-01-05T10:15:00Z; 2026-01-05", "2026-01-05 10:15; 2026-01-05", "1/5/2026; 2026-01-05",
        "10/12/2012; 2012-10-12", "25/12/2026; 2026-12-25", "25.12.2026; 2026-12-25", "5-Jan-2026; 2026-01-05",
        "5 January 2026; 2026-01-05", "Jan 5 2026; 2026-01-05", "January 5, 2026; 2026-01-05",
        "Sep 30, 2026 08:00; 2026-09-30"})
    void readsTheCommonForms(String text, LocalDate day) {
        assertThat(DateReader.parse(text)).isEqualTo(day);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20260105", "2026-13-01", "2026-02-30", "31/31/2026", "1/5/26", "3.14159",
        "192.168.1.1", "10:30:00", "62 Mississippi River Blvd N", "Janitor 5 2026", "5 1 2026", "2026-01-05x",
        "Saint Paul", ""})
    void refusesWhatIsNotADate(String text) {
        assertThat(DateReader.parse(text)).isNull();
    }
}
