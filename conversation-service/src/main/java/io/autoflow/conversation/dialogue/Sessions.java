package io.autoflow.conversation.dialogue;

import io.autoflow.events.EventJson;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where an unfinished request waits for the user's next message: Redis, one key per user and session, expiring after
 * {@code autoflow.conversation.session-ttl} of silence. The user id is part of the key, so a session id alone never
 * reaches another user's request.
 */
@ApplicationScoped
public class Sessions {

    private final ValueCommands<String, String> values;
    private final KeyCommands<String> keys;
    private final Duration ttl;

    public Sessions(RedisDataSource redis,
            @ConfigProperty(name = "autoflow.conversation.session-ttl", defaultValue = "30m") Duration ttl) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.ttl = ttl;
    }

    public Optional<Session> find(String userId, String sessionId) {
        return Optional.ofNullable(values.get(key(userId, sessionId))).map(json -> EventJson.read(json, Session.class));
    }

    public void save(String userId, String sessionId, Session session) {
        values.setex(key(userId, sessionId), ttl.toSeconds(), EventJson.write(session));
    }

    public void end(String userId, String sessionId) {
        values.getdel(key(userId, sessionId));
    }

    /** Drops every open conversation of a user. */
    public void forget(String userId) {
        List<String> found = new ArrayList<>();
        keys.scan(new KeyScanArgs().match(key(userId, "*")).count(500)).toIterable().forEach(found::add);
        if (!found.isEmpty()) {
            keys.del(found.toArray(String[]::new));
        }
    }

    static String key(String userId, String sessionId) {
        return "conversation:session:" + userId + ":" + sessionId;
    }
}
