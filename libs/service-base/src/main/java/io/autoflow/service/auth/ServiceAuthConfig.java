package io.autoflow.service.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** How internal services tell platform services from anyone else on the network ({@code autoflow.service-auth.*}). */
@ConfigMapping(prefix = "autoflow.service-auth")
public interface ServiceAuthConfig {

    /**
     * Whether this service refuses requests without a valid service token. On for every service by default; only the
     * gateway, whose public routes authenticate users themselves, switches it off.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The service tokens, comma-separated, each at least 32 characters ({@code AUTOFLOW_SERVICE_TOKEN}; no default
     * outside tests). Callers send the first; services accept any, so a deployment rolls a new token in without
     * downtime: add it second, then move it first, then drop the old one.
     */
    List<String> tokens();
}
