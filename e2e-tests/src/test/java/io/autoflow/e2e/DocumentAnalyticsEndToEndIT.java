package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The whole path of document-analytics jobs, conversations, deliveries and erasure through the public API. */
class DocumentAnalyticsEndToEndIT extends OnThePlatform {

    @Test
    void aCsvSentThroughThePublicApiComesBackWithItsStatistics() throws Exception {
        String jobId = platform.submit("sales.csv", Platform.resource("/sales.csv"));

        // Queryable at once, never a 404.
        given().header("X-API-Key", apiKey).get(gateway.url() + "/api/jobs/" + jobId)
                .then().statusCode(200).body("status", is(in(List.of("queued", "processing", "completed"))));

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getString("result.tables[0].name")).isEqualTo("sales");
        assertThat(job.getInt("result.tables[0].row_count")).isEqualTo(48);
        assertThat(job.getString("result.tables[0].columns.find { it.name == 'units' }.type")).isEqualTo("integer");
        assertThat(job.getDouble("result.tables[0].columns.find { it.name == 'units' }.median")).isEqualTo(45.0);
        assertThat(job.getDouble("result.tables[0].columns.find { it.name == 'units' }.mean")).isCloseTo(42.2766, within(1e-4));
        assertThat(job.getInt("result.tables[0].columns.find { it.name == 'region' }.distinct")).isEqualTo(4);
        assertThat(job.getString("file_name")).isEqualTo("sales.csv");
        assertThat(job.getInt("duration_ms")).isPositive();

        given().header("X-API-Key", apiKey).get(gateway.url() + "/api/jobs").then().statusCode(200)
                .body("jobs.find { it.job_id == '" + jobId + "' }.status", is("completed"));

