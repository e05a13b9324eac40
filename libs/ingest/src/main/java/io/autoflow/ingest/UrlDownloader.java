package io.autoflow.ingest;

import io.autoflow.outbound.OutboundUrls;
import io.autoflow.outbound.PinnedRequests;
import io.autoflow.outbound.UnresolvedHostException;
import io.autoflow.outbound.UrlNotAllowedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Downloads a document a user gave by URL, without letting the URL reach inside our network (SSRF): the host is
 * resolved first and every address must be public ({@link OutboundUrls}); the connection then goes to that
 * checked address (so DNS cannot change its answer in between), and each redirect is checked the same way. The body
 * streams to a temporary file and stops as soon as it passes the size limit; the whole download has a deadline.
 */
@ApplicationScoped
public class UrlDownloader {

    private final Vertx vertx;
    private final UrlFetchConfig config;
    private final HttpClient client;

    public UrlDownloader(Vertx vertx, UrlFetchConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxRedirects(0));
    }

    /** A downloaded document, in a temporary file the caller deletes. */
    public record Downloaded(Path file, String fileName, long size) {
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** @throws IngestException {@code url_not_allowed} at once for a URL that is not http(s) or names no host */
    public Uni<Downloaded> download(String url, long maxBytes) {
        URI uri = parse(url);
        Download download = new Download(maxBytes);
        long timer = vertx.setTimer(config.timeout().toMillis(), id -> download.fail(new IngestException(
                "url_fetch_timeout", "The document did not download within " + config.timeout().toSeconds()
                        + " s")));
        fetch(download, uri, 0);
        return Uni.createFrom().completionStage(download.result.future()
                .onComplete(done -> vertx.cancelTimer(timer)).toCompletionStage());
    }

    private void fetch(Download download, URI uri, int redirects) {
        vertx.<InetAddress>executeBlocking(() -> allowedAddress(uri.getHost()), false)
                .compose(address -> client.request(PinnedRequests.to(uri, address, HttpMethod.GET)))
                .compose(request -> {
                    download.request = request;
                    return request.send();
                })
                .onSuccess(response -> {
                    if (isRedirect(response.statusCode()) && response.getHeader("Location") != null) {
                        // This hop's body is not wanted: the reset that drops it is expected, not a failure.
                        response.exceptionHandler(dropped -> { });
                        response.request().reset();
                        redirect(download, uri, response.getHeader("Location"), redirects);
                        return;
                    }
                    response.exceptionHandler(download::fail);
                    if (response.statusCode() / 100 != 2) {
                        download.fail(new IngestException("url_fetch_failed",
                                "The URL answered HTTP " + response.statusCode()));
                    } else {
                        save(download, uri, response);
                    }
                })
                .onFailure(download::fail);
    }

    private void redirect(Download download, URI from, String location, int redirects) {
        if (redirects >= config.maxRedirects()) {
            download.fail(refused("it redirects more than " + config.maxRedirects() + " times"));
            return;
        }
        try {
            fetch(download, parse(from.resolve(location).toString()), redirects + 1);
        } catch (RuntimeException e) {
            download.fail(e);
        }
    }

    /** Streams the body to a temporary file, pausing while the disk catches up, stopping past the limit. */
    private void save(Download download, URI uri, HttpClientResponse response) {
        if (download.result.future().isComplete()) {
            response.request().reset(); // timed out meanwhile
            return;
        }
        if (contentLength(response.getHeader("Content-Length")) > download.maxBytes) {
            download.fail(tooLarge(download.maxBytes));
            return;
        }
        response.pause();
        Path path;
        try {
            path = Files.createTempFile("autoflow-url-", ".download");
        } catch (IOException e) {
            download.fail(e);
            return;
        }
        download.path = path;
        vertx.fileSystem().open(path.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
                .onFailure(download::fail)
                .onSuccess(file -> {
                    download.file = file;
                    response.handler(chunk -> {
                        if (download.result.future().isComplete()) {
                            return; // failed or timed out: what is still in flight is dropped
                        }
                        download.size += chunk.length();
                        if (download.size > download.maxBytes) {
                            download.fail(tooLarge(download.maxBytes));
                            return;
                        }
                        file.write(chunk);
                        if (file.writeQueueFull()) {
                            response.pause();
                            file.drainHandler(v -> response.resume());
                        }
                    });
                    response.endHandler(v -> file.close().onComplete(closed -> download.result.tryComplete(
                            new Downloaded(path, fileName(uri), download.size))));
                    response.resume();
                });
    }

    /** A name that does not resolve fails at once: DNS is asked once, not again until the deadline. */
    private InetAddress allowedAddress(String host) {
        try {
            return OutboundUrls.resolve(host, config.allowLoopback());
        } catch (UnresolvedHostException e) {
            throw new IngestException("url_unreachable", e.getMessage());
        } catch (UrlNotAllowedException e) {
            throw refused(e.getMessage());
        }
    }

    private static URI parse(String url) {
        try {
            return OutboundUrls.parse(url);
        } catch (UrlNotAllowedException e) {
            throw refused(e.getMessage());
        }
    }

    /** The last path segment, decoded, or "document". */
    private static String fileName(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() ? "document" : URLDecoder.decode(last, StandardCharsets.UTF_8);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** A Content-Length header's value, or -1 when it is absent or not a length. */
    public static long contentLength(String header) {
        return header != null && header.matches("\\d{1,18}") ? Long.parseLong(header) : -1;
    }

    private static IngestException refused(String why) {
        return new IngestException("url_not_allowed", "The URL cannot be fetched: " + why);
    }

    private static IngestException tooLarge(long maxBytes) {
        return new IngestException("file_too_large", "The document is larger than your tier allows ("
                + maxBytes + " bytes)");
    }

    /** One download in progress: what to undo when it fails. */
    private final class Download {

        final Promise<Downloaded> result = Promise.promise();
        final long maxBytes;
        HttpClientRequest request;
        AsyncFile file;
        Path path;
        long size;

        Download(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        /**
         * The first failure wins (the reset that follows it raises another); it stops the transfer and cleans up. A
         * failure of the remote side (refused connection, TLS, a broken transfer) is the user's to know about.
         */
        void fail(Throwable cause) {
            Throwable reported = cause instanceof IngestException ? cause : new IngestException("url_fetch_failed",
                    "The document could not be fetched: " + cause.getMessage());
            if (!result.tryFail(reported)) {
                return;
            }
            if (request != null) {
                request.reset();
            }
            Future<Void> closed = file == null ? Future.succeededFuture() : file.close();
            closed.onComplete(c -> {
                if (path != null) {
                    vertx.fileSystem().delete(path.toString());
                }
            });
        }
    }
}
