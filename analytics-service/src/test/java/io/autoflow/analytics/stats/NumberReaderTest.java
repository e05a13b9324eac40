package io.autoflow.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberReaderTest {

    private final NumberReader reader = new NumberReader();

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "42; 42; integer", "-12.5; -12.5; decimal", "+7; 7; integer", "1e-3; 0.001; decimal", ".5; 0.5; decimal",
        "'47,824,589'; 47824589; integer", "'1,234.50'; 1234.5; decimal", "$1,234.50; 1234.5; currency",
        "-$5; -5; currency", "12 €; 12; currency", "€ 3.5; 3.5; currency", "'(1,234)'; -1234; integer",
        "($20.00); -20; currency", "12.5%; 12.5; percent", "-3 %; -3; percent", "△747; -747; integer",
        "\u22124.5; -4.5; decimal", "1234567890123456789; 1234567890123456789; decimal"})
    void readsNumbersAsPeopleWriteThem(String text, double value, String form) {
        assertThat(reader.read(text)).isTrue();
        assertThat(reader.value()).isEqualTo(value);
        assertThat(reader.isPercent()).isEqualTo(form.equals("percent"));
        assertThat(reader.isCurrency()).isEqualTo(form.equals("currency"));
        if (form.equals("integer") || form.equals("decimal")) {
            assertThat(reader.isInteger()).isEqualTo(form.equals("integer"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "12abc", "1,23", "12,345,67", "1234,567", "1.2.3", "1e", "$", "%", "--5", "5-",
        "(5", "2026-01-05", "10:30", "1,234e5", "0x1F", "١٢٣"})
    void refusesWhatIsNotANumber(String text) {
        assertThat(reader.read(text)).isFalse();
    }
}
