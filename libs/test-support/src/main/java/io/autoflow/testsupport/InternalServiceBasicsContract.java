package io.autoflow.testsupport;

import static org.hamcrest.Matchers.is;

import io.autoflow.service.auth.ServiceTokens;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * What every internal service (all but the gateway) promises on top of the basics: it serves nobody without the
 * service token, whatever the route, while the basics' {@code /q/} endpoints stay open to probes and scrapers.
 */
public abstract class InternalServiceBasicsContract extends ServiceBasicsContract {

    /** The check runs before routing: a route that does not exist is refused alike, so nothing can be probed. */
    private static final String ANY_ROUTE = "/no-such-route";

    @Test
    public void refusesCallersWithoutTheServiceToken() {
        RestAssured.given().get(ANY_ROUTE).then().statusCode(401)
                .body("status", is(401))
                .body("code", is("service_credentials_required"))
                .body("details.header", is(ServiceTokens.HEADER));
        RestAssured.given().header(ServiceTokens.HEADER, "not-the-service-token-but-just-as-long-as-one")
                .get(ANY_ROUTE).then().statusCode(401)
                .body("code", is("invalid_service_credentials"));
        InternalRequests.given().get(ANY_ROUTE).then().statusCode(404);
    }
}
