package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Stored credentials through the public API on the running platform: the gateway in front of the real
 * automation-service, which keeps them sealed in its schema. The secrets never come back, in no answer, row or log.
 */
class CredentialsEndToEndIT extends OnThePlatform {

    @Test
    void aCredentialIsCreatedListedRotatedAndDeletedWithoutItsSecretEverComingBack() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bearer = "ghp_e2e-bearer-" + run;
        String header = "hk-e2e-header-" + run;
        String password = "pw-e2e-basic-" + run;
        String query = "qk-e2e-query-" + run;
        String rotated = "ghp_e2e-rotated-" + run;
        String name = "github-" + run;
        List<String> answers = new ArrayList<>();

        answers.add(send(json(Map.of("name", name, "kind", "bearer", "secret", bearer)), "POST", "")
                .then().statusCode(201).body("name", is(name)).body("kind", is("bearer")).body("secret", nullValue())
                .body("created_at", is(org.hamcrest.Matchers.notNullValue())).extract().asString());
        answers.add(send(json(Map.of("name", "partner-" + run, "kind", "header", "header_name", "X-Api-Key",
                "secret", header)), "POST", "").then().statusCode(201).body("header_name", is("X-Api-Key"))
                .extract().asString());
        answers.add(send(json(Map.of("name", "legacy-" + run, "kind", "basic", "username", "ops-" + run,
                "secret", password)), "POST", "").then().statusCode(201).body("username", nullValue())
                .extract().asString());
        answers.add(send(json(Map.of("name", "maps-" + run, "kind", "query", "parameter_name", "key",
                "secret", query)), "POST", "").then().statusCode(201).body("parameter_name", is("key"))
                .extract().asString());

        answers.add(send(json(Map.of("name", name, "kind", "bearer", "secret", "another")), "POST", "")
                .then().statusCode(409).body("code", is("credential_exists")).body("param", is("name"))
                .extract().asString());
        answers.add(send(json(Map.of("name", "bad name", "kind", "bearer", "secret", bearer)), "POST", "")
                .then().statusCode(400).body("code", is("invalid_credential_name")).body("param", is("name"))
                .extract().asString());
        answers.add(send(json(Map.of("name", "x-" + run, "kind", "oauth", "secret", bearer)), "POST", "")
                .then().statusCode(400).body("code", is("invalid_credential_kind")).body("param", is("kind"))
                .extract().asString());
        answers.add(send(json(Map.of("name", "x-" + run, "kind", "header", "secret", header)), "POST", "")
                .then().statusCode(400).body("code", is("invalid_credential_kind"))
                .body("param", is("header_name")).extract().asString());
        answers.add(send(json(Map.of("name", "x-" + run, "kind", "bearer")), "POST", "")
                .then().statusCode(400).body("code", is("missing_secret")).body("param", is("secret"))
                .extract().asString());
        answers.add(send(json(Map.of("name", "x-" + run, "kind", "bearer", "secret", bearer + "\nX-Injected: 1")),
                "POST", "").then().statusCode(400).body("code", is("invalid_secret")).extract().asString());

        answers.add(send(request(), "GET", "").then().statusCode(200)
                .body("credentials.name", org.hamcrest.Matchers.hasItems(name, "partner-" + run, "legacy-" + run,
                        "maps-" + run))
                .extract().asString());

        String before = createdAt(name);
        answers.add(send(json(Map.of("secret", rotated)), "PUT", "/" + name).then().statusCode(200)
                .body("name", is(name)).body("kind", is("bearer")).body("created_at", is(before))
                .extract().asString());
        answers.add(send(json(Map.of()), "PUT", "/" + name).then().statusCode(400)
                .body("code", is("missing_secret")).extract().asString());
        answers.add(send(json(Map.of("secret", rotated)), "PUT", "/nothing-" + run).then().statusCode(404)
                .body("code", is("credential_not_found")).extract().asString());

        try (Connection db = Platform.database(); PreparedStatement sql = db.prepareStatement(
                "SELECT name, key_id, ciphertext FROM automation.credentials WHERE name LIKE ?")) {
            sql.setString(1, "%-" + run);
            int rows = 0;
            try (ResultSet found = sql.executeQuery()) {
                while (found.next()) {
                    rows++;
                    assertThat(found.getString("key_id")).isEqualTo("e2e");
                    String sealed = new String(found.getBytes("ciphertext"), StandardCharsets.ISO_8859_1);
                    for (String secret : List.of(bearer, header, password, query, rotated, run)) {
                        assertThat(sealed).doesNotContain(secret);
                    }
                }
            }
            assertThat(rows).isEqualTo(4);
        }

