package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ProfileTest {

    @Inject
    ApiKeys apiKeys;

    private TestUsers owner;

    @BeforeEach
    void setUp() throws Throwable {
        owner = TestUsers.create(apiKeys, "pro");
    }

    @Test
    void aPersonSetsTheirTimeZoneAndAWrongOneChangesNothing() {
        as().get("/api/me").then().statusCode(200).body("time_zone", nullValue()).body("tier", is("pro"));
        as().contentType("application/json").body(Map.of("time_zone", "Europe/Paris")).patch("/api/me").then()
                .statusCode(200).body("time_zone", is("Europe/Paris"));
        as().contentType("application/json").body(Map.of("time_zone", "Mars/Olympus_Mons")).patch("/api/me").then()
                .statusCode(422).body("code", is("invalid_time_zone"));
        as().get("/api/me").then().statusCode(200).body("time_zone", is("Europe/Paris"));
        as().contentType("application/json").body(Map.of("time_zone", "")).patch("/api/me").then()
                .statusCode(200).body("time_zone", nullValue());
    }

    private RequestSpecification as() {
        return given().header("X-API-Key", owner.key());
    }
}
