package io.autoflow.orchestrator.workflow;

import io.autoflow.events.workflow.WorkflowTrigger;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A webhook trigger's secret URL token and Standard Webhooks signing secret: made when a workflow's trigger becomes
 * a webhook, kept across its revisions (its senders keep working), dropped when the trigger changes (the URL stops
 * working; a later webhook trigger gets a new one).
 */
final class WebhookSecrets {

    /** Where, on the gateway, a webhook trigger's token is posted to. */
    static final String PATH = "/hooks/";

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    static void keepFor(Workflow workflow, WorkflowTrigger trigger) {
        if (!WorkflowTrigger.WEBHOOK.equals(trigger.type())) {
            workflow.hookToken = null;
            workflow.hookSecret = null;
        } else if (workflow.hookToken == null) {
            workflow.hookToken = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
            workflow.hookSecret = "whsec_" + Base64.getEncoder().encodeToString(random(24));
        }
    }

    private static byte[] random(int bytes) {
        byte[] made = new byte[bytes];
        RANDOM.nextBytes(made);
        return made;
    }
}
