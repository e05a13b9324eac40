package io.autoflow.events;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * The platform's cron expressions: the five Unix fields (minute, hour, day of month, month, day of week), read in a
 * time zone. Shared so that what the gateway accepts is what the scheduler runs.
 */
public final class CronExpressions {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CronExpressions() {
    }

    /** @throws IllegalArgumentException with a message a user understands, when the expression does not parse */
    public static Cron parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the cron expression is empty");
        }
        try {
            return PARSER.parse(expression.trim()).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a five-field cron expression (minute hour"
                    + " day-of-month month day-of-week, e.g. '0 9 * * MON'): " + e.getMessage());
        }
    }

    /** The first time the expression names strictly after {@code after}, read in {@code zone}; empty when never. */
    public static Optional<Instant> next(Cron cron, Instant after, ZoneId zone) {
        return ExecutionTime.forCron(cron).nextExecution(ZonedDateTime.ofInstant(after, zone))
                .map(ZonedDateTime::toInstant);
    }

    /** In words, e.g. "at 09:00 at Monday day". */
    public static String describe(Cron cron) {
        return CronDescriptor.instance(Locale.UK).describe(cron);
    }
}
