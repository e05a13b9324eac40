package io.autoflow.e2e;

import static io.restassured.RestAssured.given;

/** Access tokens from the platform's identity provider for the realm's test users (config/keycloak). */
final class Tokens {

    private Tokens() {
    }

    /** A fresh access token of {@code user}, whose password the realm file gives as {@code <user>-local-password}. */
    static String of(Platform platform, String user) {
        return given().formParam("grant_type", "password").formParam("client_id", "autoflow-web")
                .formParam("username", user).formParam("password", user + "-local-password")
                .formParam("scope", "openid").post(platform.keycloak.tokenEndpoint())
                .then().statusCode(200).extract().path("access_token");
    }
}
