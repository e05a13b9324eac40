package io.autoflow.automation.service;

import io.autoflow.automation.domain.Credential;
import io.autoflow.events.credentials.CredentialView;
import io.autoflow.events.credentials.NewCredential;
import io.autoflow.events.credentials.RotatedSecret;
import io.autoflow.service.failure.UniqueViolation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Each user's stored credentials: made, listed (never with their secrets), given a new secret, deleted, forgotten with
 * their user, and opened only to be applied to a call of that user's. The secret is sealed before it reaches a row
 * ({@link CredentialCipher}) and leaves this class only through {@link #resolve}.
 */
@ApplicationScoped
public class Credentials {

    private final CredentialCipher cipher;
    private final int maxPerUser;

    public Credentials(CredentialCipher cipher, CredentialConfig config) {
        this.cipher = cipher;
        this.maxPerUser = config.maxPerUser();
    }

    /** A credential opened to be applied: how, and the secret. Its toString never shows the secret. */
    public record Resolved(String name, String kind, String headerName, String username, String parameterName,
            String secret) {

        @Override
        public String toString() {
            return "Resolved[name=" + name + ", kind=" + kind + "]";
        }
    }

    /**
     * Stores a new credential.
     *
     * @throws CredentialRefused (in the Uni) a field that is not valid, {@code credential_exists}, or
     *         {@code too_many_credentials}
     */
    @WithTransaction
    public Uni<CredentialView> create(String userId, NewCredential request) {
        NewCredential checked;
        try {
            checked = CredentialRules.checked(request);
        } catch (CredentialRefused refused) {
            return Uni.createFrom().failure(refused);
        }
        // One user's creations one after the other, so two at once cannot both pass the cap.
        return lockUser(userId)
                .chain(() -> Credential.count("userId", userId))
                .chain(count -> {
                    if (count >= maxPerUser) {
                        throw new CredentialRefused(422, CredentialRefused.TOO_MANY, "At most " + maxPerUser
                                + " credentials can be kept; delete one first", null);
                    }
                    return Credential.<Credential>findById(new Credential.Key(userId, checked.name()));
                })
                .chain(existing -> {
                    if (existing != null) {
                        throw exists(checked.name());
                    }
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    Credential credential = new Credential();
                    credential.userId = userId;
                    credential.name = checked.name();
                    credential.kind = checked.kind();
                    credential.headerName = checked.headerName();
                    credential.username = checked.username();
                    credential.parameterName = checked.parameterName();
                    seal(credential, checked.secret());
                    credential.createdAt = now;
                    credential.rotatedAt = now;
                    return credential.<Credential>persistAndFlush();
                })
                .onFailure(UniqueViolation::caused).transform(e -> exists(checked.name()))
                .map(Credentials::view);
    }

    /** The user's credentials by name, metadata only. */
    @WithSession
    public Uni<List<CredentialView>> list(String userId) {
        return Credential.<Credential>list("userId", Sort.by("name"), userId)
                .map(all -> all.stream().map(Credentials::view).toList());
    }

    /**
     * Gives the credential a new secret, sealed afresh under the current master key; its name and kind stay.
     *
     * @throws CredentialRefused (in the Uni) {@code credential_not_found}, {@code missing_secret} or
     *         {@code invalid_secret}
     */
    @WithTransaction
    public Uni<CredentialView> rotate(String userId, String name, RotatedSecret request) {
        return Credential.<Credential>findById(new Credential.Key(userId, name), LockModeType.PESSIMISTIC_WRITE)
                .map(credential -> {
                    if (credential == null) {
                        throw CredentialRefused.notFound(name);
                    }
                    CredentialRules.checkSecret(credential.kind, request == null ? null : request.secret());
                    seal(credential, request.secret());
                    credential.rotatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return view(credential);
                });
    }

    /** @throws CredentialRefused (in the Uni) {@code credential_not_found} */
    @WithTransaction
    public Uni<Void> delete(String userId, String name) {
        return Credential.delete("userId = ?1 and name = ?2", userId, name).invoke(deleted -> {
            if (deleted == 0) {
                throw CredentialRefused.notFound(name);
            }
        }).replaceWithVoid();
    }

    /** Erasure of a user (GDPR): all their credentials go. */
    @WithTransaction
    public Uni<Long> forget(String userId) {
        return Credential.delete("userId", userId);
    }

    /**
     * The user's credential of that name, opened to be applied to one of their calls.
     *
     * @throws CredentialRefused (in the Uni) {@code credential_not_found}
     * @throws UnreadableCredentialException (in the Uni) its master key is gone or its row was altered
     */
    @WithSession
    public Uni<Resolved> resolve(String userId, String name) {
        return Credential.<Credential>findById(new Credential.Key(userId, name)).map(credential -> {
            if (credential == null) {
                throw CredentialRefused.notFound(name);
            }
            String secret = cipher.open(userId, name, new CredentialCipher.Sealed(credential.keyId,
                    credential.nonce, credential.ciphertext));
            return new Resolved(credential.name, credential.kind, credential.headerName, credential.username,
                    credential.parameterName, secret);
        });
    }

    private void seal(Credential credential, String secret) {
        CredentialCipher.Sealed sealed = cipher.seal(credential.userId, credential.name, secret);
        credential.keyId = sealed.keyId();
        credential.nonce = sealed.nonce();
        credential.ciphertext = sealed.ciphertext();
    }

    private static Uni<Void> lockUser(String userId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:user, 0))) AS l",
                        Integer.class)
                .setParameter("user", "credentials:" + userId).getSingleResult()).replaceWithVoid();
    }

    private static CredentialRefused exists(String name) {
        return new CredentialRefused(409, CredentialRefused.EXISTS, "A credential named '" + name
                + "' exists: PUT /api/credentials/" + name + " gives it a new secret", "name");
    }

    static CredentialView view(Credential credential) {
        return new CredentialView(credential.name, credential.kind, credential.headerName, credential.parameterName,
                credential.createdAt, credential.rotatedAt);
    }
}
