package io.autoflow.e2e;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway as a client meets it, with its own OpenAPI document (as served at /q/openapi) as the contract: every
 * answer to a request sent through here is checked against it, and what breaks the contract is kept to be reported.
 */
final class CheckedGateway {

    /** Requests as a client builds them: no charset added to a Content-Type it set. */
    private static final RestAssuredConfig AS_SET = RestAssured.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    final OpenApiContract contract;
    private final String url;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();

    private CheckedGateway(String url, OpenApiContract contract) {
        this.url = url;
        this.contract = contract;
    }

    static CheckedGateway at(String url) throws Exception {
        byte[] document = given().get(url + "/q/openapi?format=json").then().statusCode(200).extract().asByteArray();
        return new CheckedGateway(url, new OpenApiContract(new ObjectMapper().readTree(document)));
    }

    /** A request with nothing set yet (no credential). */
    static RequestSpecification request() {
        return given().config(AS_SET).urlEncodingEnabled(false);
    }

    /** Sends {@code method path} (path as sent, already encoded, a query string allowed) and checks the answer. */
    Response send(String method, String path, RequestSpecification request) {
        Response answer = request.request(method, url + path);
        sent.incrementAndGet();
        String route = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        violations.addAll(contract.check(method, route, answer.statusCode(), answer.contentType(),
                answer.asByteArray()));
        return answer;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    int sent() {
        return sent.get();
    }
}
