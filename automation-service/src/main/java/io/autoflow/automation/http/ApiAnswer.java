package io.autoflow.automation.http;

/**
 * What an API answered: its status line, the media type, where a redirect points, and the whole body (bounded by
 * the caller).
 */
public record ApiAnswer(int status, String reason, String contentType, String location, byte[] body,
        long durationMs) {

    public boolean isSuccess() {
        return status / 100 == 2;
    }
}
