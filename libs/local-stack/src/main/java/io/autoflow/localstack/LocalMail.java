package io.autoflow.localstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The local stack's mail server: SMTP and IMAP (GreenMail, any user name and password) that keep what they receive,
 * each message also written to a directory as an {@code .eml} file any mail program opens. Run by ./autoflow:
 * {@code LocalMail <directory> <smtp port> <imap port>}; it runs until it is stopped.
 */
public final class LocalMail {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private LocalMail() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalMail <directory> <smtp port> <imap port>");
            System.exit(2);
        }
        Path directory = Files.createDirectories(Path.of(args[0]));
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(Integer.parseInt(args[1]), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(Integer.parseInt(args[2]), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        System.out.println("SMTP on 127.0.0.1:" + args[1] + ", IMAP on 127.0.0.1:" + args[2] + ", messages in "
                + directory.toAbsolutePath());
        int saved = 0;
        while (true) {
            MimeMessage[] received = mail.getReceivedMessages();
            for (; saved < received.length; saved++) {
                save(directory, saved + 1, received[saved]);
            }
            Thread.sleep(300);
        }
    }

    private static void save(Path directory, int number, MimeMessage message) throws Exception {
        Address[] to = message.getAllRecipients();
        String recipients = to == null ? "unknown" : Arrays.stream(to).map(Address::toString)
                .collect(Collectors.joining("+")).replaceAll("[^A-Za-z0-9@.+_-]", "_");
        Path file = directory.resolve(String.format("%s-%04d-%s.eml", STAMP.format(Instant.now()), number,
                recipients));
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
        }
        System.out.println("received " + file.getFileName() + ": " + message.getSubject());
    }
}
