package io.autoflow.analytics.report;

import com.pngencoder.PngEncoder;
import io.autoflow.analytics.insight.Numbers;
import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.Correlations;
import io.autoflow.analytics.stats.Histogram;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.stats.Trend;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.Styler;

/**
 * Draws the charts of a table from its statistics (never from the raw file), with XChart, headless: a correlation
 * heatmap of the numeric columns, each trend over time with its moving average and fitted line, scatter plots of
 * the most strongly correlated pairs, a histogram per numeric column and a bar chart of the most frequent values per
 * text or boolean column, in one consistent style.
 */
public final class ChartRenderer {

    static final Color NUMERIC = new Color(0x2B, 0x6C, 0xB0);
    static final Color CATEGORY = new Color(0xD9, 0x7B, 0x29);
    static final Color ANOMALY = new Color(0xC0, 0x39, 0x2B);
    private static final int MAX_CHARTS_PER_TABLE = 12;
    /** Weaker pairs are a shapeless cloud: listed in the report, not drawn. */
    private static final double SCATTER_MIN_R = 0.3;
    /** Beyond this a heatmap's cells are too small to read; the strongest pairs are still listed in the report. */
    private static final int MAX_HEATMAP_COLUMNS = 15;
    private static final int WIDTH = 800;
    private static final int HEIGHT = 460;
    /** Fast, and within a few per cent of the smallest file for a chart's flat colours. */
    private static final int PNG_DEFLATE_LEVEL = 3;

    public List<Chart> render(TableStatistics table) {
        List<Chart> charts = new ArrayList<>();
        if (table.correlations() != null && table.correlations().columns().size() <= MAX_HEATMAP_COLUMNS) {
            charts.add(heatmap(table.name(), table.correlations()));
        }
        for (Trend trend : table.trends()) {
            charts.add(trend(table.name(), trend));
            if (trend.seasonality() != null) {
                charts.add(season(table.name(), trend));
            }
        }
        if (table.correlations() != null) {
            table.correlations().strongest().stream().filter(p -> p.points() != null && p.points()[0].length > 2
                    && Math.abs(p.pearson()) >= SCATTER_MIN_R)
                    .forEach(p -> charts.add(scatter(table.name(), p)));
        }
        for (ColumnStatistics column : table.columns()) {
            if (charts.size() == MAX_CHARTS_PER_TABLE) {
                break;
            }
            if (column.histogram() != null && column.count() > 0) {
                charts.add(histogram(table.name(), column));
            } else if (column.topValues() != null && !column.type().equals("date") && column.distinct() != null
                    && column.distinct() > 1 && column.distinct() < column.count()) {
                charts.add(topValues(table.name(), column));
            }
        }
        return charts;
    }

    /** A column's mean per period, its moving average, the fitted line, and the periods far off it in red. */
    private static Chart trend(String table, Trend trend) {
        List<Date> x = trend.points().stream()
                .map(p -> Date.from(p.start().atStartOfDay(ZoneOffset.UTC).toInstant())).toList();
        List<Double> means = trend.points().stream().map(Trend.Point::mean).toList();
        String title = trend.valueColumn() + " by " + trend.period();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(table + " — " + title)
                .xAxisTitle(trend.dateColumn()).yAxisTitle(trend.valueColumn() + " (mean per " + trend.period() + ")")
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setDatePattern(trend.period().equals("month") ? "yyyy-MM" : "yyyy-MM-dd");
        chart.getStyler().setXAxisLabelRotation(30);
        XYSeries meanSeries = chart.addSeries("mean", x, means);
        meanSeries.setLineColor(NUMERIC);
        meanSeries.setMarkerColor(NUMERIC);
        List<Date> averagedX = new ArrayList<>();
        List<Double> averaged = new ArrayList<>();
        for (int i = 0; i < trend.points().size(); i++) {
            if (trend.points().get(i).movingAverage() != null) {
                averagedX.add(x.get(i));
                averaged.add(trend.points().get(i).movingAverage());
            }
        }
        if (!averaged.isEmpty()) {
            XYSeries movingAverage = chart.addSeries("moving average", averagedX, averaged);
            movingAverage.setLineColor(CATEGORY);
            movingAverage.setMarker(SeriesMarkers.NONE);
        }
        List<Trend.Point> points = trend.points();
        XYSeries fitted = chart.addSeries("trend", List.of(x.get(0), x.get(x.size() - 1)),
                List.of(trend.fitted(points.get(0).start()), trend.fitted(points.get(points.size() - 1).start())));
        fitted.setLineColor(Color.DARK_GRAY);
        fitted.setLineStyle(SeriesLines.DASH_DASH);
        fitted.setMarker(SeriesMarkers.NONE);
        if (!trend.anomalies().isEmpty()) {
            XYSeries marked = chart.addSeries("anomaly",
                    trend.anomalies().stream().map(a -> Date.from(a.start().atStartOfDay(ZoneOffset.UTC).toInstant()))
                            .toList(),
                    trend.anomalies().stream().map(Trend.Anomaly::value).toList());
            marked.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marked.setMarkerColor(ANOMALY);
            marked.setMarker(SeriesMarkers.CIRCLE);
        }
        return new Chart("trend", title, List.of(trend.valueColumn()), png(chart));
    }

