package io.autoflow.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceTokensTest {

    private static final String CURRENT = "current-service-token-0123456789abcdef";
    private static final String PREVIOUS = "previous-service-token-0123456789abcdef";

    @Test
    void acceptsOnlyAConfiguredTokenExactly() {
        ServiceTokens tokens = new ServiceTokens(List.of(CURRENT));

        assertThat(tokens.accepts(CURRENT)).isTrue();
        assertThat(tokens.accepts(CURRENT + "x")).isFalse();
        assertThat(tokens.accepts(CURRENT.substring(1))).isFalse();
        assertThat(tokens.accepts(CURRENT.toUpperCase())).isFalse();
        assertThat(tokens.accepts("")).isFalse();
        assertThat(tokens.accepts(null)).isFalse();
    }

    @Test
    void duringARotationCallersSendTheFirstAndEveryTokenIsAccepted() {
        ServiceTokens tokens = new ServiceTokens(List.of(" " + CURRENT, "", PREVIOUS + " "));

        assertThat(tokens.callerToken()).isEqualTo(CURRENT);
        assertThat(tokens.accepts(CURRENT)).isTrue();
        assertThat(tokens.accepts(PREVIOUS)).isTrue();
        assertThat(tokens.accepts("some-other-token-just-as-long-0123456789")).isFalse();
    }

    @Test
    void refusesToStartWithoutATokenOrWithAShortOne() {
        assertThatThrownBy(() -> new ServiceTokens(List.of(" "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AUTOFLOW_SERVICE_TOKEN");
        assertThatThrownBy(() -> new ServiceTokens(List.of(CURRENT, "short")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 characters");
    }

    @Test
    void onlyQuarkusEndpointsAreOpen() {
        assertThat(ServiceTokenCheck.isOpen("/q/health/live")).isTrue();
        assertThat(ServiceTokenCheck.isOpen("/q/metrics")).isTrue();
        assertThat(ServiceTokenCheck.isOpen("/schedules")).isFalse();
        assertThat(ServiceTokenCheck.isOpen("/q")).isFalse();
        assertThat(ServiceTokenCheck.isOpen("/qx/health")).isFalse();
        assertThat(ServiceTokenCheck.isOpen("/")).isFalse();
    }
}
