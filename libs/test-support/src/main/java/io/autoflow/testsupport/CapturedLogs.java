package io.autoflow.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The log records of one logger (and those below it) in a {@code @QuarkusTest}, each with the MDC it was logged with,
 * so a test can tell that a job's log line carries its job and trace ids. Close it to stop capturing.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    /**
     * @param message the message as the record holds it (JBoss Logging's {@code infof} has formatted it already)
     * @param mdc the MDC on the logging thread at the time
     */
    public record Line(String logger, String message, Map<String, Object> mdc) {
        public String mdc(String key) {
            Object value = mdc.get(key);
            return value == null ? null : value.toString();
        }
    }

    private final Logger logger;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private CapturedLogs(Logger logger) {
        this.logger = logger;
    }

    public static CapturedLogs of(String loggerName) {
        CapturedLogs captured = new CapturedLogs(Logger.getLogger(loggerName));
        captured.logger.addHandler(captured);
        return captured;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(new Line(record.getLoggerName(), record.getMessage(), new HashMap<>(MDC.getMap())));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
