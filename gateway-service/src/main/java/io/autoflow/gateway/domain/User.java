package io.autoflow.gateway.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A person using Autoflow. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String email;

    public String name;

    /** {@code <issuer>|<sub>} for a user who signs in with an identity provider. */
    @Column(name = "oidc_subject")
    public String oidcSubject;

    /** free, pro or enterprise. */
    @Column(nullable = false)
    public String tier;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** IANA time zone id, e.g. {@code Europe/Paris}: the zone of a schedule that names none; null means UTC. */
    @Column(name = "time_zone")
    public String timeZone;

    /**
     * Whether the user is an administrator when signed in with an API key (token users' roles come from their token):
     * the local user of {@code ./autoflow up}.
     */
    @Column(nullable = false)
    public boolean admin;
}
