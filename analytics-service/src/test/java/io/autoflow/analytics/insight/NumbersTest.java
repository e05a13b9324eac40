package io.autoflow.analytics.insight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.0006|0.0006", "0.00251|0.0025", "0.000011|0.000011", "0.7443|0.74", "0.05|0.05", "0|0",
        "42.2766|42.28", "45|45", "7.25|7.25", "-3.2|−3.2", "-0.18|−0.18", "999.996|1,000",
        "159851.3|159,851", "7229.32|7,229", "-525|−525",
        "1234567|1.23 M", "12345678|12.3 M", "999999999|1 B", "4.5e12|4.5 T", "-5000000|−5 M", "2.5e15|2,500 T"})
    void writesNumbersAsAPersonWould(double value, String written) {
        assertThat(Numbers.value(value).replace('\u00a0', ' ')).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0.0208|2.1", "0.5|50", "1|100", "0.9996|99.9", "0.00004|0.004",
        "0.004|0.4", "0|0", "-0.05|−5", "72.2932|7,229.3"})
    void writesSharesAsPercentagesNeverRoundedToZeroOrAll(double share, String written) {
        assertThat(Numbers.percent(share)).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1|1 row", "0|0 rows", "2|2 rows", "1234|1,234 rows"})
    void countsWithTheirNounInTheRightNumber(long count, String written) {
        assertThat(Numbers.count(count, "row")).isEqualTo(written);
    }

    @org.junit.jupiter.api.Test
    void aNegativeNumberAndAScaleStayOneWord() {
        assertThat(Numbers.value(-3.2)).doesNotContain("-").doesNotContain(" ");
        assertThat(Numbers.value(1.5e6)).doesNotContain(" ");
    }
}
