package io.autoflow.outbound;

/** A user-given URL the platform will not call; the message says why, in words a user understands. */
public class UrlNotAllowedException extends RuntimeException {

    public UrlNotAllowedException(String why) {
        super(why);
    }
}
