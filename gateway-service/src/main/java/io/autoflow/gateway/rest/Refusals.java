package io.autoflow.gateway.rest;

import io.autoflow.gateway.client.Refused;
import java.util.Set;

/**
 * An internal service's answer to a user's request, as the gateway answers it: a refusal whose code is one the
 * resource knows becomes ours, with its message, details and {@code param} (the field at fault); our own refusal
 * stays as it is; anything else (the service down, slow, a 5xx) is the resource's "unavailable" code.
 */
final class Refusals {

    private Refusals() {
    }

    static Throwable translated(Throwable failure, Set<ErrorCode> known, ErrorCode unavailable, String message) {
        if (failure instanceof ApiException) {
            return failure;
        }
        if (failure instanceof Refused refused) {
            ErrorCode code = known.stream().filter(k -> k.code().equals(refused.error().code())).findFirst()
                    .orElse(null);
            if (code != null) {
                var details = refused.error().details();
                String param = details == null ? null : details.path("param").asText(null);
                return ApiException.withParam(code, refused.error().message(), param, details);
            }
        }
        return new ApiException(unavailable, message);
    }
}
