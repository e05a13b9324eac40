package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The API reference at /docs/: Swagger UI runs under a Content-Security-Policy that allows the gateway's own files
 * and Swagger UI's data: icons, and nothing inline; every file it loads is served.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ApiReferencePageTest {

    private static final String REFERENCE_POLICY = "default-src 'self'; img-src 'self' data:; connect-src 'self';"
            + " frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";
    private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern SOURCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Test
    void thePageRunsSwaggerUiFromFilesUnderItsOwnPolicy() {
        String page = given().get("/docs/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", REFERENCE_POLICY).extract().asString();
        Matcher script = SCRIPT.matcher(page);
        List<String> scripts = new ArrayList<>();
        while (script.find()) {
            assertThat(script.group(2)).as("an inline script, which the policy refuses").isBlank();
            scripts.add(script.group(1));
        }
        assertThat(scripts).hasSize(2);
        Matcher source = SOURCE.matcher(page);
        List<String> files = new ArrayList<>();
        while (source.find()) {
            files.add(source.group(1));
        }
        assertThat(files).containsExactly("/q/swagger-ui/swagger-ui.css", "/q/swagger-ui/swagger-ui-bundle.js",
                "/docs/docs.js");
        for (String file : files) {
            given().get(file).then().statusCode(200).contentType(file.endsWith(".css") ? containsString("text/css")
                    : containsString("javascript"));
        }
        // The starter reads the document the gateway serves.
        String starter = given().get("/docs/docs.js").then().extract().asString();
        assertThat(starter).contains("url: '/q/openapi?format=json'", "SwaggerUIBundle(");
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", containsString("3.1"));
    }

    @Test
    void theWebAppKeepsItsPolicy() {
        given().get("/").then().statusCode(200).header("Content-Security-Policy", not(containsString("data:")))
                .header("Content-Security-Policy", containsString("default-src 'self'"));
    }

    @Test
    void theSwaggerUiExtensionsPageAndTheBarePathLeadToTheReference() {
        for (String path : List.of("/q/swagger-ui", "/q/swagger-ui/", "/q/swagger-ui/index.html", "/docs")) {
            given().redirects().follow(false).get(path).then().statusCode(302).header("Location", endsWith("/docs/"));
        }
    }
}
