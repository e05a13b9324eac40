package io.autoflow.notification;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail server that speaks SMTP and refuses every recipient with {@code 550 5.1.1}, as a real server does for an
 * address that does not exist. Counts the recipients it was offered.
 */
public class RejectingSmtpServer implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger RECIPIENTS_OFFERED = new AtomicInteger();
    private ServerSocket server;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    new Thread(() -> converse(client), "rejecting-smtp").start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "rejecting-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port",
                Integer.toString(server.getLocalPort()));
    }

    private static void converse(Socket client) {
        try (client; var in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream out = client.getOutputStream()) {
            reply(out, "220 reject.test ESMTP");
            for (String line; (line = in.readLine()) != null;) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 reject.test");
                } else if (command.startsWith("RCPT")) {
                    RECIPIENTS_OFFERED.incrementAndGet();
                    reply(out, "550 5.1.1 No such user here");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "250 2.0.0 OK");
                }
            }
        } catch (IOException e) {
            // the client hung up
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
    }
}
