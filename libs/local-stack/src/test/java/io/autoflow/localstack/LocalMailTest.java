package io.autoflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local mail server keeps every message as a file, and only the newest in memory (a chaos run sends hundreds). */
class LocalMailTest {

    @Test
    void everyMessageIsAFileAndOnlyTheNewestStayInMemory(@TempDir Path directory) throws Exception {
        int smtp = freePort();
        GreenMail mail = LocalMail.start(smtp, freePort());
        Thread keeper = new Thread(() -> {
            try {
                LocalMail.keepAsFiles(mail, directory);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        keeper.start();
        try {
            int sent = LocalMail.KEPT_PER_INBOX + 30;
            ServerSetup setup = new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            for (int i = 1; i <= sent; i++) {
                GreenMailUtil.sendTextEmail("someone@example.org", "platform@autoflow.localhost", "report " + i,
                        "body " + i, setup);
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (files(directory) < sent && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(files(directory)).isEqualTo(sent);
            Thread.sleep(700);   // one more round of the keeper, which trims the inbox after saving
            assertThat(mail.getReceivedMessages()).hasSize(LocalMail.KEPT_PER_INBOX);
            assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("report 31");
        } finally {
            keeper.interrupt();
            keeper.join(5_000);
            mail.stop();
        }
    }

    private static long files(Path directory) throws IOException {
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.filter(file -> file.toString().endsWith(".eml")).count();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
