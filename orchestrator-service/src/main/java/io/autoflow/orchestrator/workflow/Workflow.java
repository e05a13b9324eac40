package io.autoflow.orchestrator.workflow;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's workflow: its name, whether it may run, its latest revision, and what runs that no request starts
 * (schedule, webhook) go by: the owner's email and tier as of the last save, the webhook's token and secret.
 */
@Entity
@Table(name = "workflows")
public class Workflow extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public boolean enabled;

    @Column(nullable = false)
    public int revision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "owner_email")
    public String ownerEmail;

    public String tier;

    /** The secret part of a webhook trigger's URL; null unless its trigger is a webhook. */
    @Column(name = "hook_token")
    public String hookToken;

    /** The Standard Webhooks signing secret ({@code whsec_…}) of a webhook trigger. */
    @Column(name = "hook_secret")
    public String hookSecret;
}
