package io.autoflow.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.gateway.rest.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's table of error codes is {@link ErrorCode}'s, so what users read cannot drift from what is answered. */
class ErrorCodeTest {

    private static final String START = "<!-- error-codes: made from ErrorCode by ErrorCodeTest -->";
    private static final String END = "<!-- /error-codes -->";

    @Test
    void theReadmeListsEveryCodeWithItsStatusAndMeaning() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains(START, END);
        String listed = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END)).strip();
        assertThat(listed).as("README.md's table of error codes; replace it with the expected one")
                .isEqualTo(table());
    }

    @Test
    void codesAreLowerSnakeCaseAndStatusesAreErrors() {
        assertThat(ErrorCode.values()).allSatisfy(code -> {
            assertThat(code.code()).matches("[a-z]+(_[a-z]+)*");
            assertThat(code.status()).isBetween(400, 599);
            assertThat(code.title()).isNotBlank();
        });
    }

    /** The table, one row per code in {@link ErrorCode}'s order (by what it is about). */
    private static String table() {
        return "| code | status | meaning |\n|---|---|---|\n" + Arrays.stream(ErrorCode.values())
                .map(code -> "| `" + code.code() + "` | " + code.status() + " | " + code.description() + " |")
                .collect(Collectors.joining("\n"));
    }
}
