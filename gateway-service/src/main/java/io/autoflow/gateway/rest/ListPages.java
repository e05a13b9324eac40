package io.autoflow.gateway.rest;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The query parameters of every list, read one way (Stripe's): {@code limit} 1 to 100 (default 20), and
 * {@code starting_after} the id of the last item of the previous page. A value that is not one of those is a 400
 * naming it, never clamped, ignored, or a 404.
 */
final class ListPages {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private ListPages() {
    }

    static int limit(String raw) {
        return QueryNumbers.between(raw, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    }

    /** @return null for the first page */
    static UUID startingAfter(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw unknownCursor("items");
        }
    }

    static ApiException unknownCursor(String items) {
        return ApiException.withParam(ErrorCode.INVALID_REQUEST, "'starting_after' must be the id of one of your "
                + items + ", the last of the page before", "starting_after");
    }

    /** A page of a list the caller owns in full and that is already newest first (e.g. their schedules). */
    static <T> Page<T> page(List<T> newestFirst, Function<T, String> id, int limit, UUID after, String items) {
        int from = 0;
        if (after != null) {
            from = newestFirst.stream().map(id).toList().indexOf(after.toString()) + 1;
            if (from == 0) {
                throw unknownCursor(items);
            }
        }
        int to = Math.min(newestFirst.size(), from + limit);
        return new Page<>(newestFirst.subList(from, to), to < newestFirst.size());
    }

    record Page<T>(List<T> items, boolean hasMore) {
    }
}
