package io.autoflow.gateway;

import io.autoflow.gateway.auth.Administrators;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.gateway.domain.User;
import io.quarkus.vertx.VertxContextSupport;
import java.util.UUID;

/** A new user of a tier with a fresh API key, for a test. */
public record TestUsers(User user, String key) {

    public static TestUsers create(ApiKeys apiKeys, String tier) throws Throwable {
        String key = ApiKeys.newKey();
        User user = VertxContextSupport.subscribeAndAwait(
                () -> apiKeys.ensureUserWithKey(UUID.randomUUID() + "@example.com", tier, key));
        return new TestUsers(user, key);
    }

    /** A new administrator, signed in by API key as the local user of {@code ./autoflow up} is. */
    public static TestUsers admin(ApiKeys apiKeys, Administrators administrators) throws Throwable {
        TestUsers admin = create(apiKeys, "enterprise");
        VertxContextSupport.subscribeAndAwait(() -> administrators.appoint(admin.user().id));
        return admin;
    }
}
