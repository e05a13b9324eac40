package io.autoflow.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void aNameInAnyLanguageArrivesWholeAndReadableInAscii() {
        String header = ContentDisposition.attachment("météo Zürich – CO₂ (año)-report.xlsx");

        assertThat(header)
                .startsWith("attachment; filename=\"meteo Zurich _ CO2 (ano)-report.xlsx\"; filename*=UTF-8''");
        String encoded = header.substring(header.indexOf("UTF-8''") + 7);
        assertThat(encoded).matches("[A-Za-z0-9!#$&+\\-.^_`|~%]+");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8))
                .isEqualTo("météo Zürich – CO₂ (año)-report.xlsx");
        assertThat(ContentDisposition.attachment("Отчёт 2026.pdf")).contains("filename*=UTF-8''%D0%9E%D1%82");
    }

    @Test
    void nothingInANameCanBreakTheHeaderOrNameAPath() {
        String header = ContentDisposition.attachment("../a\"b\r\nSet-Cookie: x\\c.csv");

        assertThat(header).doesNotContain("\r", "\n", "/", "\\")
                .startsWith("attachment; filename=\".._a_b__Set-Cookie_ x_c.csv\"");
        assertThat(ContentDisposition.attachment("  ")).startsWith("attachment; filename=\"download\"");
    }
}