        assertThat(job.getString("report_url")).isEqualTo("/api/jobs/" + jobId + "/report");
        assertThat(job.getString("delivery_status")).isEqualTo("ready");
        assertThat(job.getString("result.output.delivery")).isEqualTo("download");
        byte[] pdf = given().header("X-API-Key", apiKey).get(gateway.url() + job.getString("report_url"))
                .then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", containsString("sales-report.pdf"))
                .extract().asByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(job.getList("result.charts")).isNotEmpty();
        assertThat(job.getList("result.insights.text", String.class))
                .contains("unit_price and revenue move together (Pearson r = 0.74 over 47 rows).");
        given().get(gateway.url() + job.getString("report_url")).then().statusCode(401);
    }

    @Test
    void anXlsxWorkbookComesBackWithATablePerSheetAndAnExcelReport() throws Exception {
        String jobId = platform.submit("Book1.xlsx", Platform.resource("/xlsx/Book1.xlsx"),
                "{\"output\":{\"format\":\"excel\"}}");

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getList("result.tables.name")).containsExactly("Sheet1", "Sheet2");
        assertThat(job.getList("result.alerts.kind", String.class)).contains("unique");
        assertThat(job.getInt("result.tables[1].row_count")).isEqualTo(10);
        assertThat(job.getDouble("result.tables[1].columns.find { it.name == 'column_4' }.max")).isEqualTo(510.0);
        byte[] report = given().header("X-API-Key", apiKey).get(gateway.url() + job.getString("report_url"))
                .then().statusCode(200).contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", containsString("Book1-report.xlsx")).extract().asByteArray();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(report))) {
            assertThat(workbook.getSheet("Statistics").getPhysicalNumberOfRows()).isGreaterThan(1);
        }
    }

    @Test
    void aWordDocumentComesBackWithItsTablesTextAndASlideDeck() throws Exception {
        String jobId = platform.submit("tables.docx", Platform.resource("/docx/tbl-cell-access.docx"),
                "{\"output\":{\"format\":\"ppt\"}}");

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getList("result.tables.name")).containsExactly("Table 1", "Table 2", "Table 3", "Table 4");
        assertThat(job.getDouble("result.tables[0].columns.find { it.name == '1' }.mean")).isEqualTo(5.5);
        byte[] deck = given().header("X-API-Key", apiKey).get(gateway.url() + job.getString("report_url"))
                .then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.presentationml.presentation")
                .extract().asByteArray();
        try (var slides = new org.apache.poi.xslf.usermodel.XMLSlideShow(new java.io.ByteArrayInputStream(deck))) {
            assertThat(slides.getSlides()).isNotEmpty();
        }
    }

    @Test
    void aPdfComesBackWithTheTablesItsPagesHold() throws Exception {
        String jobId = platform.submit("us-020.pdf", Platform.resource("/pdf/us-020.pdf"));

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getInt("result.tables[0].row_count")).isEqualTo(45);
        assertThat(job.getString("result.tables[0].columns[0].name")).isEqualTo("Education system");
        assertThat(job.getString("result.tables[0].columns[1].type")).isEqualTo("integer");
        assertThat(job.getInt("result.text.words")).isGreaterThan(1000);
    }

    @Test
    void aDocumentAskedForInAConversationIsFetchedWhenItsJobRuns() {
        // the site answers 404: the conversation still starts the job, which fails saying why
        String jobId = chat(null, "analyse " + platform.documentUrl("/exports/gone.csv") + " and show me the trends")
                .body("intent", is("document_analytics")).body("job_id", notNullValue()).extract().path("job_id");
        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("failed");
        assertThat(job.getString("error.code")).startsWith("url_");
    }

    @Test
    void aConversationAsksForTheMissingDocumentThenStartsTheJob() throws Exception {
        String session = chat(null, "Please analyse my sales figures and show me the trends")
                .body("intent", is("document_analytics"))
                .body("missing", contains("file"))
                .body("reply", startsWith("Which document should I analyse?"))
                .extract().path("session_id");

        String url = platform.documentUrl("/exports/sales.csv");
        String jobId = chat(session, "it is at " + url)
                .body("intent", is("document_analytics"))
                .body("parameters.file", is(url))
                .body("job_id", notNullValue())
                .extract().path("job_id");

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getInt("result.tables[0].row_count")).isEqualTo(48);
        assertThat(job.getList("result.tables[0].trends")).isNotEmpty();
        assertThat(job.getList("result.tables[0].columns.find { it.name == 'units' }.outliers")).isNull();
    }

    @Test
    void aReportAskedForByEmailArrivesInTheUsersMailboxWithThePdfAttached() throws Exception {
        String jobId = platform.submit("sales.csv", Platform.resource("/sales.csv"),
                "{\"output\":{\"delivery\":\"email\"}}");

        JsonPath job = awaitDelivered(jobId);
        assertThat(job.getString("delivery.target")).isEqualTo("local@autoflow.localhost");
        MimeMessage email = null;
        for (MimeMessage received : platform.mail.getReceivedMessages()) {
            if (received.getAllRecipients()[0].toString().equals("local@autoflow.localhost")) {
                email = received;
            }
        }
        assertThat(email).as("an email to the local user").isNotNull();
        assertThat(email.getSubject()).isEqualTo("Your report on sales.csv is ready");
        Multipart parts = (Multipart) email.getContent();
        BodyPart attachment = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
                attachment = parts.getBodyPart(i);
            }
        }
        assertThat(attachment).isNotNull();
        assertThat(attachment.getFileName()).isEqualTo("sales-report.pdf");
        try (InputStream pdf = attachment.getInputStream()) {
            assertThat(new String(pdf.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        }
    }

    @Test
    void aWebhookCarriesTheResultSignedWithTheUsersSecretAndLinksThatNeedNoKey() throws Exception {
        String secret = given().header("X-API-Key", apiKey).post(gateway.url() + "/api/me/webhook-secret")
                .then().statusCode(201).extract().path("secret");
        String hook = platform.documentUrl("/hooks");
        String jobId = platform.submit("sales.csv", Platform.resource("/sales.csv"),
                "{\"output\":{\"delivery\":\"webhook\",\"webhook_url\":\"" + hook + "\"}}");

        awaitDelivered(jobId);
        Platform.ReceivedHook call = platform.hooks.stream().filter(h -> h.body().contains(jobId)).findFirst()
                .orElseThrow();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(
                secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal(
                (call.id() + "." + call.timestamp() + "." + call.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(call.signature().split(" ")).contains(expected);
        JsonPath body = new JsonPath(call.body());
        assertThat(body.getString("type")).isEqualTo("job.completed");
        assertThat(body.getString("data.status")).isEqualTo("completed");
        byte[] pdf = given().get(body.getString("data.report_url")).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void aDocumentAttachedToAChatMessageIsAnalysed() {
        String jobId = given().header("X-API-Key", apiKey)
                .multiPart("message", "what are the trends in this?")
                .multiPart("file", "sales.csv", resourceBytes("/sales.csv"), "text/csv")
                .post(gateway.url() + "/api/chat").then().statusCode(200)
                .body("intent", is("document_analytics"))
                .body("job_id", notNullValue())
                .extract().path("job_id");

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getString("file_name")).isEqualTo("sales.csv");
        assertThat(job.getInt("result.tables[0].row_count")).isEqualTo(48);
    }

    private static byte[] resourceBytes(String path) {
        try {
            return Platform.resource(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aJobsEventsStreamFollowsItToTheEnd() throws Exception {
        String jobId = platform.submit("sales.csv", Platform.resource("/sales.csv"));
        java.net.http.HttpResponse<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url() + "/api/jobs/" + jobId
                        + "/events")).header("X-API-Key", apiKey).header("Accept", "text/event-stream")
                        .timeout(Platform.JOB_TIMEOUT).build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        // The platform's safety poll is minutes long here: only updates pushed from job-updates bring these in time.
        List<String> states = stream.body().filter(line -> line.startsWith("data:"))
                .map(line -> new JsonPath(line.substring(5)))
                .map(view -> view.getString("status") + " " + view.getString("progress")).toList();
        assertThat(states).hasSizeGreaterThan(1).doesNotHaveDuplicates();
        assertThat(states).last().asString().startsWith("completed");
        given().header("X-API-Key", apiKey).get(gateway.url() + "/api/jobs/" + UUID.randomUUID() + "/events")
                .then().statusCode(404);
    }

    @Test
    void aMalformedCsvFailsWithAPreciseCode() throws Exception {
        String jobId = platform.submit("broken.csv", "a,b\n1,2\n1,2,3\n".getBytes());

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("error.code")).isEqualTo("malformed_csv");
        given().header("X-API-Key", apiKey).get(gateway.url() + "/api/jobs/" + jobId + "/report")
                .then().statusCode(404).body("code", is("report_not_available"));
    }

    @Test
    void anExportHoldsEverythingAndAfterDeletionNoRowBlobOrSessionOfTheUserRemainsInAnyService() throws Exception {
        String userId = UUID.randomUUID().toString();
        String key = "af_e2e_gdpr_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection db = database(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO gateway.users (id, email, tier, created_at) VALUES ('" + userId
                    + "', 'forget-me-" + userId + "@example.com', 'pro', now())");
            sql.execute("INSERT INTO gateway.api_keys (id, user_id, key_hash, prefix, name, created_at) VALUES ('"
                    + UUID.randomUUID() + "', '" + userId + "', '" + sha256(key) + "', '" + key.substring(0, 12)
                    + "', 'e2e', now())");
        }
        given().header("X-API-Key", key).post(gateway.url() + "/api/me/webhook-secret").then().statusCode(201);
        String jobId = given().header("X-API-Key", key).multiPart("file", "sales.csv", Platform.resource("/sales.csv"),
                "text/csv").multiPart("request", "{\"output\":{\"delivery\":\"email\"}}", "application/json")
                .post(gateway.url() + "/api/analytics/document").then().statusCode(202).extract().path("job_id");
        await().atMost(Platform.JOB_TIMEOUT).until(() -> "delivered".equals(given().header("X-API-Key", key)
                .get(gateway.url() + "/api/jobs/" + jobId).then().extract().path("delivery_status")));
        String callId = given().header("X-API-Key", key).contentType("application/json")
                .body(Map.of("url", platform.documentUrl("/api/rates"), "headers",
                        Map.of("Authorization", Platform.API_TOKEN)))
                .post(gateway.url() + "/api/automations").then().statusCode(202).extract().path("job_id");
        await().atMost(Platform.JOB_TIMEOUT).until(() -> "completed".equals(given().header("X-API-Key", key)
                .get(gateway.url() + "/api/jobs/" + callId).then().extract().path("status")));
        given().header("X-API-Key", key).contentType("application/json")
                .body(Map.of("message", "Please analyse my spreadsheet and email the report to me")).post(gateway.url() + "/api/chat")
                .then().statusCode(200);
        assertThat(redisKeys("conversation:session:" + userId + ":*")).isNotEmpty();

        byte[] export = given().header("X-API-Key", key).get(gateway.url() + "/api/me/export").then()
                .statusCode(200).contentType("application/zip").extract().asByteArray();
        Map<String, String> entries = new java.util.HashMap<>();
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(export))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(entries.get("profile.json")).contains("forget-me-" + userId);
        assertThat(entries.get("executions.json")).contains(jobId);
        assertThat(entries.get("notifications.json")).contains(jobId);
        assertThat(entries.get("files/uploads/" + userId + "/" + jobId + "/document"))
                .isEqualTo(new String(Platform.resource("/sales.csv"), StandardCharsets.ISO_8859_1));
        assertThat(entries.get("files/reports/" + userId + "/" + jobId + "/report.pdf")).startsWith("%PDF-");
        assertThat(entries.get("files/automations/" + userId + "/" + callId + "/response.json"))
                .isEqualTo(Platform.RATES);
        assertThat(entries.get("files/automations/" + userId + "/" + callId + "/request.json"))
                .contains(Platform.API_TOKEN);

        given().header("X-API-Key", key).delete(gateway.url() + "/api/me").then().statusCode(204);
        given().header("X-API-Key", key).get(gateway.url() + "/api/me").then().statusCode(401);

        Path blobs = Path.of("target", "e2e", "blobs");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Connection db = database(); Statement sql = db.createStatement()) {
                for (String query : List.of(
                        "SELECT count(*) FROM gateway.users WHERE id = '%s'",
                        "SELECT count(*) FROM gateway.api_keys WHERE user_id = '%s'",
                        "SELECT count(*) FROM gateway.jobs WHERE user_id = '%s'",
                        "SELECT count(*) FROM gateway.usage_metrics WHERE user_id = '%s'",
                        "SELECT count(*) FROM gateway.audit_log WHERE actor = '%s' AND ip IS NOT NULL",
                        "SELECT count(*) FROM orchestrator.executions WHERE user_id = '%s'",
                        "SELECT count(*) FROM analytics.analytics_jobs WHERE user_id = '%s'",
                        "SELECT count(*) FROM automation.automation_runs WHERE user_id = '%s'",
                        "SELECT count(*) FROM notification.notifications WHERE user_id = '%s'",
                        "SELECT count(*) FROM notification.deliveries WHERE user_id = '%s'",
                        "SELECT count(*) FROM notification.webhook_secrets WHERE user_id = '%s'")) {
                    try (var rows = sql.executeQuery(String.format(query, userId))) {
                        rows.next();
                        assertThat(rows.getLong(1)).as(query).isZero();
                    }
                }
            }
            assertThat(blobs.resolve("uploads/" + userId)).doesNotExist();
            assertThat(blobs.resolve("reports/" + userId)).doesNotExist();
            assertThat(blobs.resolve("automations/" + userId)).doesNotExist();
            assertThat(redisKeys("conversation:session:" + userId + ":*")).isEmpty();
        });
        try (Connection db = database(); Statement sql = db.createStatement();
                var rows = sql.executeQuery("SELECT count(*) FROM gateway.audit_log WHERE actor = '" + userId
                        + "' AND action = 'user.deleted'")) {
            rows.next();
            assertThat(rows.getLong(1)).as("the pseudonymous record of the deletion").isEqualTo(1);
        }
    }

    private static Connection database() throws Exception {
        return Platform.database();
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The keys of the platform's Redis database (2 in these tests) that match a pattern, by redis-cli. */
    private static List<String> redisKeys(String pattern) throws Exception {
        Process cli = new ProcessBuilder("redis-cli", "-n", "2", "--scan", "--pattern", pattern).start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        cli.waitFor();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }



}