        for (String each : List.of(name, "partner-" + run, "legacy-" + run, "maps-" + run)) {
            answers.add(send(request(), "DELETE", "/" + each).then().statusCode(204).extract().asString());
        }
        answers.add(send(request(), "DELETE", "/" + name).then().statusCode(404)
                .body("code", is("credential_not_found")).extract().asString());
        given().header("X-API-Key", apiKey).get(gateway.url() + "/api/credentials").then().statusCode(200)
                .body("credentials.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(name)));

        for (String answer : answers) {
            for (String secret : List.of(bearer, header, password, query, rotated, "ops-" + run)) {
                assertThat(answer).doesNotContain(secret);
            }
        }
        // Nor did any service write one into its log.
        try (Stream<Path> logs = Files.list(Platform.LOGS)) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                for (String secret : List.of(bearer, header, password, query, rotated)) {
                    assertThat(text).as(log.toString()).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void oneUsersCredentialsAreNotAnothersAndANameIsAnyones() {
        String bob = Tokens.of(platform, "bob");
        String name = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        send(json(Map.of("name", name, "kind", "bearer", "secret", "the-local-users")), "POST", "").then()
                .statusCode(201);
        given().header("Authorization", "Bearer " + bob).contentType("application/json")
                .body(Map.of("name", name, "kind", "bearer", "secret", "bobs")).post(gateway.url() + "/api/credentials")
                .then().statusCode(201);
        given().header("Authorization", "Bearer " + bob).get(gateway.url() + "/api/credentials").then()
                .statusCode(200).body("credentials.name", contains(name));
        given().header("Authorization", "Bearer " + bob).delete(gateway.url() + "/api/credentials/" + name).then()
                .statusCode(204);
        given().header("Authorization", "Bearer " + bob).delete(gateway.url() + "/api/credentials/" + name).then()
                .statusCode(404);
        send(request(), "DELETE", "/" + name).then().statusCode(204);
    }

    @Test
    void anApiCallNamingAStoredCredentialIsSentWithItsSecretWhichStaysOutOfEveryRowAndAnswer() throws Exception {
        String name = "rates-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = Platform.API_TOKEN.substring("Bearer ".length());
        send(json(Map.of("name", name, "kind", "bearer", "secret", secret)), "POST", "").then().statusCode(201);

        String jobId = given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("url", platform.documentUrl("/api/rates"), "credential", name))
                .post(gateway.url() + "/api/automations").then().statusCode(202).extract().path("job_id");
        io.restassured.path.json.JsonPath job = platform.awaitFinished(jobId);

        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("completed");
        assertThat(job.getInt("result.status_code")).isEqualTo(200);
        assertThat(job.getString("result.preview")).isEqualTo(Platform.RATES);
        assertThat(platform.apiCalls).contains("GET " + Platform.API_TOKEN);
        assertThat(job.prettify()).doesNotContain(secret);
        try (Connection db = Platform.database(); java.sql.Statement sql = db.createStatement()) {
            for (String query : new String[] {"SELECT intent::text FROM gateway.jobs WHERE id = '%s'",
                    "SELECT input_data::text FROM orchestrator.executions WHERE id = '%s'",
                    "SELECT output_data::text FROM orchestrator.executions WHERE id = '%s'",
                    "SELECT row_to_json(r)::text FROM automation.automation_runs r WHERE execution_id = '%s'"}) {
                try (ResultSet rows = sql.executeQuery(String.format(query, jobId))) {
                    assertThat(rows.next()).as(query).isTrue();
                    assertThat(rows.getString(1)).as(query).doesNotContain(secret);
                }
            }
        }

        // Deleted, the credential is gone for the next call, which fails saying so.
        send(request(), "DELETE", "/" + name).then().statusCode(204);
        String again = given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("url", platform.documentUrl("/api/rates"), "credential", name))
                .post(gateway.url() + "/api/automations").then().statusCode(202).extract().path("job_id");
        io.restassured.path.json.JsonPath failed = platform.awaitFinished(again);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("error.code")).isEqualTo("credential_not_found");
    }

    private static String createdAt(String name) {
        List<Map<String, Object>> all = given().header("X-API-Key", apiKey).get(gateway.url() + "/api/credentials")
                .then().statusCode(200).extract().jsonPath().getList("credentials");
        return all.stream().filter(each -> name.equals(each.get("name"))).map(each -> (String) each.get("created_at"))
                .findFirst().orElseThrow();
    }

    private static RequestSpecification request() {
        return given().header("X-API-Key", apiKey);
    }

    private static RequestSpecification json(Map<String, ?> body) {
        return request().contentType("application/json").body(body);
    }

    private static Response send(RequestSpecification request, String method, String path) {
        return request.request(method, gateway.url() + "/api/credentials" + path);
    }
}
