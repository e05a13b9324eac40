package io.autoflow.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Requests per day per tier, counted in the real Redis of the local stack. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class RateLimitTest {

    @Inject
    ApiKeys apiKeys;

    @TestHTTPResource("/api/jobs/not-a-job")
    URI limitedRoute;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBurstOf200OnAFreeUserLetsExactly100Through() throws Throwable {
        String key = TestUsers.create(apiKeys, "free").key();

        List<HttpResponse<String>> answers = burst(key, 200);

        List<HttpResponse<String>> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).hasSize(100);
        assertThat(answers).filteredOn(r -> r.statusCode() == 404).hasSize(100); // the route's own answer
        HttpResponse<String> refused = limited.get(0);
        assertThat(refused.body()).contains("\"code\":\"rate_limited\"");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(0L, 86_400L);
        assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue("100");
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        HttpResponse<String> allowed = answers.stream().filter(r -> r.statusCode() == 404).findFirst().orElseThrow();
        assertThat(allowed.headers().firstValue("RateLimit-Limit")).hasValue("100");
        assertThat(Long.parseLong(allowed.headers().firstValue("RateLimit-Remaining").orElseThrow()))
                .isBetween(0L, 99L);
    }

    @Test
    void anEnterpriseUserIsNotCounted() throws Throwable {
        String key = TestUsers.create(apiKeys, "enterprise").key();

        List<HttpResponse<String>> answers = burst(key, 120);

        assertThat(answers).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("RateLimit-Limit")).isEmpty();
        });
    }

    private List<HttpResponse<String>> burst(String key, int requests) {
        HttpRequest request = HttpRequest.newBuilder(limitedRoute).header("X-API-Key", key).GET().build();
        List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, requests)
                .mapToObj(i -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString())).toList();
        return sent.stream().map(CompletableFuture::join).toList();
    }
}
