package io.autoflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local mail server keeps every message as a file, exactly once, each reception as a line of received.tsv, and only
 * the newest in memory (a chaos run sends hundreds).
 */
class LocalMailTest {

    @TempDir
    Path directory;

    private int smtp;
    private GreenMail mail;
    private Thread keeper;

    private void startKeeping() throws IOException {
        smtp = freePort();
        mail = LocalMail.start(smtp, freePort());
        keeper = new Thread(() -> {
            try {
                LocalMail.keepAsFiles(mail, directory);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        keeper.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        keeper.interrupt();
        keeper.join(5_000);
        mail.stop();
    }

    @Test
    void everyMessageIsAFileAndOnlyTheNewestStayInMemory() throws Exception {
        startKeeping();
        int sent = LocalMail.KEPT_PER_INBOX + 30;
        ServerSetup setup = new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        for (int i = 1; i <= sent; i++) {
            GreenMailUtil.sendTextEmail("someone@example.org", "platform@autoflow.localhost", "report " + i,
                    "body " + i, setup);
        }
        awaitFiles(sent);
        assertThat(emls()).hasSize(sent);
        Thread.sleep(700);   // one more round of the keeper, which trims the inbox after saving
        assertThat(mail.getReceivedMessages()).hasSize(LocalMail.KEPT_PER_INBOX);
        assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("report 31");
    }

    /**
     * Issue 25: a message to several people sits in several inboxes, and was written once per inbox (and again after
     * each trim) while others were never written. Sent from four threads at once, the first inbox trimmed meanwhile.
     */
    @Test
    void aMessageToSeveralRecipientsIsOneFileAndNoneIsMissing() throws Exception {
        startKeeping();
        int sent = 60;
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (int i = 1; i <= sent; i++) {
                int number = i;
                sending.add(senders.submit(() -> send(number)));
            }
            for (Future<?> each : sending) {
                each.get();
            }
        } finally {
            senders.shutdown();
        }
        awaitFiles(sent);
        Thread.sleep(1_500);   // several more rounds of the keeper, trimming: nothing may be written again
        List<MimeMessage> files = emls();
        assertThat(files).extracting(LocalMailTest::subject).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, sent).mapToObj(i -> "note " + i).toList());
        // Readable: stamp, number, first recipient and how many more, subject.
        try (Stream<Path> listed = Files.list(directory)) {
            assertThat(listed.map(file -> file.getFileName().toString()).filter(name -> !name.equals(MessageFiles.LOG)))
                    .allMatch(name -> name.matches(
                            "\\d{8}-\\d{6}-\\d{4}-team@example\\.org(\\+[12])?-note_\\d+\\.eml"));
        }
        List<String> ids = files.stream().map(LocalMailTest::messageId).filter(id -> id != null).toList();
        assertThat(ids).hasSize(sent - sent / 10).doesNotHaveDuplicates();
        // Each copy logged once, trimmed or not: 20 messages to three people, 20 to one, 20 to two.
        List<String[]> lines = receptions();
        assertThat(lines).hasSize(20 * 3 + 20 + 20 * 2);
        assertThat(lines.stream().map(line -> line[1] + " " + line[2])).doesNotHaveDuplicates();
        assertThat(lines.stream().filter(line -> line[2].equals("team@example.org"))).hasSize(sent);
        assertThat(lines.stream().map(line -> line[3]).distinct()).hasSize(sent);
        assertThat(mail.getUserManager().getUserByEmail("team@example.org")).isNotNull();
        assertThat(mail.getManagers().getImapHostManager()
                .getInbox(mail.getUserManager().getUserByEmail("team@example.org")).getMessageCount())
                .isEqualTo(LocalMail.KEPT_PER_INBOX);
    }

    /** A sender resending after a crash keeps the Message-ID; the server, restarted meanwhile, still writes it once. */
    @Test
    void aMessageResentAfterTheServerRestartedIsNotWrittenAgain() throws Exception {
        startKeeping();
        sendWithId("first", "<first@autoflow>");
        awaitFiles(1);
        stop();
        startKeeping();
        sendWithId("first", "<first@autoflow>");
        sendWithId("second", "<second@autoflow>");
        awaitFiles(2);
        Thread.sleep(700);   // time enough to write the resent one too, were it written
        assertThat(emls()).extracting(LocalMailTest::subject).containsExactlyInAnyOrder("first", "second");
        // The log goes on after the restart, and the resend is a reception of the file written before it.
        List<String[]> lines = receptions();
        assertThat(lines).extracting(line -> line[1]).containsExactly("id:<first@autoflow>", "id:<first@autoflow>",
                "id:<second@autoflow>");
        assertThat(lines.get(1)[3]).isEqualTo(lines.get(0)[3]);
    }

