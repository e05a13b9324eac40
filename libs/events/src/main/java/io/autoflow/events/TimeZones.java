package io.autoflow.events;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Time zones as IANA names only (Europe/Paris, America/New_York, UTC): a fixed offset such as {@code GMT+5} or
 * {@code +05:30} is refused, since it knows nothing of daylight saving and would drift an hour twice a year. A name is
 * matched whatever its case ({@code europe/paris}) and given back as IANA spells it.
 */
public final class TimeZones {

    private static final Map<String, String> BY_LOWER_CASE = ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toUnmodifiableMap(id -> id.toLowerCase(Locale.ROOT), Function.identity(),
                    (a, b) -> a));

    private TimeZones() {
    }

    /** The zone of an IANA name, whatever its case; empty when it is not one. */
    public static Optional<ZoneId> iana(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_LOWER_CASE.get(name.trim().toLowerCase(Locale.ROOT))).map(ZoneId::of);
    }

    /** Why {@code name} is not a zone, in a sentence. */
    public static String refusal(String name) {
        return "'" + name + "' is not a time zone: give its IANA name, e.g. Europe/Paris or America/New_York (a fixed"
                + " offset such as GMT+5 does not follow daylight saving)";
    }
}
