package io.autoflow.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command-line entry used by {@code ./autoflow up}: starts the broker in the background, waits until its topics exist,
 * writes its pid and exits. {@code ./autoflow down} stops it by that pid.
 *
 * <pre>java -cp ... io.autoflow.localstack.LocalKafka DATA_DIR PORT CONTROLLER_PORT</pre>
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalKafka DATA_DIR PORT CONTROLLER_PORT");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        KafkaBroker broker = new KafkaBroker(dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        try {
            broker.start();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        Files.writeString(dir.resolve("kafka.pid"), Long.toString(broker.pid()));
        System.out.println("kafka ready on " + broker.bootstrapServers() + " (pid " + broker.pid() + ")");
    }
}
