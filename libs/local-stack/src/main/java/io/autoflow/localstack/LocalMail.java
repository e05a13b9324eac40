package io.autoflow.localstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local stack's mail server: SMTP and IMAP (GreenMail, any user name and password) that keep what they receive,
 * each message also written once to a directory as an {@code .eml} file any mail program opens, and each reception
 * (one per recipient and per sending) a line of {@code received.tsv} there. Run by ./autoflow:
 * {@code LocalMail <directory> <smtp port> <imap port>}; it runs until it is stopped.
 */
public final class LocalMail {

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

    /**
     * Writes each message received to the directory once and logs each reception (see {@link MessageFiles}), until
     * the thread is interrupted. A message that could not be written or logged stays in its inbox and is tried again
     * the next round.
     */
    static void keepAsFiles(GreenMail mail, Path directory) throws Exception {
        MessageFiles files = new MessageFiles(directory);
        System.out.println("messages already in the directory, not written again: " + files.count());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                // SMTP puts a copy in each recipient's INBOX, so a copy there is one reception by its owner; other
                // folders only hold what an IMAP client put there (a copy, a draft), which no one received.
                for (GreenMailUser user : mail.getUserManager().listUser()) {
                    MailFolder inbox = mail.getManagers().getImapHostManager().getInbox(user);
                    for (StoredMessage received : new ArrayList<>(inbox.getMessages())) {
                        try {
                            files.save(received, user.getEmail());
                        } catch (IOException | MessagingException | RuntimeException e) {
                            System.err.println("could not write a message, trying again: " + e);
                        }
                    }
                }
            } catch (FolderException | RuntimeException e) {
                System.err.println("could not list the inboxes, trying again: " + e);
            }
            try {
                forgetOldest(mail, files);
            } catch (FolderException | RuntimeException e) {
                // Trimming is housekeeping: the next round tries again, and saving goes on meanwhile.
                System.err.println("could not trim the inboxes: " + e);
            }
            Thread.sleep(300);
        }
    }

    /**
     * GreenMail keeps every message in memory, and a chaos run sends hundreds of reports: each inbox keeps the
     * newest {@link #KEPT_PER_INBOX} for IMAP; the older ones, once written and logged, are only files from then on.
     */
    private static void forgetOldest(GreenMail mail, MessageFiles files) throws FolderException {
        for (GreenMailUser user : mail.getUserManager().listUser()) {
            MailFolder inbox = mail.getManagers().getImapHostManager().getInbox(user);
            // A copy: the inbox's own list grows while SMTP delivers.
            List<StoredMessage> messages = new ArrayList<>(inbox.getMessages());
            if (messages.size() <= KEPT_PER_INBOX) {
                continue;
            }
            List<StoredMessage> oldest = messages.subList(0, messages.size() - KEPT_PER_INBOX).stream()
                    .filter(files::isRecorded).toList();
            if (!oldest.isEmpty()) {
                oldest.forEach(message -> message.setFlag(Flags.Flag.DELETED, true));
                inbox.expunge();
            }
        }
    }
}
