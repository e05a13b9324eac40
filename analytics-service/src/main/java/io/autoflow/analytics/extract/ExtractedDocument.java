package io.autoflow.analytics.extract;

import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.stats.TextStatistics;
import java.util.List;

/** What a text document (DOCX, PDF) holds: its text's statistics and its tables. */
public record ExtractedDocument(TextStatistics text, List<TableStatistics> tables) {
}
