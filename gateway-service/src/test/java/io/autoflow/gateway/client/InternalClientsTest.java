package io.autoflow.gateway.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.autoflow.service.auth.ServiceTokens;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map.Entry;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

/**
 * Every client of an internal service sends the service token, which those services demand; the internal services
 * are played by one WireMock server.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(InternalClientsTest.InternalServices.class)
class InternalClientsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    @RestClient
    ConversationApi conversation;

    @Inject
    @RestClient
    OrchestratorApi orchestrator;

    @Inject
    @RestClient
    RunControlApi runs;

    @Inject
    @RestClient
    WorkflowHookApi hooks;

    @Inject
    @RestClient
    SchedulerApi scheduler;

    @Inject
    @RestClient
    NotificationApi notification;

    @Inject
    @RestClient
    NotificationUserApi notificationUsers;

    @Inject
    ServiceTokens tokens;

    @Test
    void everyInternalClientSendsTheServiceToken() {
        InternalServices.SERVER.resetRequests();

        conversation.message(Map.of("user_id", "u1", "message", "hi")).await().atMost(WAIT);
        orchestrator.list("u1", 10, 0, List.of()).await().atMost(WAIT);
        runs.cancel("j1", "u1").await().atMost(WAIT);
        hooks.hook("t1").await().atMost(WAIT);
        scheduler.list("u1").await().atMost(WAIT);
        notification.describe("u1").await().atMost(WAIT);
        notificationUsers.export("u1").await().atMost(WAIT);

        assertThat(InternalServices.SERVER.getAllServeEvents()).hasSize(7).allSatisfy((ServeEvent call) ->
                assertThat(call.getRequest().getHeader(ServiceTokens.HEADER))
                        .as(call.getRequest().getUrl()).isEqualTo(tokens.callerToken()));
    }

    /** Conversation, orchestrator, scheduler and notification services, all at one address. */
    public static class InternalServices implements QuarkusTestResourceLifecycleManager {

        static final WireMockServer SERVER = new WireMockServer(options().dynamicPort());

        @Override
        public Map<String, String> start() {
            SERVER.start();
            SERVER.stubFor(json(any(urlPathMatching("/.*")), "{}"));
            SERVER.stubFor(json(get(urlPathEqualTo("/executions")), "[]"));
            SERVER.stubFor(json(get(urlPathEqualTo("/schedules")), "[]"));
            return Map.ofEntries(url("orchestrator"), url("conversation"), url("scheduler"), url("notification"));
        }

        @Override
        public void stop() {
            SERVER.stop();
        }

        private static MappingBuilder json(MappingBuilder request, String body) {
            return request.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body));
        }

        private static Entry<String, String> url(String client) {
            return Map.entry("quarkus.rest-client." + client + ".url", SERVER.baseUrl());
        }
    }
}
