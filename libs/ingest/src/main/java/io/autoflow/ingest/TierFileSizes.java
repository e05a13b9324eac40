package io.autoflow.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

/** The largest document a user of each tier may give, uploaded or fetched. */
@ApplicationScoped
public class TierFileSizes {

    private final Config config;

    public TierFileSizes(Config config) {
        this.config = config;
    }

    /** {@code autoflow.tiers.<tier>.max-file-bytes}. */
    public long maxBytes(String tier) {
        return config.getOptionalValue("autoflow.tiers." + tier + ".max-file-bytes", Long.class)
                .orElseThrow(() -> new IllegalStateException("No file size limit configured for tier " + tier));
    }
}
