package io.autoflow.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlsTest {

    private static final String AMBIGUOUS = "is an ambiguous IPv4 address (write it as four decimal numbers)";
    private static final String NOT_PUBLIC = "is a private, loopback, link-local or reserved address";

    /**
     * Each spelling as a hostile user may write it, and what the check at submission makes of it: {@code call} with
     * the host the connection will use, or {@code refuse} with why. No DNS is asked.
     */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            http://1.1.1.1/                | call   | 1.1.1.1
            http://8.8.8.8:8080/x          | call   | 8.8.8.8
            https://hooks.example.com/x    | call   | hooks.example.com
            http://example.com./           | call   | example.com
            http://example.com.:8080/a?b=1 | call   | example.com
            http://bad.cafe/               | call   | bad.cafe
            http://0xdeadbeef.com/         | call   | 0xdeadbeef.com
            http://[2606:4700::6810:85e5]/ | call   | [2606:4700::6810:85e5]
            http://127.0.0.1/              | refuse | its host 127.0.0.1 %s
            http://0.0.0.0/                | refuse | its host 0.0.0.0 %s
            http://10.0.0.1/x              | refuse | its host 10.0.0.1 %s
            http://169.254.169.254/latest  | refuse | its host 169.254.169.254 %s
            http://[::1]/                  | refuse | its host [::1] %s
            http://[::ffff:127.0.0.1]/     | refuse | its host [::ffff:127.0.0.1] %s
            http://[::ffff:10.0.0.1]/      | refuse | its host [::ffff:10.0.0.1] %s
            http://[64:ff9b::a9fe:a9fe]/   | refuse | its host [64:ff9b::a9fe:a9fe] %s
            http://0177.0.0.1/             | refuse | its host 0177.0.0.1 %a
            http://010.0.0.1/              | refuse | its host 010.0.0.1 %a
            http://01.1.1.1/               | refuse | its host 01.1.1.1 %a
            http://127.0.0.01/             | refuse | its host 127.0.0.01 %a
            http://0x7f000001/             | refuse | its host 0x7f000001 %a
            http://0X7F000001/             | refuse | its host 0X7F000001 %a
            http://0x7f.0.0.1/             | refuse | its host 0x7f.0.0.1 %a
            http://0x7f.1/                 | refuse | its host 0x7f.1 %a
            http://2130706433/             | refuse | its host 2130706433 %a
            http://2130706433:8080/x       | refuse | its host 2130706433 %a
            http://0/                      | refuse | its host 0 %a
            http://127.1/                  | refuse | its host 127.1 %a
            http://10.1/                   | refuse | its host 10.1 %a
            http://127.0.1/                | refuse | its host 127.0.1 %a
            http://1.1.1.1./               | refuse | its host 1.1.1.1. %a
            http://127.0.0.1./             | refuse | its host 127.0.0.1. %a
            http://1.2.3.4.5/              | refuse | its host 1.2.3.4.5 %a
            http://256.0.0.1/              | refuse | its host 256.0.0.1 %a
            http://1.2.3.0x/               | refuse | its host 1.2.3.0x %a
            http://example.123/            | refuse | its host example.123 is not a valid host name (it ends in a number)
            http://[::ffff:0177.0.0.1]/    | refuse | its host [::ffff:0177.0.0.1] is an ambiguous IPv6 address (write its IPv4 part as four decimal numbers)
            http://localhost/              | refuse | its host localhost is this machine
            http://localhost./             | refuse | its host localhost is this machine
            http://LOCALHOST/              | refuse | its host localhost is this machine
            http://LocalHost.:8080/        | refuse | its host localhost is this machine
            http://api.localhost/          | refuse | its host api.localhost is this machine
            http://something.localhost./   | refuse | its host something.localhost is this machine
            http://example.com../          | refuse | its host example.com.. is not a valid host name
            http://./                      | refuse | its host . is not a valid host name
            http://user:pw@127.1/          | refuse | credentials in the URL are not accepted
            """)
    void readsEveryHostOneWay(String url, String outcome, String detail) {
        if (outcome.equals("call")) {
            URI uri = OutboundUrls.parse(url);
            OutboundUrls.refuseNonPublicLiteral(uri, false);
            assertThat(uri.getHost()).isEqualTo(detail);
        } else {
            String why = detail.replace("%s", NOT_PUBLIC).replace("%a", AMBIGUOUS);
            assertThatThrownBy(() -> OutboundUrls.refuseNonPublicLiteral(OutboundUrls.parse(url), false))
                    .isInstanceOf(UrlNotAllowedException.class).hasMessage(why);
        }
    }

    @Test
    void aTrailingDotIsDroppedAndTheRestOfTheUrlKept() {
        URI uri = OutboundUrls.parse("https://Example.com.:8443/a%20b/c.csv?x=1#top");

        assertThat(uri.toString()).isEqualTo("https://Example.com:8443/a%20b/c.csv?x=1#top");
        assertThat(OutboundUrls.port(uri)).isEqualTo(8443);
        assertThat(OutboundUrls.pathAndQuery(uri)).isEqualTo("/a%20b/c.csv?x=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/a.csv", "file:///etc/passwd", "gopher://x/", "example.com/a.csv",
            "http:///nohost", "https://user:secret@example.com/", "http://exa mple.com/", ""})
    void refusesWhatIsNotAPlainHttpUrl(String url) {
        assertThatThrownBy(() -> OutboundUrls.parse(url)).isInstanceOf(UrlNotAllowedException.class);
    }

    @Test
    void readsPortAndRequestLine() {
        URI uri = OutboundUrls.parse("HTTPS://example.com/a%20b/c.csv?x=1");
        assertThat(OutboundUrls.port(uri)).isEqualTo(443);
        assertThat(OutboundUrls.pathAndQuery(uri)).isEqualTo("/a%20b/c.csv?x=1");
        assertThat(OutboundUrls.pathAndQuery(OutboundUrls.parse("http://example.com"))).isEqualTo("/");
        assertThat(OutboundUrls.port(OutboundUrls.parse("http://example.com:8080/"))).isEqualTo(8080);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost.", "LOCALHOST", "127.0.0.1", "10.1.2.3", "169.254.169.254",
            "[::1]", "[fd00::1]", "[::ffff:127.0.0.1]"})
    void refusesHostsThatAreNotPublic(String host) {
        assertThatThrownBy(() -> OutboundUrls.resolve(OutboundUrls.parse("http://" + host + "/").getHost(), false))
                .isInstanceOf(UrlNotAllowedException.class).hasMessageContaining("private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1", "0x7f000001", "2130706433", "127.1", "1.1.1.1."})
    void resolveHoldsAnyHostToTheSameRulesAsParse(String host) {
        assertThatThrownBy(() -> OutboundUrls.resolve(host, true))
                .isInstanceOf(UrlNotAllowedException.class).hasMessageContaining("ambiguous");
    }

    @Test
    void acceptsLoopbackOnlyWhenAllowed() throws Exception {
        OutboundUrls.refuseNonPublicLiteral(OutboundUrls.parse("http://127.0.0.1:8080/x"), true);
        OutboundUrls.refuseNonPublicLiteral(OutboundUrls.parse("http://localhost.:8080/x"), true);
        assertThat(OutboundUrls.resolve("127.0.0.1", true).isLoopbackAddress()).isTrue();
        assertThat(OutboundUrls.resolve(OutboundUrls.parse("http://LOCALHOST./").getHost(), true)
                .isLoopbackAddress()).isTrue();
    }

    @Test
    void anUnknownHostIsNotAnAddressProblemAndIsNamedAsWritten() {
        assertThatThrownBy(() -> OutboundUrls.resolve(OutboundUrls.parse("http://nosuch.invalid./").getHost(), false))
                .isInstanceOf(UnresolvedHostException.class)
                .hasMessage("The host nosuch.invalid does not resolve");
    }
}
