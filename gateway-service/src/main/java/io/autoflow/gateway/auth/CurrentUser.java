package io.autoflow.gateway.auth;

import io.autoflow.gateway.domain.User;
import io.autoflow.gateway.rest.ApiException;
import io.autoflow.gateway.rest.ErrorCode;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import java.util.UUID;

/** Who is calling, as authenticated for this request. */
@RequestScoped
public class CurrentUser {

    /** The role of those who may manage users and the platform ({@code /api/admin}). */
    public static final String ADMIN = "admin";

    private UUID id;
    private String tier;
    private String email;
    private String timeZone;
    private Set<String> roles = Set.of();

    void set(User user, Set<String> roles) {
        this.id = user.id;
        this.tier = user.tier;
        this.email = user.email;
        this.timeZone = user.timeZone;
        this.roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * @param what what needs the role, for the message, e.g. "Changing a user's tier"
     * @throws ApiException 403 {@code forbidden} unless the caller has the role {@code admin}
     */
    public void requireAdmin(String what) {
        if (!hasRole(ADMIN)) {
            throw new ApiException(ErrorCode.FORBIDDEN, what + " needs the role '" + ADMIN + "'");
        }
    }

    public String email() {
        return email;
    }

    public UUID id() {
        return id;
    }

    public String tier() {
        return tier;
    }

    /** The user's time zone id, or null when they have not chosen one. */
    public String timeZone() {
        return timeZone;
    }
}
