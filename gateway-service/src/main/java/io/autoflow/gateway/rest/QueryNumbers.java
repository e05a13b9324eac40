package io.autoflow.gateway.rest;

/** A whole-number query parameter read one way: its default when absent; out of range or not a number is a 400. */
final class QueryNumbers {

    private QueryNumbers() {
    }

    /** @throws ApiException 400 {@code invalid_request} naming {@code param}, never a clamped value */
    static int between(String raw, String param, int min, int max, int absent) {
        if (raw == null) {
            return absent;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.withParam(ErrorCode.INVALID_REQUEST, "'" + param + "' must be a whole number from " + min
                + " to " + max, param);
    }
}