    /**
     * A message sent twice (notification-service resending after a fault keeps its Message-ID) is one file, and two
     * receptions by its recipient: what the chaos suite counts as a double delivery.
     */
    @Test
    void aMessageSentTwiceIsOneFileAndTwoReceptions() throws Exception {
        startKeeping();
        sendWithId("twice", "<twice@autoflow>");
        sendWithId("twice", "<twice@autoflow>");
        awaitReceptions(2);
        Thread.sleep(700);   // time enough to write the second one too, were it written
        assertThat(emls()).extracting(LocalMailTest::subject).containsExactly("twice");
        assertThat(mail.getReceivedMessages()).hasSize(2);   // two copies in ana's inbox
        String file = onlyEml();
        List<String[]> lines = receptions();
        assertThat(lines).hasSize(2).allSatisfy(line -> {
            assertThat(line[0]).matches("\\d{13}");
            assertThat(line[1]).isEqualTo("id:<twice@autoflow>");
            assertThat(line[2]).isEqualTo("ana@example.org");
            assertThat(line[3]).isEqualTo(file);
        });
    }

    /** A message to three people is three copies, one per inbox: one file, a reception by each. */
    @Test
    void aMessageToThreeRecipientsIsOneFileAndThreeReceptions() throws Exception {
        startKeeping();
        sendWithId("three", "<three@autoflow>", "ana@example.org", "bo@example.org", "team@example.org");
        awaitReceptions(3);
        Thread.sleep(700);
        assertThat(emls()).extracting(LocalMailTest::subject).containsExactly("three");
        String file = onlyEml();
        List<String[]> lines = receptions();
        assertThat(lines).extracting(line -> line[2])
                .containsExactlyInAnyOrder("ana@example.org", "bo@example.org", "team@example.org");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line[1]).isEqualTo("id:<three@autoflow>");
            assertThat(line[3]).isEqualTo(file);
        });
    }

    private void sendWithId(String subject, String id) throws MessagingException {
        sendWithId(subject, id, "ana@example.org");
    }

    private void sendWithId(String subject, String id, String... to) throws MessagingException {
        MimeMessage message = new WithMessageId(session(), id);
        message.setFrom("platform@autoflow.localhost");
        message.setRecipients(Message.RecipientType.TO, String.join(", ", to));
        message.setSubject(subject);
        message.setText(subject);
        Transport.send(message);
    }

    /** Every message to team@, two in three also to ana@ (Cc), one in three to bo@ too; one in ten has no ID. */
    private Void send(int number) throws MessagingException {
        MimeMessage message = number % 10 == 0 ? new WithMessageId(session(), null) : new MimeMessage(session());
        message.setFrom("platform@autoflow.localhost");
        message.setRecipients(Message.RecipientType.TO, number % 3 == 1 ? "team@example.org, bo@example.org"
                : "team@example.org");
        if (number % 3 != 2) {
            message.setRecipients(Message.RecipientType.CC, "ana@example.org");
        }
        message.setSubject("note " + number);
        message.setText("body " + number);
        Transport.send(message);
        return null;
    }

    /** A message whose Message-ID the test chooses, or that has none (jakarta.mail would add one). */
    private static final class WithMessageId extends MimeMessage {
        private final String id;

        WithMessageId(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (id == null) {
                removeHeader("Message-ID");
            } else {
                setHeader("Message-ID", id);
            }
        }
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(smtp));
        return Session.getInstance(properties);
    }

    private void awaitFiles(int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (emls().size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    private void awaitReceptions(int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (receptions().size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    /** The lines of received.tsv, each split in its four fields. */
    private List<String[]> receptions() throws IOException {
        Path log = directory.resolve(MessageFiles.LOG);
        if (!Files.exists(log)) {
            return List.of();
        }
        List<String[]> lines = Files.readAllLines(log).stream().map(line -> line.split("\t", -1)).toList();
        assertThat(lines).allSatisfy(line -> assertThat(line).as(Arrays.toString(line)).hasSize(4));
        return lines;
    }

    private String onlyEml() throws IOException {
        try (Stream<Path> listed = Files.list(directory)) {
            List<String> names = listed.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".eml")).toList();
            assertThat(names).hasSize(1);
            return names.get(0);
        }
    }

    private List<MimeMessage> emls() throws IOException {
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.filter(file -> file.toString().endsWith(".eml")).map(LocalMailTest::read).toList();
        }
    }

    private static MimeMessage read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(null, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
