package io.autoflow.gateway.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The API reference, {@code /docs/}: Swagger UI over the served OpenAPI document, in every build. The page and its
 * starter ({@code META-INF/resources/docs/}) are the gateway's files; Swagger UI's own files are served by the Swagger
 * UI extension at {@code /q/swagger-ui/} ({@code quarkus.swagger-ui.always-include}). The extension's page starts
 * Swagger UI with inline scripts, which the Content-Security-Policy refuses, so its address leads here instead.
 */
@ApplicationScoped
public class ApiReferencePage {

    public static final String PATH = "/docs/";
    private static final String LEADS_HERE = "^/q/swagger-ui/?(index\\.html)?$|^/docs$";

    void leadToTheReference(@Observes Router router) {
        // Before the Swagger UI extension's route, after the headers every answer carries.
        router.routeWithRegex(LEADS_HERE).order(Integer.MIN_VALUE + 1)
                .handler(context -> context.redirect(PATH));
    }
}
