package io.autoflow.ingest;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Scans a stream with clamd over its INSTREAM protocol: {@code zINSTREAM\0}, then chunks each prefixed by their
 * 4-byte big-endian length, then a zero-length chunk; clamd answers {@code stream: OK} or
 * {@code stream: <signature> FOUND}. Blocking: call it from a worker thread.
 */
public class ClamAvScanner {

    private static final int CHUNK = 64 * 1024;

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public ClamAvScanner(String host, int port, int connectTimeoutMillis, int readTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** What clamd found. */
    public record Verdict(boolean clean, String signature) {
    }

    /**
     * @throws ScannerUnavailableException when clamd cannot be reached or does not give a verdict
     */
    public Verdict scan(InputStream content) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[CHUNK];
            for (int read; (read = content.read(buffer)) > 0;) {
                out.writeInt(read);
                out.write(buffer, 0, read);
            }
            out.writeInt(0);
            out.flush();
            return verdict(readReply(socket.getInputStream()));
        } catch (ScannerUnavailableException e) {
            throw e;
        } catch (IOException e) {
            if (e instanceof java.net.SocketException && e.getMessage() != null
                    && e.getMessage().contains("Broken pipe")) {
                // clamd closes the connection when the stream passes its StreamMaxLength.
                throw new ScannerUnavailableException("clamd refused the stream (too large to scan)", e);
            }
            throw new ScannerUnavailableException("clamd at " + host + ":" + port + " is unreachable: "
                    + e.getMessage(), e);
        }
    }

    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        for (int b; (b = in.read()) > 0;) {
            reply.write(b);
        }
        return reply.toString(StandardCharsets.US_ASCII).trim();
    }

    static Verdict verdict(String reply) throws ScannerUnavailableException {
        if (reply.endsWith(" OK")) {
            return new Verdict(true, null);
        }
        if (reply.endsWith(" FOUND")) {
            String found = reply.substring(0, reply.length() - " FOUND".length());
            return new Verdict(false, found.substring(found.indexOf(':') + 1).trim());
        }
        throw new ScannerUnavailableException("clamd gave no verdict: " + reply, null);
    }

    /** The scan could not be done; whether the upload is refused then is the caller's policy. */
    public static class ScannerUnavailableException extends IOException {
        public ScannerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
