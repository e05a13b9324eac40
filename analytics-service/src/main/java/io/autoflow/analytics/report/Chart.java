package io.autoflow.analytics.report;

/** A rendered chart: what it shows and its PNG bytes. */
public record Chart(String title, byte[] png) {
}
