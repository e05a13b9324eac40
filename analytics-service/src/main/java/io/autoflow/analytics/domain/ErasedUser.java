package io.autoflow.analytics.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user who asked to be forgotten, kept by id only. */
@Entity
@Table(name = "erased_users")
public class ErasedUser extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "erased_at", nullable = false)
    public Instant erasedAt;
}
