package io.autoflow.gateway.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The Content-Security-Policy of every answer: only the gateway's own scripts, styles and images, never framed; the
 * browser may also talk to the identity provider, where the web app exchanges its sign-in code for tokens. The API
 * reference ({@link ApiReferencePage#PATH}) has a policy of its own: it signs nobody in, and Swagger UI's stylesheet
 * draws its icons as {@code data:} images, which it may load; scripts stay the gateway's files only.
 */
@ApplicationScoped
public class ContentSecurityPolicy {

    private static final String NEVER_FRAMED = "frame-ancestors 'none'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'";
    /** What the API reference page needs, and nothing more. */
    static final String API_REFERENCE = "default-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + NEVER_FRAMED;

    @Inject
    SignInOptions signIn;

    void addToEveryAnswer(@Observes Router router) {
        String connect = "'self'" + signIn.providerOrigin().map(origin -> " " + origin).orElse("");
        String policy = "default-src 'self'; connect-src " + connect + "; " + NEVER_FRAMED;
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            boolean reference = context.normalizedPath().startsWith(ApiReferencePage.PATH);
            context.response().putHeader("Content-Security-Policy", reference ? API_REFERENCE : policy);
            context.next();
        });
    }
}
