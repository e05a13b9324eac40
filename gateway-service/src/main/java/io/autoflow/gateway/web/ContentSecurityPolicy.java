package io.autoflow.gateway.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The Content-Security-Policy of every answer: only the gateway's own scripts, styles and images, never framed; the
 * browser may also talk to the identity provider, where the web app exchanges its sign-in code for tokens.
 */
@ApplicationScoped
public class ContentSecurityPolicy {

    @Inject
    SignInOptions signIn;

    void addToEveryAnswer(@Observes Router router) {
        String connect = "'self'" + signIn.providerOrigin().map(origin -> " " + origin).orElse("");
        String policy = "default-src 'self'; connect-src " + connect
                + "; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.response().putHeader("Content-Security-Policy", policy);
            context.next();
        });
    }
}
