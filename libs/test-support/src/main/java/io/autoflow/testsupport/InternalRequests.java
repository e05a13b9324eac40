package io.autoflow.testsupport;

import io.autoflow.service.auth.ServiceTokens;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Requests to an internal service under test as the gateway sends them: with the service token. Tests of internal
 * routes import {@code InternalRequests.given} where they would import {@code RestAssured.given}; the service refuses
 * anything else.
 */
public final class InternalRequests {

    private InternalRequests() {
    }

    /** A RestAssured request carrying the token the service under test sends and accepts. */
    public static RequestSpecification given() {
        return RestAssured.given().header(ServiceTokens.HEADER,
                CDI.current().select(ServiceTokens.class).get().callerToken());
    }
}
