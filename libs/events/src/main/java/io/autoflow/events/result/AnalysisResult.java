package io.autoflow.events.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a document analysis made ({@code document_analytics}). The full result (every table's statistics, the text's,
 * every alert) is stored next to the report; the event that completes the job carries a summary of it, without
 * {@code tables}, {@code text} and {@code alerts} but with {@code table_count} and where the full one is
 * ({@code detail}). The gateway shows the full one when it is still stored.
 *
 * @param detail in the summary: where the full result is stored (the platform's own, not shown by the public API)
 * @param omitted top-level fields left out of an event because the summary grew past its bound
 *        ({@code io.autoflow.events.ResultSummary})
 */
@Schema(name = "AnalysisResult", description = "What a document analysis made (workflow_type document_analytics)",
        requiredProperties = {"insights", "alert_count", "charts", "report", "report_url"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnalysisResult(
        @Schema(description = "Every table found: one for a CSV, one per sheet with data, each table of a Word"
                + " document or PDF; absent only when the full result is no longer stored (see table_count)")
        List<Table> tables,
        @Schema(description = "The document's running text (Word documents and PDFs): its size, language, sections,"
                + " stated numbers and dates, and key sentences") TextSize text,
        @Schema(description = "Findings in words, each built only from computed numbers") List<Insight> insights,
        Narrative narrative,
        @Schema(description = "Data-quality alerts; absent only when the full result is no longer stored")
        List<Alert> alerts,
        @Schema(description = "How many alerts were raised (at most 100 are listed)") int alertCount,
        @Schema(description = "The charts drawn; the job's charts list links to them") List<Chart> charts,
        Report report,
        @Schema(description = "GET it with your credential for the report") String reportUrl,
        Output output,
        @Schema(description = "The web address the document was fetched from, for a scheduled analysis")
        String sourceUrl,
        @Schema(description = "How many tables the document has; present when tables is not") Integer tableCount,
        @Schema(hidden = true) StoredFile detail,
        @Schema(description = "Fields left out because the result was too large to carry whole") List<String> omitted)
        implements JobResult {

    /** The full result with the events' bound fields, as the worker makes it. */
    public static AnalysisResult full(List<Table> tables, TextSize text, List<Insight> insights, Narrative narrative,
            List<Alert> alerts, int alertCount, List<Chart> charts, Report report, String reportUrl, Output output,
            String sourceUrl) {
        return new AnalysisResult(tables, text, insights, narrative, alerts, alertCount, charts, report, reportUrl,
                output, sourceUrl, null, null, null);
    }

    /** What an event carries: all but the tables, the text and the alerts, with where the full result is. */
    public AnalysisResult summary(StoredFile stored) {
        return new AnalysisResult(null, null, insights, narrative, null, alertCount, charts, report, reportUrl,
                output, sourceUrl, tables == null ? tableCount : Integer.valueOf(tables.size()), stored, omitted);
    }

    @Override
    public AnalysisResult withoutStorageKeys() {
        return new AnalysisResult(tables, text, insights, narrative, alerts, alertCount,
                charts == null ? null : charts.stream().map(Chart::withoutKey).toList(),
                report == null ? null : report.withoutKey(), reportUrl, output, sourceUrl, tableCount, null, omitted);
    }

    /** One table's shape, columns, and what goes together in it. */
    @Schema(name = "AnalysedTable", requiredProperties = {"name", "row_count", "column_count", "columns", "trends",
            "duplicate_rows", "duplicates_checked_rows"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Table(
            @Schema(description = "A sheet's name, the file's name for a CSV, or Table n") String name,
            long rowCount,
            int columnCount,
            @Schema(description = "In table order") List<ColumnStatistics> columns,
            @Schema(description = "Between numeric columns; absent with fewer than two or when not asked for")
            Correlations correlations,
            @Schema(description = "Between category and boolean columns; absent with fewer than two or when not"
                    + " asked for") Associations associations,
            @Schema(description = "Numeric columns over time, when the table has a date column") List<Trend> trends,
            @Schema(description = "Rows repeating an earlier one, among the first duplicates_checked_rows")
            long duplicateRows,
            long duplicatesCheckedRows) {
    }

    /**
     * Descriptive statistics of one column. Numeric columns (integer, decimal, percent, currency) have mean, std,
     * quartiles, skewness, kurtosis, a histogram and outliers; others their most frequent values.
     */
    @Schema(name = "ColumnStatistics", requiredProperties = {"name", "type", "type_share", "count", "missing",
            "missing_share", "estimated", "numeric"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ColumnStatistics(
            String name,
            @Schema(enumeration = {"integer", "decimal", "percent", "currency", "date", "boolean", "category", "text",
                    "empty"}) String type,
            @Schema(description = "The share of its values that fit the type, 0 to 1") double typeShare,
            @Schema(description = "Values present") long count,
            long missing,
            double missingShare,
            Double mean,
            @Schema(description = "Sample standard deviation") Double std,
            Double min,
            Double q1,
            Double median,
            Double q3,
            Double max,
            Double skewness,
            @Schema(description = "Excess kurtosis") Double kurtosis,
            @Schema(description = "Distinct values (cardinality)") Long distinct,
            List<ValueCount> topValues,
            Histogram histogram,
            Quality quality,
            @Schema(description = "Absent when anomalies were not asked for") Outliers outliers,
            @Schema(description = "Quantiles, histogram, outliers, distinct count or top values come from sketches"
                    + " (a column too large to keep whole); counts, mean, std, min, max stay exact")
            boolean estimated,
            @Schema(description = "Whether the column is numeric (it then has mean and the figures after it)")
            boolean numeric) {
    }

    /** One of a column's most frequent values. */
    @Schema(name = "ValueCount", requiredProperties = {"value", "count"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ValueCount(String value, long count) {
    }

    /** Counts in equal-width bins: bin i spans [edges[i], edges[i+1]), the last including its upper edge. */
    @Schema(name = "Histogram", requiredProperties = {"edges", "counts"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Histogram(List<Double> edges, List<Long> counts) {
    }

    /** What the data-quality checks looked at. */
    @Schema(name = "ColumnQuality", requiredProperties = {"zeros", "infinite", "number_like", "date_like",
            "min_length", "max_length"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Quality(
            long zeros,
            long infinite,
            @Schema(description = "Values that read as numbers, whatever the column's type") long numberLike,
            @Schema(description = "Values that read as dates, whatever the column's type") long dateLike,
            int minLength,
            int maxLength,
            @Schema(description = "For non-numeric columns, how unevenly their values are spread, 0 to 1")
            Double imbalance) {
    }

    /** Values beyond Tukey's far-out fences (q1 - 3 IQR, q3 + 3 IQR). */
    @Schema(name = "Outliers", requiredProperties = {"low", "high", "count", "largest"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outliers(
            @Schema(description = "The lower fence") double low,
            @Schema(description = "The upper fence") double high,
            long count,
            @Schema(description = "The most extreme (at most 10)") List<Outlier> largest) {
    }

    /** One unusual value. */
    @Schema(name = "Outlier", requiredProperties = {"row", "value", "score"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outlier(
            @Schema(description = "Its data row, 1 for the first after the header") long row,
            double value,
            @Schema(description = "Its distance beyond the fence, in IQRs") double score) {
    }

    /** Pearson and Spearman correlations between numeric columns, strongest pairs first. */
    @Schema(name = "Correlations", requiredProperties = {"columns", "pearson", "spearman", "strongest", "rows",
            "sampled"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Correlations(
            @Schema(description = "The columns compared (at most 30), in table order; the matrices follow it")
            List<String> columns,
            @Schema(description = "Pearson's r per pair, null where fewer than 3 rows have both values")
            List<List<Double>> pearson,
            @Schema(description = "Spearman's rho per pair, null as for pearson") List<List<Double>> spearman,
            List<CorrelatedPair> strongest,
            @Schema(description = "The rows they were computed over") long rows,
            @Schema(description = "Computed over a uniform sample of the rows, not every row") boolean sampled) {
    }

    /** One pair of numeric columns and how they move together. */
    @Schema(name = "CorrelatedPair", requiredProperties = {"a", "b", "pearson", "rows"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CorrelatedPair(String a, String b, double pearson, Double spearman, long rows) {
    }

    /** Cramér's V between category and boolean columns, strongest pairs first. */
    @Schema(name = "Associations", requiredProperties = {"columns", "cramers_v", "strongest", "rows", "sampled"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Associations(
            @Schema(description = "The columns compared, in table order; the matrix follows it") List<String> columns,
            @Schema(description = "V per pair, 0 to 1; null where it is undefined") List<List<Double>> cramersV,
            List<AssociatedPair> strongest,
            long rows,
            boolean sampled) {
    }

    /** One pair of categorical columns and how strongly they go together. */
    @Schema(name = "AssociatedPair", requiredProperties = {"a", "b", "cramers_v", "rows"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssociatedPair(String a, String b, double cramersV, long rows) {
    }

    /** How a numeric column moves over time: mean per period, moving average, fitted line, season, anomalies. */
    @Schema(name = "Trend", requiredProperties = {"date_column", "value_column", "period", "points", "intercept",
            "slope", "anomalies", "significant"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Trend(
            String dateColumn,
            String valueColumn,
            @Schema(enumeration = {"day", "week", "month"}) String period,
            List<TrendPoint> points,
            @Schema(description = "The fitted line's value at the first period") double intercept,
            @Schema(description = "Change per period, from the fitted line") double slope,
            @Schema(description = "Change of the fitted line from the first period to the last, in %")
            Double percentChange,
            @Schema(description = "Significance of the slope (two-sided t-test)") Double pValue,
            Seasonality seasonality,
            @Schema(description = "Periods far off the trend and their season, most extreme first")
            List<TrendAnomaly> anomalies,
            @Schema(description = "p_value below 0.05") boolean significant) {
    }

    /** One period of a trend. */
    @Schema(name = "TrendPoint", requiredProperties = {"start", "mean", "rows"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrendPoint(LocalDate start, double mean, long rows,
            @Schema(description = "Over 3 periods, ending at this one") Double movingAverage) {
    }

    /** A weekly or yearly pattern around a trend. */
    @Schema(name = "Seasonality", requiredProperties = {"cycle", "seasons", "effects", "strength", "p_value"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Seasonality(
            @Schema(enumeration = {"week", "year"}) String cycle,
            @Schema(description = "Mon..Sun or Jan..Dec") List<String> seasons,
            @Schema(description = "Each season's mean departure from the trend, summing to 0 (null without data)")
            List<Double> effects,
            double strength,
            double pValue,
            @Schema(description = "Seasons in one cycle: 7 days a week, 12 months a year") Integer length,
            @Schema(description = "Half the range from the lowest season's effect to the highest, in the column's"
                    + " unit") Double amplitude) {
    }

    /** A period far off what the trend and the season expect. */
    @Schema(name = "TrendAnomaly", requiredProperties = {"start", "value", "expected", "score"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrendAnomaly(LocalDate start, double value, double expected,
            @Schema(description = "Robust z-score of its remainder") double score) {
    }

    /**
     * A document's running text: its size, and what it says, read without a model. The fields after
     * {@code paragraphs} are absent in results analysed before they were added.
     */
    @Schema(name = "TextSize", requiredProperties = {"characters", "words", "paragraphs"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TextSize(
            long characters,
            long words,
            @Schema(description = "As the document lays them out") int paragraphs,
            @Schema(description = "Sentences; a line without a sentence's end (a title, a list item) counts as one")
            Integer sentences,
            @Schema(description = "At 230 words a minute, at least 1 for any text") Integer readingMinutes,
            @Schema(description = "By the small words it uses", enumeration = {"en", "fr", "de", "es", "unknown"})
            String language,
            @Schema(description = "Its headings in order (a Word document's heading styles, else numbered, short or"
                    + " capitalised lines that open a paragraph), at most 30") List<TextSection> sections,
            @Schema(description = "Numbers it states, once each, at most 20 (those with a unit, currency or percent"
                    + " before bare ones), in the text's order; not years, dates, nor the numbers of tables, figures"
                    + " and pages")
            List<StatedNumber> numbers,
            @Schema(description = "Dates it states, once each, at most 20, in the text's order") List<StatedDate> dates,
            @Schema(description = "An extractive summary: 3 to 5 of its own sentences (fewer in a short text), in the"
                    + " text's order, chosen without a model") List<String> keySentences) {
    }

    /** A heading of a document's text. */
    @Schema(name = "TextSection", requiredProperties = {"title", "words"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TextSection(
            String title,
            @Schema(description = "Words under it, up to the next heading") long words) {
    }

    /** A number a document's text states. */
    @Schema(name = "StatedNumber", requiredProperties = {"text", "value", "sentence"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatedNumber(
            @Schema(description = "As written, with its currency, scale and unit: $3.2 million, 12,5 %, n = 48")
            String text,
            @Schema(description = "The number, scaled ($3.2 million is 3200000; 12,5 % is 12.5)") double value,
            @Schema(description = "%, the currency or unit as written ($, EUR, kg, patients) or the quantity named"
                    + " before it (n, p); absent for a bare number") String unit,
            @Schema(description = "The sentence stating it, shortened around it when long") String sentence) {
    }

    /** A date a document's text states. */
    @Schema(name = "StatedDate", requiredProperties = {"text", "value", "sentence"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatedDate(
            @Schema(description = "As written: 5 March 2024, mars 2024, in 2019") String text,
            @Schema(description = "ISO 8601 to the precision written: 2024-03-05, 2024-03 or 2019") String value,
            @Schema(description = "The sentence stating it, shortened around it when long") String sentence) {
    }

    /** One finding, in words, about one table or the document's running text. */
    @Schema(name = "Insight", requiredProperties = {"table", "kind", "text", "columns"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Insight(
            @Schema(description = "The table's name; Text for a finding about the running text") String table,
            @Schema(description = "shape, correlation, association, trend, seasonality, missing, skew,"
                    + " dominant_value, anomaly or range; about the running text: text_summary, text_sections,"
                    + " stated_numbers, stated_dates or key_sentence (one of its own sentences, quoted)")
            String kind,
            String text,
            @Schema(description = "The columns it is about (none for the table's shape)") List<String> columns) {
    }

    /** A data-quality warning about a table or one of its columns. */
    @Schema(name = "DataQualityAlert", requiredProperties = {"table", "kind", "message"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(
            String table,
            @Schema(description = "The column concerned; absent for the whole table") String column,
            @Schema(description = "constant, zeros, high_correlation, high_cardinality, duplicates, skewed,"
                    + " imbalance, missing, infinite, unique, uniform, constant_length, wrong_type, mixed_type, empty,"
                    + " non_stationary or seasonal") String kind,
            String message) {
    }

    /** A chart drawn for the report. */
    @Schema(name = "Chart", requiredProperties = "title")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Chart(
            @Schema(description = "Its table and what it shows") String title,
            @Schema(hidden = true) String key) {

        Chart withoutKey() {
            return new Chart(title, null);
        }
    }

    /** The report file. */
    @Schema(name = "Report", requiredProperties = {"format", "media_type", "size_bytes"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Report(
            @Schema(enumeration = {"pdf", "ppt", "excel"}) String format,
            String mediaType,
            @Schema(hidden = true) String key,
            long sizeBytes) {

        Report withoutKey() {
            return new Report(format, mediaType, null, sizeBytes);
        }
    }

    /** How the report was asked for: its format and how it is handed over. */
    @Schema(name = "AnalysisOutput", requiredProperties = {"format", "delivery"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Output(
            @Schema(enumeration = {"pdf", "ppt", "excel"}) String format,
            @Schema(enumeration = {"download", "email", "webhook"}) String delivery,
            @Schema(description = "For delivery email") String email,
            @Schema(description = "For delivery webhook") String webhookUrl) {
    }
}