    /** Pearson's r between every pair of numeric columns, from blue (-1) through white (0) to red (+1). */
    private static Chart heatmap(String table, Correlations correlations) {
        List<String> names = correlations.columns().stream().map(ChartRenderer::shorten).toList();
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                Double r = correlations.pearson().get(i).get(j);
                cells.add(new Number[] {i, j, r == null ? 0 : r});
            }
        }
        String title = "correlations (Pearson)";
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT + 100)
                .title(table + " — " + title).build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.getStyler().setMin(-1);
        chart.getStyler().setMax(1);
        chart.getStyler().setRangeColors(new Color[] {new Color(0x2B, 0x6C, 0xB0), Color.WHITE,
            new Color(0xC0, 0x39, 0x2B)});
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.addSeries("r", names, names, cells);
        return new Chart("heatmap", title, correlations.columns(), png(chart));
    }

    private static Chart histogram(String table, ColumnStatistics column) {
        Histogram histogram = column.histogram();
        List<String> bins = new ArrayList<>();
        for (int i = 0; i < histogram.counts().size(); i++) {
            // As the report's tables write them: tiny values keep their digits (0.0006, never 0).
            bins.add(Numbers.value(histogram.edges().get(i)) + "–" + Numbers.value(histogram.edges().get(i + 1)));
        }
        String title = column.name() + ": distribution";
        CategoryChart chart = chart(table + " — " + title, column.name(), "rows");
        chart.addSeries(column.name(), bins, histogram.counts()).setFillColor(NUMERIC);
        return new Chart("histogram", title, List.of(column.name()), png(chart));
    }

    private static Chart topValues(String table, ColumnStatistics column) {
        List<String> values = column.topValues().stream().map(v -> shorten(v.value())).toList();
        List<Long> counts = column.topValues().stream().map(ColumnStatistics.ValueCount::count).toList();
        String title = column.name() + ": most frequent values";
        CategoryChart chart = chart(table + " — " + title, column.name(), "rows");
        chart.addSeries(column.name(), values, counts).setFillColor(CATEGORY);
        return new Chart("top_values", title, List.of(column.name()), png(chart));
    }

    /** A seasonal pattern: each season's mean departure from the trend line. */
    private static Chart season(String table, Trend trend) {
        var seasonality = trend.seasonality();
        String title = trend.valueColumn() + ": " + (seasonality.cycle().equals("week") ? "weekly" : "yearly")
                + " pattern";
        CategoryChart chart = chart(table + " — " + title, seasonality.cycle().equals("week") ? "day of the week"
                : "month", trend.valueColumn() + " above or below the trend");
        chart.addSeries(trend.valueColumn(), seasonality.seasons(), seasonality.effects().stream()
                .map(e -> e == null ? 0.0 : e).toList()).setFillColor(NUMERIC);
        return new Chart("season", title, List.of(trend.valueColumn()), png(chart));
    }

    /** One of the strongest pairs, point by point (a thinned sample when there are many). */
    private static Chart scatter(String table, Correlations.Pair pair) {
        String title = pair.a() + " vs " + pair.b();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(table + " — " + title + " (Pearson r = " + String.format(java.util.Locale.ROOT, "%.2f",
                        pair.pearson()) + ")")
                .xAxisTitle(pair.a()).yAxisTitle(pair.b()).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(7);
        XYSeries points = chart.addSeries(title, pair.points()[0], pair.points()[1]);
        points.setMarkerColor(new Color(NUMERIC.getRed(), NUMERIC.getGreen(), NUMERIC.getBlue(), 160));
        points.setMarker(SeriesMarkers.CIRCLE);
        return new Chart("scatter", title, List.of(pair.a(), pair.b()), png(chart));
    }

    private static CategoryChart chart(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setAvailableSpaceFill(0.9);
        return chart;
    }

    private static String shorten(String value) {
        return value.length() <= 24 ? value : value.substring(0, 23) + "…";
    }

    /**
     * The chart as a PNG: painted as XChart's own encoder paints it, then encoded by pngencoder (ImageIO's writer, with
     * its temporary cache file and five row filters tried per row, took a third of a small analysis's CPU).
     */
    private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        // Axis numbers as reports write them (2,000 and 0.5), whatever the server's default locale ("2.000").
        chart.getStyler().setLocale(java.util.Locale.ENGLISH);
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            chart.paint(graphics, chart.getWidth(), chart.getHeight());
        } finally {
            graphics.dispose();
        }
        // A palette when the chart has at most 256 colours (half the bytes); on the job's own thread, one of many.
        return new PngEncoder().withBufferedImage(image).withCompressionLevel(PNG_DEFLATE_LEVEL)
                .withTryIndexedEncoding(true).withMultiThreadedCompressionEnabled(false).toBytes();
    }
}
