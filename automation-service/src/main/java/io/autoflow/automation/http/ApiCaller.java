package io.autoflow.automation.http;

import io.autoflow.automation.service.AutomationConfig;
import io.autoflow.outbound.ConnectionHeaders;
import io.autoflow.outbound.OutboundUrls;
import io.autoflow.outbound.PinnedRequests;
import io.autoflow.outbound.UnresolvedHostException;
import io.autoflow.outbound.UrlNotAllowedException;
import io.autoflow.service.tracing.TracedCalls;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes one call to a user's API under the platform's SSRF rules: the host is resolved, every address checked, and
 * the connection made to the checked address (so DNS cannot answer differently in between); redirects are not
 * followed; the answer is read up to a size limit within a deadline. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class ApiCaller {

    private final Vertx vertx;
    private final HttpClient client;
    private final AutomationConfig config;
    private final boolean allowLoopback;

    public ApiCaller(Vertx vertx, AutomationConfig config,
            @ConfigProperty(name = "autoflow.url-fetch.allow-loopback", defaultValue = "false") boolean allowLoopback) {
        this.config = config;
        this.allowLoopback = allowLoopback;
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis()).setMaxRedirects(0)
                .setDecompressionSupported(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** @param timeout for this attempt, from connecting to the answer's last byte */
    public ApiAnswer call(String method, String url, Map<String, String> headers, byte[] body, String bodyType,
            Duration timeout) throws CallFailure {
        URI uri;
        InetAddress address;
        try {
            uri = OutboundUrls.parse(url);
            address = OutboundUrls.resolve(uri.getHost(), allowLoopback);
        } catch (UrlNotAllowedException e) {
            throw new CallFailure("url_not_allowed", "The API's URL cannot be called: " + e.getMessage(), false,
                    false);
        } catch (UnresolvedHostException e) {
            // Not tried again: within the seconds a call's retries take, the JVM answers from its cache of failed
            // look-ups (networkaddress.cache.negative.ttl, 10 s) instead of asking DNS again.
            throw new CallFailure("url_unreachable", e.getMessage(), false, false);
        }
        RequestOptions options = PinnedRequests.to(uri, address, HttpMethod.valueOf(method))
                .setTimeout(timeout.toMillis())
                .putHeader("user-agent", "Autoflow-Automations/1")
                .putHeader("accept", "application/json, text/*;q=0.9, */*;q=0.8");
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (!ConnectionHeaders.isConnectionHeader(name)) {
                    options.putHeader(name, value);
                }
            });
        }
        if (body != null && bodyType != null && !options.getHeaders().contains("content-type")) {
            options.putHeader("content-type", bodyType);
        }
        long started = System.nanoTime();
        boolean[] sent = {false};
        try {
            // In the job's trace: the user's API gets its traceparent.
            return TracedCalls.inCallersTrace(vertx, () -> client.request(options)
                    .compose(request -> {
                        sent[0] = true;
                        return body == null ? request.send() : request.send(Buffer.buffer(body));
                    })
                    .compose(response -> readBounded(response).map(bytes -> new ApiAnswer(response.statusCode(),
                            response.statusMessage(), response.getHeader("content-type"),
                            response.getHeader("location"), bytes,
                            (System.nanoTime() - started) / 1_000_000))))
                    .toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timeout(sent[0], timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CallFailure failure) {
                throw failure;
            }
            if (cause instanceof TimeoutException) { // Vert.x's request timeout is one
                throw timeout(sent[0], timeout);
            }
            boolean refused = cause instanceof ConnectException;
            throw new CallFailure("api_unreachable", "The API could not be reached: " + cause.getMessage(), true,
                    sent[0] && !refused);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailure("api_unreachable", "Interrupted", true, sent[0]);
        }
    }

    private static CallFailure timeout(boolean sent, Duration timeout) {
        return new CallFailure("api_timeout", "The API did not answer within " + timeout.toMillis() / 100 / 10.0
                + " s", true, sent);
    }

    /** The body, or a {@code response_too_large} failure as soon as it passes the limit (the connection is dropped). */
    private Future<byte[]> readBounded(HttpClientResponse response) {
        long max = config.maxResponseBytes();
        String declared = response.getHeader("content-length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > max) {
            response.request().connection().close();
            return Future.failedFuture(tooLarge(max));
        }
        Promise<byte[]> done = Promise.promise();
        Buffer received = Buffer.buffer();
        response.handler(chunk -> {
            if (received.length() + chunk.length() > max) {
                if (done.tryFail(tooLarge(max))) {
                    response.request().connection().close();
                }
                return;
            }
            received.appendBuffer(chunk);
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(v -> done.tryComplete(received.getBytes()));
        return done.future();
    }

    private static CallFailure tooLarge(long max) {
        return new CallFailure("response_too_large", "The API's answer is larger than " + max
                + " bytes, the most a job keeps", false, true);
    }
}
