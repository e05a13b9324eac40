package io.autoflow.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoflow.testsupport.KafkaTestResource;
import io.autoflow.testsupport.KeycloakTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Bearer tokens issued by a real Keycloak (started from its Maven Central distribution with the realm in config/). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(KeycloakTestResource.class)
class OidcAuthenticationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    Pool db;

    @Test
    void aValidTokenSignsTheUserInAndCreatesThemOnFirstUse() throws Throwable {
        String token = token("autoflow-web", "alice", "alice-local-password");
        given().auth().oauth2(token).get("/api/me/api-keys").then().statusCode(200);
        given().auth().oauth2(token).get("/api/me/api-keys").then().statusCode(200);

        Row alice = user("alice@example.com");
        assertThat(alice.getString("name")).isEqualTo("Alice Example");
        assertThat(alice.getString("oidc_subject")).startsWith(KeycloakTestResource.server().issuer() + "|");
    }

    @Test
    void theRealmsUsersHaveFixedIdsSoImportingItAgainKeepsThem() throws Throwable {
        JsonNode realm = new ObjectMapper().readTree(Path.of(System.getProperty("autoflow.keycloak.realm-file"))
                .toFile());
        for (JsonNode user : realm.path("users")) {
            assertThat(user.path("id").asText()).as("the id of %s", user.path("username").asText())
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
        String aliceId = StreamSupport.stream(realm.path("users").spliterator(), false)
                .filter(user -> user.path("username").asText().equals("alice")).findFirst().orElseThrow()
                .path("id").asText();

        given().auth().oauth2(token("autoflow-web", "alice", "alice-local-password")).get("/api/me").then()
                .statusCode(200);
        assertThat(user("alice@example.com").getString("oidc_subject"))
                .isEqualTo(KeycloakTestResource.server().issuer() + "|" + aliceId);
    }

    @Test
    void anAccountFollowsItsVerifiedEmailWhenTheProviderGivesItANewSubject() throws Throwable {
        String token = token("autoflow-web", "alice", "alice-local-password");
        given().auth().oauth2(token).get("/api/me").then().statusCode(200);
        Row alice = user("alice@example.com");
        String aliceId = alice.getUUID("id").toString();
        String current = alice.getString("oidc_subject");
        // As the provider's earlier provisioning knew her: the same verified email, another subject.
        String earlier = KeycloakTestResource.server().issuer() + "|" + UUID.randomUUID();
        db.preparedQuery("UPDATE gateway.users SET oidc_subject = $1 WHERE id = $2")
                .execute(Tuple.of(earlier, alice.getUUID("id"))).await().indefinitely();

        given().auth().oauth2(token).get("/api/me").then().statusCode(200).body("id", is(aliceId));

        assertThat(user("alice@example.com").getString("oidc_subject")).isEqualTo(current);
        Row relinked = db.preparedQuery("SELECT actor, details->>'previous_subject' AS previous,"
                + " details->>'subject' AS subject FROM gateway.audit_log WHERE action = 'auth.identity_relinked'"
                + " AND target = $1").execute(Tuple.of(aliceId)).await().indefinitely().iterator().next();
        assertThat(relinked.getString("actor")).isEqualTo(aliceId);
        assertThat(relinked.getString("previous")).isEqualTo(earlier);
        assertThat(relinked.getString("subject")).isEqualTo(current);
    }

    @Test
    void anUnverifiedEmailDoesNotTakeOverTheAccountThatHasIt() throws Throwable {
        String earlier = KeycloakTestResource.server().issuer() + "|" + UUID.randomUUID();
        UUID carolId = UUID.randomUUID();
        db.preparedQuery("INSERT INTO gateway.users (id, email, name, tier, oidc_subject, created_at)"
                + " VALUES ($1, 'carol@example.com', 'Carol', 'free', $2, now())")
                .execute(Tuple.of(carolId, earlier)).await().indefinitely();

        given().auth().oauth2(token("autoflow-web", "carol", "carol-local-password")).get("/api/me").then()
                .statusCode(409).body("code", is("account_conflict"));

        assertThat(user("carol@example.com").getString("oidc_subject")).isEqualTo(earlier);
        long relinks = db.preparedQuery("SELECT count(*) FROM gateway.audit_log WHERE action ="
                + " 'auth.identity_relinked' AND target = $1").execute(Tuple.of(carolId.toString())).await()
                .indefinitely().iterator().next().getLong(0);
        assertThat(relinks).isZero();
    }

    @Test
    void theAppsAreToldWhereToSignInAndThePageMayTalkToTheProvider() {
        String issuer = KeycloakTestResource.server().issuer();
        URI origin = URI.create(issuer);
        given().get("/auth/config").then().statusCode(200)
                .body("api_keys", is(true))
                .body("oidc.issuer", is(issuer))
                .body("oidc.client_id", is("autoflow-web"))
                .body("oidc.authorization_endpoint", is(issuer + "/protocol/openid-connect/auth"))
                .body("oidc.token_endpoint", is(KeycloakTestResource.server().tokenEndpoint()))
                .body("oidc.end_session_endpoint", is(issuer + "/protocol/openid-connect/logout"));
        given().get("/").then().statusCode(200).header("Content-Security-Policy",
                containsString("connect-src 'self' http://" + origin.getRawAuthority() + ";"));
    }

    @Test
    void aFirstSignInThatAsksSeveralThingsAtOnceMakesOneUser() throws Throwable {
        db.query("DELETE FROM gateway.users WHERE email = 'bob@example.com'").execute().await().indefinitely();
        String token = token("autoflow-web", "bob", "bob-local-password");
        var requests = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> given().auth().oauth2(token).get("/api/me").statusCode())).toList();
        assertThat(requests.stream().map(CompletableFuture::join)).containsOnly(200);
        long users = db.query("SELECT count(*) FROM gateway.users WHERE email = 'bob@example.com'").execute().await()
                .indefinitely().iterator().next().getLong(0);
        assertThat(users).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = token("autoflow-short-lived", "alice", "alice-local-password");
        Thread.sleep(2500);
        given().auth().oauth2(token).get("/api/me/api-keys").then().statusCode(401)
                .body("code", is("invalid_token"));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        String token = token("other-app", "alice", "alice-local-password");
        given().auth().oauth2(token).get("/api/me/api-keys").then().statusCode(401)
                .body("code", is("invalid_token"));
    }

    @Test
    void aTokenSignedByAnyoneButTheProviderIsRefused() throws Exception {
        String genuine = token("autoflow-web", "alice", "alice-local-password");
        String[] parts = genuine.split("\\.");
        // The same header and claims, signed with a key of our own.
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign((RSAPrivateKey) keys.generateKeyPair().getPrivate());
        signer.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        String forged = parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());

        given().auth().oauth2(forged).get("/api/me/api-keys").then().statusCode(401)
                .body("code", is("invalid_token"));
        given().auth().oauth2("not.a.token").get("/api/me/api-keys").then().statusCode(401)
                .body("code", is("invalid_token"));
        long failures = db.query("SELECT count(*) FROM gateway.audit_log WHERE action = 'auth.failed'"
                + " AND details->>'reason' = 'invalid_token'").execute().await().indefinitely().iterator().next()
                .getLong(0);
        assertThat(failures).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aUserWithoutTheRoleIsForbiddenAndOnlyAnAdminChangesTiers() throws Throwable {
        given().auth().oauth2(token("autoflow-web", "norole", "norole-local-password"))
                .get("/api/me/api-keys").then().statusCode(403).body("code", is("forbidden"));

        String alice = token("autoflow-web", "alice", "alice-local-password");
        given().auth().oauth2(alice).get("/api/me/api-keys").then().statusCode(200);
        String aliceId = user("alice@example.com").getUUID("id").toString();

        given().auth().oauth2(alice).contentType("application/json").body(Map.of("tier", "enterprise"))
                .put("/api/admin/users/" + aliceId + "/tier").then().statusCode(403).body("code", is("forbidden"));

        String admin = token("autoflow-web", "admin", "admin-local-password");
        given().auth().oauth2(alice).queryParam("email", "alice@example.com").get("/api/admin/users").then()
                .statusCode(403).body("code", is("forbidden"));
        given().auth().oauth2(admin).queryParam("email", "Alice@Example.com").get("/api/admin/users").then()
                .statusCode(200).body("id", is(aliceId)).body("email", is("alice@example.com"));
        given().auth().oauth2(admin).queryParam("email", "nobody@example.com").get("/api/admin/users").then()
                .statusCode(404).body("code", is("user_not_found"));
        given().auth().oauth2(admin).queryParam("email", "alice\u0000@example.com").get("/api/admin/users").then()
                .statusCode(400).body("code", is("invalid_character")).body("details.field", is("email"));
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("tier", "pro"))
                .put("/api/admin/users/" + aliceId + "/tier").then().statusCode(200).body("tier", is("pro"));
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("tier", "platinum"))
                .put("/api/admin/users/" + aliceId + "/tier").then().statusCode(422).body("code", is("invalid_tier"));
        long changes = db.query("SELECT count(*) FROM gateway.audit_log WHERE action = 'user.tier_changed'"
                + " AND target = '" + aliceId + "'").execute().await().indefinitely().iterator().next().getLong(0);
        assertThat(changes).isEqualTo(1);
    }

    private Row user(String email) {
        return db.preparedQuery("SELECT id, name, tier, oidc_subject FROM gateway.users WHERE email = $1")
                .execute(Tuple.of(email)).await().indefinitely().iterator().next();
    }

    /** A token from Keycloak's token endpoint (the password grant the test realm's clients allow). */
    static String token(String client, String user, String password) throws Exception {
        String form = Map.of("grant_type", "password", "client_id", client, "username", user, "password", password,
                "scope", "openid email profile").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(KeycloakTestResource.server().tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).path("access_token")
                .asText();
    }
}
