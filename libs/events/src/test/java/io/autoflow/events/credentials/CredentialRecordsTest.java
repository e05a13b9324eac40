package io.autoflow.events.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialRecordsTest {

    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void theSecretIsInTheRequestOnTheWireButNeverInItsText() throws Exception {
        NewCredential made = new NewCredential("github", "basic", null, "ops", null, "top-SECRET");
        assertThat(made.toString()).doesNotContain("top-SECRET").doesNotContain("ops").contains("github");
        assertThat(new RotatedSecret("top-SECRET").toString()).doesNotContain("top-SECRET");
        String wire = json.writeValueAsString(made);
        assertThat(wire).contains("\"secret\":\"top-SECRET\"").contains("\"username\":\"ops\"")
                .doesNotContain("header_name");
        assertThat(json.readValue("{\"name\":\"n\",\"kind\":\"header\",\"header_name\":\"X-Key\",\"secret\":\"s\","
                + "\"added_later\":1}", NewCredential.class))
                .isEqualTo(new NewCredential("n", "header", "X-Key", null, null, "s"));
    }

    @Test
    void aViewHasNoSecretAndReadsAsItIsWritten() throws Exception {
        CredentialView view = new CredentialView("maps", CredentialView.QUERY, null, "key",
                Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-02T10:00:00Z"));
        String wire = json.writeValueAsString(new CredentialList(List.of(view)));
        assertThat(wire).contains("\"parameter_name\":\"key\"").contains("\"rotated_at\"")
                .doesNotContain("secret").doesNotContain("header_name");
        assertThat(json.readValue(wire, CredentialList.class).credentials()).containsExactly(view);
        assertThat("a-b_c.9").matches(CredentialView.NAME_PATTERN);
        assertThat("a b").doesNotMatch(CredentialView.NAME_PATTERN);
        assertThat("x".repeat(65)).doesNotMatch(CredentialView.NAME_PATTERN);
    }
}
