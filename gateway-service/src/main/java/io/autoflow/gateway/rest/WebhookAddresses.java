package io.autoflow.gateway.rest;

import io.autoflow.events.workflow.WorkflowView;
import io.autoflow.events.workflow.WorkflowView.WorkflowWebhook;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A webhook trigger's URL as its owner is shown it: absolute, ready to paste into the sending system. The orchestrator
 * knows only its path ({@code /hooks/<token>}); where the gateway is reached from outside is {@code
 * autoflow.public-url} (as the OpenAPI document's server), else the address the request itself came to.
 */
@ApplicationScoped
public class WebhookAddresses {

    private final Optional<String> publicUrl;

    public WebhookAddresses(@ConfigProperty(name = "autoflow.public-url") Optional<String> publicUrl) {
        this.publicUrl = publicUrl.map(String::strip).filter(url -> !url.isEmpty())
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** The workflow with its webhook's URL absolute; one without a webhook as it is. */
    public WorkflowView absolute(WorkflowView view, HttpServerRequest http) {
        WorkflowWebhook webhook = view == null ? null : view.webhook();
        if (webhook == null || webhook.url() == null || !webhook.url().startsWith("/")) {
            return view;
        }
        return view.withWebhook(new WorkflowWebhook(base(http) + webhook.url(), webhook.secret()));
    }

    public List<WorkflowView> absolute(List<WorkflowView> views, HttpServerRequest http) {
        return views == null ? null : views.stream().map(view -> absolute(view, http)).toList();
    }

    private String base(HttpServerRequest http) {
        if (publicUrl.isPresent()) {
            return publicUrl.get();
        }
        HostAndPort authority = http.authority();
        if (authority == null) {
            return "";
        }
        return http.scheme() + "://" + authority.host() + (authority.port() < 0 ? "" : ":" + authority.port());
    }
}
