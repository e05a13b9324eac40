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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
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
 *
 * <p>One file per message hides how often it arrived, and a message sent twice (same Message-ID) is what the chaos
 * suite looks for: so each copy, one per recipient and per sending, is also a line of {@value #LOG} in the same
 * directory, appended as it is first seen: {@code <epoch millis received>\t<key>\t<recipient>\t<file name>}, the key
 * being {@code id:<Message-ID>} or {@code sha256:<hex>}. A restarted server appends to it.
 */
final class MessageFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final int LONGEST_PART = 60;
    static final String LOG = "received.tsv";

    private final Path directory;
    /** The file of every message written, by key; a hundred bytes or so each, so kept for the server's life. */
    private final Map<String, String> written = new HashMap<>();
    /**
     * Each inbox copy written and logged. StoredMessage keeps Object's equals, so copies are told apart by identity
     * (two sendings of one message are two); weak, so a copy GreenMail let go of is dropped here too.
     */
    private final Set<StoredMessage> recorded = Collections.newSetFromMap(new WeakHashMap<>());
    private int number;

    MessageFiles(Path directory) throws IOException {
        this.directory = directory;
        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.filter(file -> file.toString().endsWith(".eml")).sorted().toList();
        }
        for (Path file : files) {
            try {
                written.putIfAbsent(keyOf(file), file.getFileName().toString());
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

    /**
     * For a copy not seen before, in the inbox of {@code recipient}: writes the message unless it, or another copy of
     * it, already is a file, and logs the copy's reception. A copy remembered only once both are done is tried again
     * the next round when either failed (its file is not written twice).
     */
    void save(StoredMessage received, String recipient) throws IOException, MessagingException {
        if (recorded.contains(received)) {
            return;
        }
        String key = keyOf(received.getMimeMessage());
        String file = written.get(key);
        if (file == null) {
            file = write(received.getMimeMessage());
            written.put(key, file);
        }
        Date when = received.getReceivedDate();
        String line = String.join("\t", Long.toString(when == null ? System.currentTimeMillis() : when.getTime()),
                field(key), field(recipient), file) + "\n";
        // Opened, appended and closed per line: a line is in the file, not in a buffer of ours, before the inbox may
        // let go of its copy, and a reader (the chaos suite) sees whole lines as they come.
        Files.writeString(directory.resolve(LOG), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        recorded.add(received);
    }

    /** Whether this inbox copy is a file and its reception logged: only then may the inbox let go of it. */
    boolean isRecorded(StoredMessage received) {
        return recorded.contains(received);
    }

    /** One field of a log line: no tab or line break (a folded Message-ID may hold one). */
    private static String field(String text) {
        return text == null || text.isBlank() ? "unknown" : text.replaceAll("[\\t\\r\\n]+", " ");
    }

    private String write(MimeMessage message) throws IOException, MessagingException {
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
        return file.getFileName().toString();
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
