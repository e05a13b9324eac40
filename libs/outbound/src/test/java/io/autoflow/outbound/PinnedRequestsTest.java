package io.autoflow.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PinnedRequestsTest {

    @Test
    void connectsToTheCheckedAddressWhileNamingTheUrlsHost() throws Exception {
        RequestOptions options = PinnedRequests.to(URI.create("https://api.example.com/v1/rates?base=EUR"),
                InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 215, 14}), HttpMethod.GET);

        assertThat(options.getServer().host()).isEqualTo("93.184.215.14");
        assertThat(options.getServer().port()).isEqualTo(443);
        assertThat(options.getHost()).isEqualTo("api.example.com");
        assertThat(options.isSsl()).isTrue();
        assertThat(options.getURI()).isEqualTo("/v1/rates?base=EUR");
        assertThat(options.getFollowRedirects()).isFalse();
    }

    @Test
    void plainHttpKeepsItsExplicitPort() throws Exception {
        RequestOptions options = PinnedRequests.to(URI.create("http://hooks.example.com:8443/in"),
                InetAddress.getByAddress(new byte[] {1, 2, 3, 4}), HttpMethod.POST);

        assertThat(options.getServer().port()).isEqualTo(8443);
        assertThat(options.getPort()).isEqualTo(8443);
        assertThat(options.isSsl()).isFalse();
        assertThat(options.getMethod()).isEqualTo(HttpMethod.POST);
    }
}
