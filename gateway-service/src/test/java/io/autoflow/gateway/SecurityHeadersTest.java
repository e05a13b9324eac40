package io.autoflow.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SecurityHeadersTest {

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndApiAnswersAreNotCached() {
        given().get("/api/jobs").then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("connect-src 'self';"))
                .header("Strict-Transport-Security", containsString("max-age="))
                .header("Cache-Control", "no-store");
        given().get("/q/health/live").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().get("/app.js").then().statusCode(200).header("Content-Security-Policy", containsString("default-src"));
    }

    @Test
    void withoutAnIdentityProviderTheAppsOfferApiKeysOnly() {
        given().get("/auth/config").then().statusCode(200).body("api_keys", is(true)).body("oidc", nullValue());
    }

    @Test
    void theWebAppsOriginMayCallTheApiAndOthersMayNot() {
        given().header("Origin", "http://localhost:8080").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "X-API-Key,Content-Type")
                .options("/api/analytics/document").then().statusCode(200)
                .header("Access-Control-Allow-Origin", is("http://localhost:8080"))
                .header("Access-Control-Allow-Headers", containsString("X-API-Key"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/analytics/document").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
