package io.autoflow.gateway.auth;

import io.autoflow.gateway.audit.AuditLog;
import io.autoflow.gateway.domain.User;
import io.autoflow.gateway.rest.ApiException;
import io.autoflow.gateway.rest.ErrorCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The user a verified token stands for, made on first sign-in (email and name from the token, tier free). A user
 * already known by the same email is linked only when the provider says it verified the address, so nobody takes over
 * an account by registering its email elsewhere. The account follows its verified email: a user whose stored subject
 * differs from the token's (the identity provider was provisioned again and gave its users new ids, or the deployment
 * moved to another provider) is re-linked to the token's subject, recorded in the audit log as
 * {@code auth.identity_relinked} with both subjects; with an unverified email it is 409 {@code account_conflict}.
 */
@ApplicationScoped
public class TokenUsers {

    static final String DEFAULT_TIER = "free";
    /** The audit log's action for an account moved to a new subject. */
    static final String RELINKED = "auth.identity_relinked";

    private final AuditLog audit;

    public TokenUsers(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param request where the sign-in came from, for the audit log
     * @throws ApiException 409 {@code account_conflict} when another account has the token's email and the provider
     *     has not verified it
     */
    @WithTransaction
    public Uni<User> signIn(JsonWebToken token, HttpServerRequest request) {
        String subject = token.getIssuer() + "|" + token.getSubject();
        return User.<User>find("oidcSubject", subject).firstResult().chain(known -> {
            if (known != null) {
                return Uni.createFrom().item(known);
            }
            String email = email(token);
            return User.<User>find("email", email).firstResult().chain(sameEmail -> {
                if (sameEmail == null) {
                    return create(subject, email, name(token));
                }
                if (subject.equals(sameEmail.oidcSubject)) { // made a moment ago by a concurrent request
                    return Uni.createFrom().item(sameEmail);
                }
                if (!Boolean.TRUE.equals(verified(token))) {
                    throw new ApiException(ErrorCode.ACCOUNT_CONFLICT, "Another account already uses the email "
                            + email + "; sign in with a provider that has verified it");
                }
                String previous = sameEmail.oidcSubject;
                sameEmail.oidcSubject = subject; // written when the transaction ends
                if (previous == null) {
                    return Uni.createFrom().item(sameEmail);
                }
                return audit.record(sameEmail.id.toString(), RELINKED, sameEmail.id.toString(), request,
                        Map.of("previous_subject", previous, "subject", subject)).replaceWith(sameEmail);
            });
        });
    }

    /**
     * Adds the user unless a request running at the same moment (the app asks several things at once right after
     * sign-in) already did, then reads whichever row won.
     */
    private static Uni<User> create(String subject, String email, String name) {
        return Panache.getSession().chain(session -> session.createNativeQuery("INSERT INTO gateway.users"
                + " (id, email, name, tier, oidc_subject, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                + " ON CONFLICT DO NOTHING")
                .setParameter(1, UUID.randomUUID()).setParameter(2, email).setParameter(3, name)
                .setParameter(4, DEFAULT_TIER).setParameter(5, subject).setParameter(6, OffsetDateTime.now())
                .executeUpdate())
                .chain(() -> User.<User>find("oidcSubject", subject).<User>firstResult())
                .onItem().ifNull().failWith(() -> new ApiException(ErrorCode.ACCOUNT_CONFLICT,
                        "Another account already uses the email " + email));
    }

    private static String email(JsonWebToken token) {
        String email = token.getClaim("email");
        if (email == null || email.isBlank()) {
            throw new ApiException(ErrorCode.EMAIL_REQUIRED, "The token carries no email; ask for the 'email' scope");
        }
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static String name(JsonWebToken token) {
        String name = token.getClaim("name");
        return name != null ? name : token.getClaim("preferred_username");
    }

    private static Boolean verified(JsonWebToken token) {
        Object claim = token.getClaim("email_verified");
        return claim instanceof Boolean b ? b : claim != null && Boolean.parseBoolean(claim.toString());
    }
}
