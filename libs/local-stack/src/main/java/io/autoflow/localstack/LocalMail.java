package io.autoflow.localstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The local stack's mail server: SMTP and IMAP (GreenMail, any user name and password) that keep what they receive,
 * each message also written to a directory as an {@code .eml} file any mail program opens. Run by ./autoflow:
 * {@code LocalMail <directory> <smtp port> <imap port>}; it runs until it is stopped.
 */
public final class LocalMail {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    static final int KEPT_PER_INBOX = 50;

    private LocalMail() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalMail <directory> <smtp port> <imap port>");
            System.exit(2);
        }
        GreenMail mail = start(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        Path directory = Files.createDirectories(Path.of(args[0]));
        System.out.println("SMTP on 127.0.0.1:" + args[1] + ", IMAP on 127.0.0.1:" + args[2] + ", messages in "
                + directory.toAbsolutePath());
        keepAsFiles(mail, directory);
    }

    static GreenMail start(int smtpPort, int imapPort) {
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        return mail;
    }

    /** Writes each message received to the directory, until the thread is interrupted. */
    static void keepAsFiles(GreenMail mail, Path directory) throws Exception {
        Set<StoredMessage> saved = Collections.newSetFromMap(new IdentityHashMap<>());
        int number = 0;
        while (!Thread.currentThread().isInterrupted()) {
            for (StoredMessage received : List.copyOf(mail.getManagers().getImapHostManager().getAllMessages())) {
                if (saved.add(received)) {
                    save(directory, ++number, received.getMimeMessage());
                }
            }
            try {
                forgetOldest(mail, saved);
            } catch (RuntimeException e) {
                // Trimming is housekeeping: the next round tries again, and saving goes on meanwhile.
                System.err.println("could not trim the inboxes: " + e);
            }
            Thread.sleep(300);
        }
    }

    /**
     * GreenMail keeps every message in memory, and a chaos run sends hundreds of reports: each inbox keeps the
     * newest {@link #KEPT_PER_INBOX} for IMAP; the older ones, already saved, are only files from then on.
     */
    private static void forgetOldest(GreenMail mail, Set<StoredMessage> saved) throws Exception {
        for (GreenMailUser user : mail.getUserManager().listUser()) {
            MailFolder inbox = mail.getManagers().getImapHostManager().getInbox(user);
            // A copy: the inbox's own list grows while SMTP delivers.
            List<StoredMessage> messages = new ArrayList<>(inbox.getMessages());
            if (messages.size() <= KEPT_PER_INBOX) {
                continue;
            }
            List<StoredMessage> oldest = messages.subList(0, messages.size() - KEPT_PER_INBOX).stream()
                    .filter(saved::contains).toList();
            oldest.forEach(message -> message.setFlag(Flags.Flag.DELETED, true));
            inbox.expunge();
            oldest.forEach(saved::remove);
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
