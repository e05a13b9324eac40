package io.autoflow.e2e;

import org.junit.jupiter.api.BeforeAll;

/** A test class run against the {@link Platform}, started once for all of them. */
abstract class OnThePlatform {

    static Platform platform;
    static ServiceProcess gateway;
    /** The local user's API key. */
    static String apiKey;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
        gateway = platform.gateway;
        apiKey = platform.apiKey;
    }
}
