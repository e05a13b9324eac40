package io.autoflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Downloads from a Vert.x server on loopback (which this configuration allows) and from names that never resolve. */
class UrlDownloaderTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static Vertx vertx;
    private static HttpServer server;
    private static UrlDownloader downloader;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            String to = request.getParam("to");
            if (to == null) {
                request.response().end("a,b\n1,2\n");
            } else {
                request.response().setStatusCode(302).putHeader("Location", to.replace("PORT",
                        Integer.toString(server.actualPort()))).end();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        downloader = new UrlDownloader(vertx, new Config());
    }

    @AfterAll
    static void stop() {
        downloader.close();
        vertx.close();
    }

    @Test
    void aHostThatDoesNotResolveFailsAtOnceAsUnreachable() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> downloader.download("http://nosuch.invalid/a.csv", 1000).await().atMost(DEADLINE))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.code()).isEqualTo("url_unreachable");
                    assertThat(e.getMessage()).isEqualTo("The host nosuch.invalid does not resolve");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anAmbiguousAddressIsRefusedBeforeAnythingIsAsked() {
        assertThatThrownBy(() -> downloader.download("http://0177.0.0.1/a.csv", 1000))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.code()).isEqualTo("url_not_allowed");
                    assertThat(e.getMessage()).isEqualTo("The URL cannot be fetched: its host 0177.0.0.1 is an"
                            + " ambiguous IPv4 address (write it as four decimal numbers)");
                });
    }

    @Test
    void aRedirectIsReadTheSameWay() {
        String to = "http://127.0.0.1:" + server.actualPort() + "/?to=";

        assertThatThrownBy(() -> downloader.download(to + "http://0x7f000001:PORT/a.csv", 1000).await()
                .atMost(DEADLINE)).isInstanceOfSatisfying(IngestException.class,
                        e -> assertThat(e.getMessage()).contains("0x7f000001 is an ambiguous IPv4 address"));
        assertThatThrownBy(() -> downloader.download(to + "http://nosuch.invalid./a.csv", 1000).await()
                .atMost(DEADLINE)).isInstanceOfSatisfying(IngestException.class,
                        e -> assertThat(e.code()).isEqualTo("url_unreachable"));
    }

    @Test
    void aTrailingDotIsTheSameName() throws Exception {
        UrlDownloader.Downloaded done = downloader.download("http://localhost.:" + server.actualPort()
                + "/sales.csv", 1000).await().atMost(DEADLINE);

        assertThat(Files.readString(done.file())).isEqualTo("a,b\n1,2\n");
        assertThat(done.fileName()).isEqualTo("sales.csv");
        Files.delete(done.file());
    }

    private static final class Config implements UrlFetchConfig {

        @Override
        public Duration timeout() {
            return DEADLINE;
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public int maxRedirects() {
            return 5;
        }

        @Override
        public boolean allowLoopback() {
            return true;
        }
    }
}
