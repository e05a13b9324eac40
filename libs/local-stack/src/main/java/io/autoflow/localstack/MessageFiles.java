package io.autoflow.localstack;

import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Stream;

/**
 * The mail directory: each distinct message written once as an {@code .eml} file, known by its Message-ID, or by a
 * hash of its bytes when it has none. A message to several people is a copy in each one's inbox, and a resend keeps
 * its Message-ID: either way one file. Files already there count as written, so a restarted server writes none again.
 */
final class MessageFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final int LONGEST_PART = 60;

    private final Path directory;
    /** Keys of every message written; a few dozen bytes each, so kept for the server's life. */
    private final Set<String> written = new HashSet<>();
    /** Each inbox copy's key, computed once; weak, so a copy GreenMail let go of is dropped here too. */
    private final Map<StoredMessage, String> keys = new WeakHashMap<>();
    private int number;

    MessageFiles(Path directory) throws IOException {
        this.directory = directory;
        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.filter(file -> file.toString().endsWith(".eml")).toList();
        }
        for (Path file : files) {
            try {
                written.add(keyOf(file));
            } catch (IOException | MessagingException | RuntimeException e) {
                // Someone's stray or half-copied file: it is no message of ours to keep a server from starting.
                System.err.println("not a message, ignored: " + file.getFileName() + ": " + e);
            }
        }
        number = files.size();
    }

    int count() {
        return written.size();
    }

    /** Writes the message unless it, or another copy of it, already is a file. */
    void save(StoredMessage received) throws IOException, MessagingException {
        String key = keys.get(received);
        if (key == null) {
            key = keyOf(received.getMimeMessage());
            keys.put(received, key);
        }
        if (!written.contains(key)) {
            write(received.getMimeMessage());
            written.add(key);
        }
    }

    /** Whether this inbox copy is a file: only then may the inbox let go of it. */
    boolean isWritten(StoredMessage received) {
        String key = keys.get(received);
        return key != null && written.contains(key);
    }

    private void write(MimeMessage message) throws IOException, MessagingException {
        Path file;
        do {
            file = directory.resolve(String.format("%s-%04d-%s-%s.eml", STAMP.format(Instant.now()), ++number,
                    part(recipients(message)), part(subject(message))));
        } while (Files.exists(file));
        // Written aside, then renamed: whoever reads *.eml meanwhile never sees half a message.
        Path partial = directory.resolve("." + file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("received " + file.getFileName() + ": " + message.getSubject());
    }

    private static String keyOf(MimeMessage message) throws IOException, MessagingException {
        String id = message.getHeader("Message-ID", null);
        if (id != null && !id.isBlank()) {
            return idKey(id);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return hashKey(bytes.toByteArray());
    }

    /** Reads only the headers of a file with a Message-ID, as most are: a restart need not load every report. */
    private static String keyOf(Path file) throws IOException, MessagingException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            String id = new InternetHeaders(in).getHeader("Message-ID", null);
            if (id != null && !id.isBlank()) {
                return idKey(id);
            }
        }
        return hashKey(Files.readAllBytes(file)); // the bytes keyOf(MimeMessage) hashed, as write wrote them
    }

    private static String idKey(String id) {
        return "id:" + MimeUtility.unfold(id).strip();
    }

    private static String hashKey(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** The first recipient, and how many more: a name of all of them could pass the file system's 255 bytes. */
    private static String recipients(MimeMessage message) throws MessagingException {
        Address[] all = message.getAllRecipients();
        if (all == null || all.length == 0) {
            return "unknown";
        }
        String first = all[0] instanceof InternetAddress address ? address.getAddress() : all[0].toString();
        return first + (all.length > 1 ? "+" + (all.length - 1) : "");
    }

    private static String subject(MimeMessage message) throws MessagingException {
        String subject = message.getSubject();
        return subject == null || subject.isBlank() ? "no subject" : subject;
    }

    /** ASCII only (accents dropped, the rest '_'), and short, so any file system and shell take it as it is. */
    private static String part(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z0-9@.+_-]+", "_");
        return ascii.length() <= LONGEST_PART ? ascii : ascii.substring(0, LONGEST_PART);
    }
}
