package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/** The web app in a real browser (headless Debian Chromium) on the running platform, as a person uses it. */
class WebAppIT extends OnThePlatform {

    /** The WCAG 2.1 A and AA rules axe-core checks automatically. */
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @Test
    void inTheWebAppAPersonSignsInUploadsACsvWatchesItCompleteAndDownloadsTheReport() throws Exception {
        Path csv = Files.createTempFile("sales-", ".csv");
        Path png = Files.createTempFile("picture-", ".png");
        Path broken = Files.createTempFile("broken-", ".csv");
        Files.writeString(broken, "a,b\n1,2\n1,2,3\n");
        Files.write(csv, Platform.resource("/sales.csv"));
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0});
        try (Browser browser = new Browser()) {
            browser.driver.get(gateway.url() + "/");
            browser.visible("#api-key").sendKeys("af_not_a_key");
            browser.driver.findElement(By.cssSelector("#signin-form button")).click();
            browser.untilText("#notice", "invalid_api_key");
            browser.visible("#api-key").clear();
            browser.visible("#api-key").sendKeys(apiKey);
            browser.driver.findElement(By.cssSelector("#signin-form button")).click();

            browser.untilText("#limits", "enterprise tier");
            browser.driver.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
            browser.driver.findElement(By.id("analyse-button")).click();

            browser.untilAttribute("#job-status", "data-status", "completed");
            assertThat(browser.visible("#insights").getText())
                    .contains("unit_price and revenue move together (Pearson r = 0.74 over 47 rows).");
            assertThat(browser.driver.findElements(By.cssSelector("#job-result figure img")))
                    .isNotEmpty();
            String download = browser.visible("#download-report").getAttribute("href");
            byte[] pdf = given().get(download).then().statusCode(200).extract().asByteArray();
            assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

            browser.driver.get(gateway.url() + "/#/analyse");
            browser.untilText("#limits", "enterprise tier");
            browser.driver.findElement(By.id("file")).sendKeys(png.toAbsolutePath().toString());
            browser.driver.findElement(By.id("analyse-button")).click();
            browser.untilText("#notice", "unsupported_file_type");

            // A file accepted but unreadable fails as a job, and its page says why.
            browser.driver.get(gateway.url() + "/#/analyse");
            browser.untilText("#limits", "enterprise tier");
            browser.driver.findElement(By.id("file")).sendKeys(broken.toAbsolutePath().toString());
            browser.driver.findElement(By.id("analyse-button")).click();
            browser.untilAttribute("#job-status", "data-status", "failed");
            assertThat(browser.visible("#job-result .error").getText()).contains("(malformed_csv)");

            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.driver.get(gateway.url() + "/#/jobs");
            browser.visible("#jobs-table tbody tr");
            browser.driver.findElement(By.id("sign-out")).click();
            browser.visible("#api-key");
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(png);
            Files.deleteIfExists(broken);
        }
    }

    @Test
    void inTheWebAppAChatAsksForTheMissingEmailThenStartsTheJob() throws Exception {
        Path csv = Files.createTempFile("chat-sales-", ".csv");
        Files.write(csv, Platform.resource("/sales.csv"));
        try (Browser browser = new Browser()) {
            signIn(browser);
            browser.driver.get(gateway.url() + "/#/chat");
            browser.visible("#chat-message").sendKeys("analyse this and email the report");
            browser.driver.findElement(By.id("chat-file")).sendKeys(csv.toAbsolutePath().toString());
            browser.driver.findElement(By.id("chat-send")).click();

            browser.untilText("#chat-log", "Which email address should I send it to?");
            browser.visible("#quick-replies .quick").click();
            browser.visible("#chat-log .job-link");
            browser.driver.findElement(By.cssSelector("#chat-log .job-link")).click();
            browser.untilAttribute("#job-status", "data-status", "completed");
            assertThat(browser.visible("#job-status").getText()).contains("delivery");
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    @Test
    void inTheWebAppThePersonManagesTheirTimeZoneKeysAndWebhookSecret() throws Exception {
        try (Browser browser = new Browser()) {
            signIn(browser);
            browser.driver.get(gateway.url() + "/#/account");
            browser.untilText("#account-who", "local@autoflow.localhost");
            assertThat(browser.visible("#account-usage").getText()).contains("Today:");

            // The time zone a schedule runs in when the request names none.
            new Select(browser.visible("#time-zone")).selectByValue("Asia/Tokyo");
            browser.driver.findElement(By.cssSelector("#zone-form button")).click();
            browser.untilText("#notice", "Your time zone is Asia/Tokyo.");
            browser.driver.get(gateway.url() + "/#/chat");
            browser.visible("#chat-message").sendKeys("every Monday at 9am call https://api.example.com/orders",
                    Keys.ENTER);
            browser.untilText("#chat-log", "Every Monday at 09:00 (Asia/Tokyo)");
            browser.driver.get(gateway.url() + "/#/account");
            browser.untilText("#zone-status", "Saved.");

            browser.visible("#key-name").sendKeys("laptop");
            browser.driver.findElement(By.cssSelector("#key-form button")).click();
            browser.untilText("#new-key", "af_");
            browser.untilText("#keys-table", "laptop");
            browser.visible("#secret-create").click();
            browser.untilText("#new-secret", "whsec_");

            // Making the secret re-renders the account page: the button is found afresh if need be.
            browser.click("#keys-table button[aria-label='Revoke the key laptop']");
            browser.driver.switchTo().alert().accept();
            browser.untilText("#notice", "The key laptop is revoked.");
            assertThat(browser.visible("#keys-table").getText()).doesNotContain("laptop");
        }
    }

    @Test
    void aDocumentGivenByItsWebAddressIsAnalysedAndAPrivateAddressIsRefused() {
        try (Browser browser = new Browser()) {
            signIn(browser);
            browser.visible("#file-url").sendKeys("http://10.0.0.7/exports/sales.csv");
            browser.driver.findElement(By.id("analyse-button")).click();
            browser.untilText("#notice", "url_not_allowed");

            browser.visible("#file-url").clear();
            browser.visible("#file-url").sendKeys(platform.documentUrl("/exports/sales.csv"));
            browser.driver.findElement(By.id("analyse-button")).click();
            browser.untilAttribute("#job-status", "data-status", "completed");
            assertThat(browser.visible("#insights").getText()).contains("sales has 48 rows and 7 columns.");
        }
    }

    @Test
    void inTheWebAppAnApiCallAskedForInTheChatShowsItsAnswer() throws Exception {
        try (Browser browser = new Browser()) {
            signIn(browser);
            browser.driver.get(gateway.url() + "/#/chat");
            browser.visible("#chat-message").sendKeys("call " + platform.documentUrl("/api/rates?base=EUR")
                    + " and show me the result", Keys.ENTER);
            browser.visible("#chat-log .job-link").click();

            browser.untilAttribute("#job-status", "data-status", "completed");
            assertThat(browser.visible("#job-result pre.preview").getText().replaceAll("\\s", ""))
                    .isEqualTo(Platform.RATES);
            assertThat(browser.visible("#download-report").getText()).isEqualTo("Download the API's answer");
            assertThat(audit(browser, "api-answer", "desktop")).as("WCAG 2.1 AA violations").isEmpty();
        }
    }

    @Test
    void inTheWebAppAScheduleSetUpInTheChatIsListedAndCanBeStopped() throws Exception {
        try (Browser browser = new Browser()) {
            signIn(browser);
            browser.driver.get(gateway.url() + "/#/chat");
            browser.visible("#chat-message").sendKeys("every Monday at 9am analyse "
                    + platform.documentUrl("/exports/sales.csv") + " and email me the report", Keys.ENTER);
            browser.untilText("#chat-log", "Shall I");
            browser.visible("#chat-message").sendKeys("yes", Keys.ENTER);
            browser.visible("#chat-log .job-link").click();
            browser.untilAttribute("#job-status", "data-status", "completed"); // the schedule is set up

            browser.driver.get(gateway.url() + "/#/schedules");
            String active = "#schedules-table tr[data-status='active']";
            browser.untilText(active, "Analysis of sales.csv");
            assertThat(browser.visible(active).getText()).containsIgnoringCase("monday");

            browser.visible(active + " button[aria-label^='Stop Analysis of sales.csv']").click();
            browser.driver.switchTo().alert().accept();
            browser.untilText("#notice", "Stopped: Analysis of sales.csv");
            browser.untilText("#schedules-table tr[data-status='cancelled']", "Analysis of sales.csv");
        }
    }

    @Test
    void inTheWebAppAChainSaidInTheChatIsPlannedSavedAndOpensInTheWorkflowEditor() {
        String workflow = null;
        try (Browser browser = new Browser()) {
            signIn(browser);
            browser.driver.get(gateway.url() + "/#/chat");
            browser.visible("#chat-message").sendKeys("every Monday at 8 fetch https://api.example.com/sales, keep"
                    + " the rows where region is EU, total revenue by product and email me a csv", Keys.ENTER);
            browser.untilText("#chat-log", "Here is the plan, every Monday at 08:00");
            // one line per step, as the reply's line breaks show them
            assertThat(browser.visible("#chat-log").getText()).contains("\n2. Keep the rows where region = EU, then"
                    + " total revenue by product; make a CSV file.\n3. Email it to you.");
            browser.visible("#chat-message").sendKeys("yes", Keys.ENTER);
            browser.untilText("#chat-log", "Saved as the workflow \u201cTotal revenue by product\u201d");
            browser.click("#chat-log .workflow-link");
            browser.untilAttribute("#workflow-name", "value", "Total revenue by product");
            browser.untilAttribute("#workflow-cron", "value", "0 8 * * MON");
            workflow = browser.driver.getCurrentUrl().replaceFirst(".*#/workflows/", "");
        } finally { // it would run on a Monday at 8 while other tests run
            if (workflow != null) {
                given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/workflows/" + workflow).then()
                        .statusCode(204);
            }
        }
    }

    @Test
    void everyScreenPassesAnAccessibilityAuditAtDesktopAndPhoneWidth() throws Exception {
        String jobId = platform.submit("sales.csv", Platform.resource("/sales.csv"));
        assertThat(platform.awaitFinished(jobId).getString("status")).isEqualTo("completed");
        String reminder = given().header("X-API-Key", apiKey)
                .contentType("application/json").body(Map.of("cron", "0 8 * * *", "reminder",
                        Map.of("message", "water the plants")))
                .post(gateway.url() + "/api/schedules").then().statusCode(202).extract().path("schedule_id");
        assertThat(platform.awaitFinished(reminder).getString("status")).isEqualTo("completed");
        Map<String, Dimension> widths = new LinkedHashMap<>();
        widths.put("desktop", new Dimension(1280, 900));
        widths.put("phone", new Dimension(390, 844));
        List<String> violations = new ArrayList<>();
        try (Browser browser = new Browser()) {
            for (var width : widths.entrySet()) {
                browser.driver.manage().window().setSize(width.getValue());
                browser.driver.get(gateway.url() + "/");
                browser.driver.executeScript("sessionStorage.clear()");
                browser.driver.navigate().refresh();
                browser.visible("#api-key");
                violations.addAll(audit(browser, "sign-in", width.getKey()));

                signIn(browser);
                violations.addAll(audit(browser, "analyse", width.getKey()));

                browser.driver.get(gateway.url() + "/#/chat");
                browser.visible("#chat-message").sendKeys("what can you do?", Keys.ENTER);
                browser.untilText("#chat-log", "Autoflow: ");
                violations.addAll(audit(browser, "chat", width.getKey()));

                browser.driver.get(gateway.url() + "/#/jobs");
                browser.visible("#jobs-table tbody tr");
                violations.addAll(audit(browser, "jobs", width.getKey()));

                browser.driver.get(gateway.url() + "/#/jobs/" + jobId);
                browser.untilAttribute("#job-status", "data-status", "completed");
                browser.visible("#job-result figure img");
                violations.addAll(audit(browser, "report", width.getKey()));

                browser.driver.get(gateway.url() + "/#/schedules");
                browser.untilText("#schedules-table", "Reminder: water the plants");
                violations.addAll(audit(browser, "schedules", width.getKey()));

                browser.driver.get(gateway.url() + "/#/account");
                browser.untilText("#account-usage", "Today:");
                violations.addAll(audit(browser, "account", width.getKey()));
            }
        } finally {
            given().header("X-API-Key", apiKey)
                    .delete(gateway.url() + "/api/schedules/" + reminder).then().statusCode(200);
        }
        assertThat(violations).as("WCAG 2.1 AA violations found by axe-core").isEmpty();
    }

    @Test
    void aPersonSignsInWithTheIdentityProviderAndSignsOutThere() {
        try (Browser browser = new Browser()) {
            browser.driver.get(gateway.url() + "/#/account");
            browser.visible("#oidc-signin").click();

            // The identity provider's own sign-in page (Keycloak), then back to the page the person was on.
            browser.visible("#username").sendKeys("alice");
            browser.driver.findElement(By.id("password")).sendKeys("alice-local-password", Keys.ENTER);
            browser.untilText("#account-who", "alice@example.com");
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(gateway.url() + "/#/account")
                    .doesNotContain("code=");
            assertThat(browser.driver.executeScript("return sessionStorage.getItem('autoflow.tokens')"))
                    .asString().contains("access");

            // Signed in with a token, the person uses the API like anyone else.
            browser.driver.get(gateway.url() + "/#/jobs");
            browser.visible("#jobs-title");
            browser.driver.get(gateway.url() + "/#/analyse");
            browser.untilText("#limits", "free tier");

            // Signing out ends the session at the provider too: the next sign-in asks for the password again.
            browser.visible("#sign-out").click();
            browser.visible("#api-key");
            assertThat(browser.driver.executeScript("return sessionStorage.getItem('autoflow.tokens')")).isNull();
            browser.visible("#oidc-signin").click();
            browser.visible("#password");
        }
    }

    @Test
    void inTheWebAppAPersonStoresACredentialBuildsAWorkflowRunsItAndReadsEachStep() throws Exception {
        String credential = "shop-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String name = "Weekly totals " + java.util.UUID.randomUUID().toString().substring(0, 6);
        String week = "web-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String steps = "[{\"type\": \"http\", \"name\": \"fetch\", \"url\": \""
                + platform.documentUrl("/api/sales") + "?week={{ trigger.payload.week }}\", \"credential\": \""
                + credential + "\", \"retry\": {\"max_attempts\": 2, \"backoff_seconds\": 1}},"
                + " {\"type\": \"transform\", \"name\": \"totals\", \"input\": \"fetch\", \"jsonata\": \"%s\","
                + " \"operations\": [{\"op\": \"group_by\", \"by\": [\"product\"], \"aggregates\":"
                + " [{\"function\": \"sum\", \"column\": \"revenue\", \"as\": \"revenue\"}]}],"
                + " \"target_format\": \"csv\"}]";
        List<String> violations = new ArrayList<>();
        try (Browser browser = new Browser()) {
            signIn(browser);
            browser.driver.get(gateway.url() + "/#/credentials");
            browser.visible("#credential-name").sendKeys(credential);
            browser.visible("#credential-secret").sendKeys(Platform.API_TOKEN.substring("Bearer ".length()));
            browser.driver.findElement(By.cssSelector("#credential-form button[type=submit]")).click();
            browser.untilText("#credentials-table", credential);
            assertThat(browser.visible("#credentials-table").getText())
                    .doesNotContain(Platform.API_TOKEN.substring("Bearer ".length()));
            violations.addAll(audit(browser, "credentials", "desktop"));

            browser.driver.get(gateway.url() + "/#/workflows");
            browser.visible("#workflow-new").click();
            browser.visible("#workflow-name").sendKeys(name);
            // A malformed expression is refused at save, pointing at its step and field.
            browser.visible("#workflow-steps").clear();
            browser.visible("#workflow-steps").sendKeys(String.format(steps, "data["));
            browser.click("#workflow-save");
            browser.untilText("#notice", "Step 2, jsonata: ");
            assertThat(browser.visible("#notice").getText()).contains("(invalid_expression)");
            browser.visible("#workflow-steps").clear();
            browser.visible("#workflow-steps").sendKeys(String.format(steps, "data"));
            browser.click("#workflow-save");
            browser.untilText("#notice", "Saved: " + name + ", revision 1.");
            browser.untilText("#workflow-state", "Revision 1, on");
            violations.addAll(audit(browser, "workflow", "desktop"));

            // Run now with a payload: the sales API fails the step's first job, its second attempt answers.
            browser.visible("#run-payload").sendKeys("{\"week\": \"" + week + "\"}");
            browser.click("#workflow-run");
            browser.untilAttribute("#job-status", "data-status", "completed");
            browser.untilText("#run-steps", "attempt 2");
            assertThat(browser.driver.findElements(By.cssSelector("#run-steps li[data-status='completed']")))
                    .hasSize(2);
            browser.click("#run-steps li:nth-child(2) summary");
            browser.untilText("#run-steps li:nth-child(2) details", "Download the CSV file");
            browser.click("#run-steps li:nth-child(1) summary");
            browser.untilText("#run-steps li:nth-child(1) details", "Gadget");
            violations.addAll(audit(browser, "run", "desktop"));
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            violations.addAll(audit(browser, "run", "phone"));

            // The workflow's page lists the run; turned off, the list says so.
            browser.driver.findElement(By.linkText("The workflow")).click();
            browser.untilText("#runs-table", "completed");
            violations.addAll(audit(browser, "workflow", "phone"));
            browser.click("#workflow-toggle");
            browser.untilText("#notice", "Off:");
            browser.driver.get(gateway.url() + "/#/workflows");
            browser.untilText("#workflows-table", name);
            assertThat(browser.driver.findElements(By.xpath("//tr[@data-enabled='false']/td/a[text()='" + name
                    + "']"))).hasSize(1);
            violations.addAll(audit(browser, "workflows", "phone"));
        }
        assertThat(violations).as("WCAG 2.1 AA violations found by axe-core").isEmpty();
    }

    /** Signs in with the local user's key, from the keyboard only. */
    private static void signIn(Browser browser) {
        browser.driver.get(gateway.url() + "/");
        browser.visible("#api-key").sendKeys(apiKey, Keys.ENTER);
        browser.untilText("#limits", "tier");
    }

    /** Photographs the screen as target/screenshots/{screen}-{width}.png and lists what axe-core finds wrong. */
    private static List<String> audit(Browser browser, String screen, String width) throws Exception {
        browser.screenshot(screen + "-" + width);
        List<String> found = new ArrayList<>();
        for (Rule rule : new AxeBuilder().withTags(WCAG_21_AA).analyze(browser.driver).getViolations()) {
            rule.getNodes().forEach(node -> found.add(screen + " (" + width + "): " + rule.getId() + " — "
                    + rule.getHelp() + " at " + node.getTarget() + ": " + node.getFailureSummary()));
        }
        return found;
    }
}
