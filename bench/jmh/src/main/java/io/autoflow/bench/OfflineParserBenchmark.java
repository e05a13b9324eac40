package io.autoflow.bench;

import io.autoflow.conversation.parse.IntentClassifier;
import io.autoflow.conversation.parse.OfflineParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The conversation service's offline parser, one message at a time (embedding, nearest examples, slot extraction),
 * over a mix of messages; JMH's sample mode reports the percentiles (p50, p95). The setup prints the process's
 * resident memory before and after loading the model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx256m", "-XX:+UseSerialGC"})
public class OfflineParserBenchmark {

    private static final List<String> MESSAGES = List.of(
            "Analyse sales_q3.xlsx and email the PDF report to maria@shop.io",
            "every Monday at 9am call https://api.example.com/orders and send me the result",
            "convert orders.csv to json",
            "what can you do?",
            "hi",
            "notify ops@company.io when the import is done",
            "show me trends and outliers in revenue.xlsx as a slide deck",
            "send a DELETE request to https://api.example.com/items/42");

    private OfflineParser parser;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        long before = residentMegabytes();
        parser = new OfflineParser(new IntentClassifier());
        // The model lives in ONNX Runtime's native memory, not the heap: the process's resident size tells.
        System.out.printf("%nresident memory: %d MB before loading the parser, %d MB after%n", before,
                residentMegabytes());
    }

    private static long residentMegabytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0) / 1024;
    }

    @Benchmark
    public Object parseOneMessage() {
        next = (next + 1) % MESSAGES.size();
        return parser.parse(MESSAGES.get(next));
    }
}
