package io.autoflow.gateway.auth;

import io.autoflow.gateway.domain.ApiKey;
import io.autoflow.gateway.domain.User;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Issues API keys and finds the user a key belongs to. Keys are random, shown once, and stored as SHA-256. */
@ApplicationScoped
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PREFIX_LENGTH = 12;
    /** How often a key's {@code last_used_at} is written at most. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final int MAX_KEYS_REMEMBERED = 100_000;

    /** When this instance last wrote each key's use, by the key's hash. */
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();

    /** Who each key found belongs to, by the key's hash, for a few seconds (see {@link #authenticate}). */
    private final CaffeineCache owners;

    public ApiKeys(@CacheName("api-key-owners") Cache owners) {
        this.owners = owners.as(CaffeineCache.class);
    }

    /** A new random key, e.g. {@code af_3q2x...}: 256 bits, URL-safe. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "af_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The user owning this key, or {@code null} when the key is unknown, revoked or expired. A key found is remembered
     * for a few seconds ({@code quarkus.cache.caffeine."api-key-owners".expire-after-write}): a client polling its job
     * five times a second costs one database read every few seconds, not one a request. The user is read-only there:
     * requests copy what they need ({@link CurrentUser}).
     */
    public Uni<User> authenticate(String key) {
        String keyHash = hash(key);
        CompletableFuture<Object> known = owners.getIfPresent(keyHash);
        if (known != null) {
            return Uni.createFrom().completionStage(known).map(owner -> ((KeyOwner) owner).userAt(Instant.now()));
        }
        // Looked up on this request's own context (Hibernate Reactive's rule), never on another request's in flight.
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createSelectionQuery(
                "select u, k.expiresAt from User u, ApiKey k where k.userId = u.id and k.keyHash = ?1"
                        + " and k.revokedAt is null and (k.expiresAt is null or k.expiresAt > ?2)", Object[].class)
                .setParameter(1, keyHash).setParameter(2, Instant.now()).getSingleResultOrNull()))
                .map(row -> {
                    if (row == null) {
                        return null;
                    }
                    KeyOwner owner = new KeyOwner((User) row[0], (Instant) row[1]);
                    if (!owner.user().admin) { // an administrator's key is checked on every request
                        owners.put(keyHash, CompletableFuture.completedFuture(owner));
                    }
                    return owner.user();
                });
    }

    /** A key's owner as remembered, with the key's expiry: a key remembered is still refused the moment it expires. */
    private record KeyOwner(User user, Instant expiresAt) {

        User userAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now) ? user : null;
        }
    }

    /**
     * Forgets every key's owner remembered here: after a key is revoked, or a user is deleted or changes tier or time
     * zone, the next request with any key reads its owner afresh. Another gateway replica sees such a change once its
     * own memory of the key expires (5 s).
     */
    public Uni<Void> ownersChanged() {
        return owners.invalidateAll();
    }

    /**
     * Notes that the key was used; written at most once a minute per key, to keep requests read-only. This instance
     * remembers when it last wrote each key, so a request within that minute costs no transaction at all (it was one
     * per request, the row unchanged: issue 19's profile of a status read).
     */
    public Uni<Void> touch(String key) {
        Instant now = Instant.now();
        String keyHash = hash(key);
        Instant written = touched.get(keyHash);
        if (written != null && written.isAfter(now.minus(TOUCH_EVERY))) {
            return Uni.createFrom().voidItem();
        }
        if (touched.size() >= MAX_KEYS_REMEMBERED) {
            touched.clear(); // each key is written once more at worst: the memory stays bounded
        }
        touched.put(keyHash, now);
        return Panache.withTransaction(() -> ApiKey.update("lastUsedAt = ?1 where keyHash = ?2"
                + " and (lastUsedAt is null or lastUsedAt < ?3)", now, keyHash, now.minus(TOUCH_EVERY)))
                .replaceWithVoid();
    }

    /** A new key for the user, returned in clear this once. */
    public record Issued(ApiKey record, String key) {
    }

    @WithTransaction
    public Uni<Issued> issue(UUID userId, String name, Instant expiresAt) {
        String key = newKey();
        ApiKey apiKey = new ApiKey();
        apiKey.id = UUID.randomUUID();
        apiKey.userId = userId;
        apiKey.keyHash = hash(key);
        apiKey.prefix = key.substring(0, PREFIX_LENGTH);
        apiKey.name = name;
        apiKey.createdAt = Instant.now();
        apiKey.expiresAt = expiresAt;
        return apiKey.<ApiKey>persist().map(saved -> new Issued(saved, key));
    }

    /** The user's keys that still work, newest first. */
    @WithSession
    public Uni<List<ApiKey>> active(UUID userId) {
        return ApiKey.<ApiKey>find("userId = ?1 and revokedAt is null and (expiresAt is null or expiresAt > ?2)"
                + " order by createdAt desc", userId, Instant.now()).list();
    }

    /** @return whether the user had this key (still working) and it is now revoked */
    public Uni<Boolean> revoke(UUID userId, UUID keyId) {
        return Panache.withTransaction(() -> ApiKey.update("revokedAt = ?1 where id = ?2 and userId = ?3"
                + " and revokedAt is null", Instant.now(), keyId, userId))
                .map(changed -> changed == 1).call(this::ownersChanged); // once committed
    }

    /**
     * Makes sure a user with this email exists in this tier and holds this key; used for the local user of
     * {@code ./autoflow} and by tests. Returns the user. Safe when run at once by several gateways starting on an
     * empty database: each row is inserted unless it is there ({@code ON CONFLICT DO NOTHING} waits for a concurrent
     * insert of the same email or key to commit), then read, so every caller gets the one user and key, and none fails
     * on the unique email.
     */
    public Uni<User> ensureUserWithKey(String email, String tier, String key) {
        OffsetDateTime now = OffsetDateTime.now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO gateway.users"
                + " (id, email, tier, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (email) DO NOTHING")
                .setParameter(1, UUID.randomUUID()).setParameter(2, email).setParameter(3, tier)
                .setParameter(4, now).executeUpdate()
                .chain(() -> User.<User>find("email", email).<User>firstResult())
                .map(user -> inTier(user, tier))
                .call(user -> session.createNativeQuery("INSERT INTO gateway.api_keys"
                        + " (id, user_id, key_hash, prefix, name, created_at) VALUES (?1, ?2, ?3, ?4, 'local', ?5)"
                        + " ON CONFLICT (key_hash) DO NOTHING")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, user.id).setParameter(3, hash(key))
                        .setParameter(4, key.substring(0, Math.min(PREFIX_LENGTH, key.length())))
                        .setParameter(5, now).executeUpdate())))
                .call(this::ownersChanged); // once committed: the key's next request is in this tier
    }

    /** The user is managed by the transaction: the new tier is written at its end. */
    private static User inTier(User user, String tier) {
        user.tier = tier;
        return user;
    }
}
