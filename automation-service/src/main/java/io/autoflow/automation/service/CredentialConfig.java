package io.autoflow.automation.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Stored credentials ({@code autoflow.credentials.*}). */
@ConfigMapping(prefix = "autoflow.credentials")
public interface CredentialConfig {

    /**
     * The master keys secrets are sealed with, {@code id=<base64 of 32 bytes>} separated by commas, newest first
     * ({@code AUTOFLOW_CREDENTIAL_KEYS}; {@code ./autoflow} makes one). The first seals every secret written; every
     * one listed opens what it sealed, so a new key is rolled in by putting it first and the old one is dropped once
     * no row names it ({@code key_id}). No default outside tests: without a key (here or in {@link #keysFile()}) the
     * service does not start.
     */
    Optional<String> keys();

    /** A file holding the keys, in the format of {@link #keys()} (a mounted secret); read when {@code keys} is unset. */
    Optional<Path> keysFile();

    /** How many credentials one user may keep ({@code too_many_credentials} past it). */
    @WithDefault("100")
    int maxPerUser();
}
