package io.autoflow.gateway.auth;

import io.autoflow.gateway.domain.User;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** Who is calling, as authenticated for this request. */
@RequestScoped
public class CurrentUser {

    private UUID id;
    private String tier;
    private String email;

    void set(User user) {
        this.id = user.id;
        this.tier = user.tier;
        this.email = user.email;
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
