package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/jobs} a page at a time, as Stripe lists: newest first, {@code limit} 1 to 100 (20 by default),
 * {@code starting_after} the last id of the page before, {@code has_more}; a job created meanwhile never shifts a
 * later page; a bad parameter is a 400 naming it.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AccountExportTest.OtherServices.class)
class JobListTest {

    private static final OffsetDateTime START = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);

    @Inject
    ApiKeys apiKeys;

    @Inject
    Pool db;

    private TestUsers user;
    /** The user's jobs, newest first. */
    private final List<String> newestFirst = new ArrayList<>();

    @BeforeEach
    void setUp() throws Throwable {
        user = TestUsers.create(apiKeys, "pro");
        for (int i = 0; i < 45; i++) {
            insertJob(user, START.plusSeconds(i / 2)); // two jobs a second: the id orders them
        }
        newestFirst.clear();
        newestFirst.addAll(jobIdsByDatabaseOrder(user));
    }

    @Test
    void pagesFollowOneAnotherWithoutGapOrRepeatEvenWhenJobsArriveMeanwhile() throws Throwable {
        JsonPath first = page(null, null);
        assertThat(first.getList("jobs.job_id", String.class)).containsExactlyElementsOf(newestFirst.subList(0, 20));
        assertThat(first.getBoolean("has_more")).isTrue();

        insertJob(user, START.plusDays(1)); // newer than all: belongs before the first page, shifts nothing

        JsonPath second = page(20, newestFirst.get(19));
        assertThat(second.getList("jobs.job_id", String.class)).containsExactlyElementsOf(newestFirst.subList(20, 40));
        assertThat(second.getBoolean("has_more")).isTrue();
        JsonPath third = page(20, newestFirst.get(39));
        assertThat(third.getList("jobs.job_id", String.class)).containsExactlyElementsOf(newestFirst.subList(40, 45));
        assertThat(third.getBoolean("has_more")).isFalse();
        assertThat(page(100, null).getList("jobs")).hasSize(46);
    }

    @Test
    void aBadLimitOrCursorIsRefusedAndNamed() throws Throwable {
        for (String limit : List.of("abc", "0", "101", "1.5", "2147483648", "-1")) {
            given().header("X-API-Key", user.key()).queryParam("limit", limit).get("/api/jobs").then()
                    .statusCode(400).body("code", is("invalid_request")).body("param", is("limit"));
        }
        TestUsers other = TestUsers.create(apiKeys, "pro");
        String othersJob = insertJob(other, START);
        for (String cursor : List.of("not-a-job", othersJob, UUID.randomUUID().toString())) {
            given().header("X-API-Key", user.key()).queryParam("starting_after", cursor).get("/api/jobs").then()
                    .statusCode(400).body("code", is("invalid_request")).body("param", is("starting_after"));
        }
    }

    private JsonPath page(Integer limit, String startingAfter) {
        var request = given().header("X-API-Key", user.key());
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        if (startingAfter != null) {
            request.queryParam("starting_after", startingAfter);
        }
        return request.get("/api/jobs").then().statusCode(200).extract().jsonPath();
    }

    /** A job the gateway has recorded and already handed on (so nothing publishes it). */
    private String insertJob(TestUsers owner, OffsetDateTime createdAt) throws Throwable {
        UUID id = UUID.randomUUID();
        VertxContextSupport.subscribeAndAwait(() -> db.preparedQuery("INSERT INTO gateway.jobs (id, user_id,"
                + " workflow_type, file_name, intent, created_at, published_at) VALUES ($1, $2, 'document_analytics',"
                + " 'sales.csv', '{}'::jsonb, $3, $3)").execute(Tuple.of(id, owner.user().id, createdAt)));
        return id.toString();
    }

    private List<String> jobIdsByDatabaseOrder(TestUsers owner) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> db.preparedQuery("SELECT id FROM gateway.jobs"
                + " WHERE user_id = $1 ORDER BY created_at DESC, id DESC").execute(Tuple.of(owner.user().id))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID(0).toString()));
                    return ids;
                }));
    }
}
