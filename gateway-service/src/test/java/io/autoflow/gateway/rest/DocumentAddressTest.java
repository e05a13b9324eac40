package io.autoflow.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The address of a document fetched only when its job runs: checked now as far as that needs no network, and named by
 * its last segment. (End to end, a chat conversion of a host that does not resolve is queued and fails at run:
 * {@code TransformEndToEndIT}.)
 */
class DocumentAddressTest {

    @ParameterizedTest
    @CsvSource({
        "https://documents.example.invalid/exports/sales.csv, sales.csv",
        "' https://example.com/a/b/report.xlsx?v=2 ', report.xlsx",
        "https://example.com/, example.com",
        "https://example.com, example.com"})
    void anAddressNeedingNoNetworkToCheckIsTakenAndNamedByItsLastSegment(String url, String name) {
        DocumentAddress address = DocumentAddress.of(url, false);
        assertThat(address.url()).isEqualTo(url.trim());
        assertThat(address.name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.7/sales.csv", "http://127.0.0.1:8080/sales.csv", "http://[::1]/a.csv",
        "http://169.254.169.254/latest/meta-data", "ftp://example.com/sales.csv", "file:///etc/passwd"})
    void anAddressNoRunCouldFetchIsRefusedAtOnce(String url) {
        ApiException refused = catchThrowableOfType(() -> DocumentAddress.of(url, false), ApiException.class);
        assertThat(refused).as(url).isNotNull();
        assertThat(refused.toError().code()).isEqualTo("url_not_allowed");
        assertThat(refused.status()).isEqualTo(422);
    }
}
