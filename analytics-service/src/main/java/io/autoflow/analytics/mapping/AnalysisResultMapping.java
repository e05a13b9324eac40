package io.autoflow.analytics.mapping;

import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.insight.Narrative;
import io.autoflow.analytics.quality.Alert;
import io.autoflow.analytics.stats.Associations;
import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.Correlations;
import io.autoflow.analytics.stats.Histogram;
import io.autoflow.analytics.stats.Outliers;
import io.autoflow.analytics.stats.Seasonality;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.stats.TextStatistics;
import io.autoflow.analytics.stats.Trend;
import io.autoflow.analytics.text.TextAnalysis;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.result.AnalysisResult;
import java.util.List;
import java.util.function.Function;

/**
 * The analysis's own figures as the result record every reader of a job compiles against
 * ({@link AnalysisResult}): what the statistics keep for charts and reports only (a correlated pair's points) stays
 * here.
 */
public final class AnalysisResultMapping {

    private AnalysisResultMapping() {
    }

    public static AnalysisResult.Table table(TableStatistics table) {
        return new AnalysisResult.Table(table.name(), table.rowCount(), table.columnCount(),
                each(table.columns(), AnalysisResultMapping::column), correlations(table.correlations()),
                associations(table.associations()), each(table.trends(), AnalysisResultMapping::trend),
                table.duplicateRows(), table.duplicatesCheckedRows());
    }

    public static AnalysisResult.TextSize text(TextStatistics text) {
        if (text == null) {
            return null;
        }
        TextAnalysis a = text.analysis();
        return new AnalysisResult.TextSize(a.characters(), a.words(), a.paragraphs(), a.sentences(),
                a.readingMinutes(), a.language(),
                each(a.sections(), s -> new AnalysisResult.TextSection(s.title(), s.words())),
                each(a.numbers(), n -> new AnalysisResult.StatedNumber(n.text(), n.value(), n.unit(), n.sentence())),
                each(a.dates(), d -> new AnalysisResult.StatedDate(d.text(), d.value(), d.sentence())),
                a.keySentences());
    }

    public static AnalysisResult.Insight insight(Insight insight) {
        return new AnalysisResult.Insight(insight.table(), insight.kind(), insight.text(), insight.columns());
    }

    public static io.autoflow.events.result.Narrative narrative(Narrative narrative) {
        return narrative == null ? null : new io.autoflow.events.result.Narrative(narrative.text(), narrative.source());
    }

    public static AnalysisResult.Alert alert(Alert alert) {
        return new AnalysisResult.Alert(alert.table(), alert.column(), alert.kind(), alert.message());
    }

    public static AnalysisResult.Output output(AnalyzeDocument.Output output) {
        return output == null ? null
                : new AnalysisResult.Output(output.format(), output.delivery(), output.email(), output.webhookUrl());
    }

    static AnalysisResult.ColumnStatistics column(ColumnStatistics c) {
        ColumnStatistics.Quality q = c.quality();
        return new AnalysisResult.ColumnStatistics(c.name(), c.type(), c.typeShare(), c.count(), c.missing(),
                c.missingShare(), c.mean(), c.std(), c.min(), c.q1(), c.median(), c.q3(), c.max(), c.skewness(),
                c.kurtosis(), c.distinct(),
                each(c.topValues(), v -> new AnalysisResult.ValueCount(v.value(), v.count())), histogram(c.histogram()),
                q == null ? null : new AnalysisResult.Quality(q.zeros(), q.infinite(), q.numberLike(), q.dateLike(),
                        q.minLength(), q.maxLength(), q.imbalance()),
                outliers(c.outliers()), c.estimated(), c.isNumeric());
    }

    private static AnalysisResult.Histogram histogram(Histogram h) {
        return h == null ? null : new AnalysisResult.Histogram(h.edges(), h.counts());
    }

    private static AnalysisResult.Outliers outliers(Outliers o) {
        return o == null ? null : new AnalysisResult.Outliers(o.low(), o.high(), o.count(),
                each(o.largest(), x -> new AnalysisResult.Outlier(x.row(), x.value(), x.score())));
    }

    private static AnalysisResult.Correlations correlations(Correlations c) {
        return c == null ? null : new AnalysisResult.Correlations(c.columns(), c.pearson(), c.spearman(),
                each(c.strongest(), p -> new AnalysisResult.CorrelatedPair(p.a(), p.b(), p.pearson(), p.spearman(),
                        p.rows())), c.rows(), c.sampled());
    }

    private static AnalysisResult.Associations associations(Associations a) {
        return a == null ? null : new AnalysisResult.Associations(a.columns(), a.cramersV(),
                each(a.strongest(), p -> new AnalysisResult.AssociatedPair(p.a(), p.b(), p.cramersV(), p.rows())),
                a.rows(), a.sampled());
    }

    static AnalysisResult.Trend trend(Trend t) {
        return new AnalysisResult.Trend(t.dateColumn(), t.valueColumn(), t.period(),
                each(t.points(), p -> new AnalysisResult.TrendPoint(p.start(), p.mean(), p.rows(), p.movingAverage())),
                t.intercept(), t.slope(), t.percentChange(), t.pValue(), seasonality(t.seasonality()),
                each(t.anomalies(), a -> new AnalysisResult.TrendAnomaly(a.start(), a.value(), a.expected(),
                        a.score())), t.isSignificant());
    }

    private static AnalysisResult.Seasonality seasonality(Seasonality s) {
        return s == null ? null
                : new AnalysisResult.Seasonality(s.cycle(), s.seasons(), s.effects(), s.strength(), s.pValue(),
                        s.length(), s.amplitude());
    }

    /** Every item mapped; an absent list stays absent. */
    public static <T, R> List<R> each(List<T> items, Function<T, R> mapping) {
        return items == null ? null : items.stream().map(mapping).toList();
    }
}
