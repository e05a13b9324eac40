package io.autoflow.gateway.auth;

import io.autoflow.gateway.domain.User;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import java.util.UUID;

/** Who is calling, as authenticated for this request. */
@RequestScoped
public class CurrentUser {

    private UUID id;
    private String tier;
    private String email;
    private Set<String> roles = Set.of();

    void set(User user, Set<String> roles) {
        this.id = user.id;
        this.tier = user.tier;
        this.email = user.email;
        this.roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
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
}
