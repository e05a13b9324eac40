package io.autoflow.notification.channel;

import io.autoflow.notification.store.Notification;

/** One way of handing a job to its user. Implementations never throw: every failure is an {@link Outcome}. */
public interface Channel {

    /** {@code email} or {@code webhook}, as in the request. */
    String name();

    Outcome send(Notification notification);
}
