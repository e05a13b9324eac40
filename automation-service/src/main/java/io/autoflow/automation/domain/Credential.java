package io.autoflow.automation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One of a user's stored credentials: how it is applied, and its secret, encrypted (see CredentialCipher). */
@Entity
@Table(name = "credentials")
@IdClass(Credential.Key.class)
public class Credential extends PanacheEntityBase {

    @Id
    @Column(name = "user_id", nullable = false)
    public String userId;

    @Id
    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String kind;

    @Column(name = "header_name")
    public String headerName;

    @Column
    public String username;

    @Column(name = "parameter_name")
    public String parameterName;

    /** Which master key sealed the secret. */
    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(nullable = false)
    public byte[] nonce;

    @Column(nullable = false)
    public byte[] ciphertext;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "rotated_at", nullable = false)
    public Instant rotatedAt;

    /** Never the secret, sealed or not. */
    @Override
    public String toString() {
        return "Credential[userId=" + userId + ", name=" + name + ", kind=" + kind + "]";
    }

    /** The primary key: a name is unique per user. */
    public static class Key implements Serializable {

        public String userId;
        public String name;

        public Key() {
        }

        public Key(String userId, String name) {
            this.userId = userId;
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(userId, key.userId) && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, name);
        }
    }
}
