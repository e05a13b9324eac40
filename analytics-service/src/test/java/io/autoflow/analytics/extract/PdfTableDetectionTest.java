package io.autoflow.analytics.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoflow.analytics.stats.ColumnStatistics;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import technology.tabula.ObjectExtractor;
import technology.tabula.Page;

/**
 * Table detection measured on PDFs whose tables are known (tabula-java's and camelot's samples with those tools'
 * extractions): cell precision and recall per sample, see {@link CellMatch}. Where the tool was given an area, only
 * the tables found there count; elsewhere every table found on the page does, so a table found in prose lowers the
 * precision.
 */
class PdfTableDetectionTest {

    /** A page with known tables: where the tool read them (top, left, bottom, right; null for the whole page). */
    record Sample(String name, String pdf, int page, float[] area, List<String> expected, double minPrecision,
            double minRecall) {
    }

    /** Measured, see the README's "Table detection"; the floors sit just under what was measured. */
    static final List<Sample> SAMPLES = List.of(
            new Sample("argentina (stream)", "tabula-java/argentina_diputados_voting_record.pdf", 1,
                    new float[] {269.875f, 12.75f, 790.5f, 561}, csv("tabula-java/argentina_diputados_voting_record"), 0.95, 0.98),
            new Sample("twotables (lattice)", "tabula-java/twotables.pdf", 1, null,
                    csv("tabula-java/twotables.expected.1", "tabula-java/twotables.expected.2"), 0.98, 0.98),
            new Sample("schools (lattice)", "tabula-java/schools.pdf", 1, new float[] {53.74f, 16.97f, 548.74f, 762.3f},
                    csv("tabula-java/schools"), 0.95, 0.98),
            new Sample("frx_2012 (lattice)", "tabula-java/frx_2012_disclosure.pdf", 1,
                    new float[] {53, 49, 735, 550}, csv("tabula-java/frx_2012_disclosure"), 0.98, 0.98),
            new Sample("spanning_cells (lattice)", "tabula-java/spanning_cells.pdf", 1, null,
                    csv("tabula-java/spanning_cells.expected.1", "tabula-java/spanning_cells.expected.2"), 0.98, 0.98),
            new Sample("no_bounding_frame (lattice)", "tabula-java/spreadsheet_no_bounding_frame.pdf", 1,
                    new float[] {150.56f, 58.9f, 654.7f, 536.12f}, csv("tabula-java/spreadsheet_no_bounding_frame"), 0.98, 0.98),
            new Sample("us-020 (stream)", "tabula-java/us-020.pdf", 2, new float[] {103, 35, 641, 560},
                    csv("tabula-java/us-020"), 0.98, 0.97),
            new Sample("indictb1h_14 (stream, Hebrew)", "tabula-java/indictb1h_14.pdf", 1,
                    new float[] {205, 120, 622.82f, 459.9f}, csv("tabula-java/indictb1h_14"), 0.85, 0.85),
            new Sample("award_of_bids (lattice)",
                    "tabula-java/Publication_of_award_of_Bids_for_Transport_Sector__August_2016.pdf", 1,
                    new float[] {56.925f, 24.255f, 549.945f, 786.555f},
                    csv("tabula-java/Publication_of_award_of_Bids_for_Transport_Sector__August_2016"), 0.98, 0.98),
            new Sample("AnimalSounds (lattice)", "tabula-java/AnimalSounds.pdf", 1, null,
                    csv("tabula-java/AnimalSounds"), 0, 0),
            new Sample("MultiColumn (stream)", "tabula-java/MultiColumn.pdf", 1, null,
                    csv("tabula-java/MultiColumn.expected.1", "tabula-java/MultiColumn.expected.2"), 0.52, 0.52),
            new Sample("health (stream)", "camelot/health.pdf", 1, null, csv("camelot/health"), 0.95, 0.95),
            new Sample("twotables_2 (lattice)", "camelot/twotables_2.pdf", 1, null,
                    csv("camelot/twotables_2.expected.1", "camelot/twotables_2.expected.2"), 0.89, 0.88),
            new Sample("row_span_1 (lattice)", "camelot/row_span_1.pdf", 1, null, csv("camelot/row_span_1"), 0.55, 0.34),
            new Sample("column_span_2 (lattice)", "camelot/column_span_2.pdf", 1, null, csv("camelot/column_span_2"), 0.8, 0.8),
            new Sample("clockwise_table_1 (lattice)", "camelot/clockwise_table_1.pdf", 1, null,
                    csv("camelot/table_rotated_1"), 0.85, 0.94),
            new Sample("anticlockwise_table_1 (lattice)", "camelot/anticlockwise_table_1.pdf", 1, null,
                    csv("camelot/table_rotated_1"), 0.85, 0.94),
            new Sample("clockwise_table_2 (stream)", "camelot/clockwise_table_2.pdf", 1, null,
                    csv("camelot/table_rotated_2"), 0.95, 0.93),
            new Sample("anticlockwise_table_2 (stream)", "camelot/anticlockwise_table_2.pdf", 1, null,
                    csv("camelot/table_rotated_2"), 0.95, 0.93));

    record Measured(Sample sample, int expected, int found, int matched) {
        double precision() {
            return found == 0 ? 0 : (double) matched / found;
        }

        double recall() {
            return expected == 0 ? 0 : (double) matched / expected;
        }
    }

    @Test
    void findsTheKnownTablesCellByCell() throws Exception {
        List<Measured> results = new ArrayList<>();
        for (Sample sample : SAMPLES) {
            results.add(measure(sample));
        }
        print(results);
        for (Measured m : results) {
            assertThat(m.precision()).as("precision of %s", m.sample().name())
                    .isGreaterThanOrEqualTo(m.sample().minPrecision());
            assertThat(m.recall()).as("recall of %s", m.sample().name())
                    .isGreaterThanOrEqualTo(m.sample().minRecall());
        }
        int matched = results.stream().mapToInt(Measured::matched).sum();
        assertThat((double) matched / results.stream().mapToInt(Measured::found).sum()).isGreaterThanOrEqualTo(0.93);
        assertThat((double) matched / results.stream().mapToInt(Measured::expected).sum()).isGreaterThanOrEqualTo(0.92);
    }

    @Test
    void aTwoColumnArticleHasExactlyItsOneTable() throws Exception {
        byte[] article = ArticlePdf.twoColumns();

        List<Grid> tables;
        try (PDDocument pdf = Loader.loadPDF(article)) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(4);
            tables = new PdfAnalyzer().tables(pdf);
        }

        assertThat(tables).hasSize(1);
        Grid table = tables.get(0);
        assertThat(table.header()).isEqualTo(ArticlePdf.TABLE_HEADER);
        assertThat(table.rows()).isEqualTo(ArticlePdf.TABLE_ROWS);
        assertThat(table.confidence()).isGreaterThanOrEqualTo(TableFinder.MIN_CONFIDENCE);
        ExtractedDocument document = new PdfAnalyzer().analyze(new ByteArrayInputStream(article));
        assertThat(document.tables()).singleElement().satisfies(t -> {
            assertThat(t.rowCount()).isEqualTo(10);
            assertThat(t.columns()).extracting(ColumnStatistics::name).containsExactly("age", "height", "weight");
            assertThat(t.columns().get(0).type()).isEqualTo("integer");
            assertThat(t.columns().get(1).mean()).isCloseTo(ArticlePdf.TABLE_ROWS.stream()
                    .mapToDouble(r -> Double.parseDouble(r.get(1))).average().orElseThrow(), within(1e-9));
        });
        assertThat(document.text().words()).isGreaterThan(2000);
    }

    @Test
    void proseInOneColumnHasNoTable() {
        ExtractedDocument document = new PdfAnalyzer().analyze(new ByteArrayInputStream(ArticlePdf.oneColumn()));

        assertThat(document.tables()).isEmpty();
        assertThat(document.text().words()).isGreaterThan(2000);
    }

    /**
     * The threshold sits in a wide gap: every grid read from the articles' prose (justified lines whose wide gaps
     * split them into chunks) scores far below it, whereas the known tables above score 0.6 or more.
     */
    @Test
    void proseScoresFarBelowTheThreshold() throws Exception {
        double highest = 0;
        for (byte[] article : List.of(ArticlePdf.twoColumns(), ArticlePdf.oneColumn())) {
            try (PDDocument pdf = Loader.loadPDF(article); ObjectExtractor extractor = new ObjectExtractor(pdf)) {
                var pages = extractor.extract();
                while (pages.hasNext()) {
                    for (PageTable candidate : new TableFinder().candidates(pages.next())) {
                        if (!candidate.cells().get(0).equals(ArticlePdf.TABLE_HEADER)) {
                            highest = Math.max(highest, candidate.confidence().score());
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "highest confidence of a prose candidate: %.3f%n", highest);
        assertThat(highest).isLessThan(TableFinder.MIN_CONFIDENCE / 2);
    }

    static Measured measure(Sample sample) throws Exception {
        List<List<List<String>>> expected = new ArrayList<>();
        for (String path : sample.expected()) {
            expected.add(read(path));
        }
        List<PageTable> found = found(sample);
        boolean[] used = new boolean[found.size()];
        int matched = 0;
        for (List<List<String>> table : expected) {
            int best = -1;
            int bestMatched = 0;
            for (int i = 0; i < found.size(); i++) {
                int m = used[i] ? 0 : CellMatch.matched(table, found.get(i).cells());
                if (m > bestMatched) {
                    best = i;
                    bestMatched = m;
                }
            }
            if (best >= 0) {
                used[best] = true;
                matched += bestMatched;
            }
        }
        return new Measured(sample, expected.stream().mapToInt(CellMatch::filled).sum(),
                found.stream().mapToInt(t -> CellMatch.filled(t.cells())).sum(), matched);
    }

    /** The tables found on the sample's page (in its area, if it has one). */
    static List<PageTable> found(Sample sample) throws Exception {
        try (InputStream in = resource(sample.pdf()); PDDocument pdf = Loader.loadPDF(in.readAllBytes());
                ObjectExtractor extractor = new ObjectExtractor(pdf)) {
            Page page = extractor.extract(sample.page());
            return new TableFinder().tables(page).stream().filter(t -> sample.area() == null
                    || overlaps(t.area(), sample.area())).toList();
        }
    }

    private static boolean overlaps(float[] a, float[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    static void print(List<Measured> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-34s %8s %6s %7s %9s %6s%n", "sample",
                "expected", "found", "matched", "precision", "recall"));
        int expected = 0;
        int found = 0;
        int matched = 0;
        for (Measured m : results) {
            out.append(String.format(Locale.ROOT, "%-34s %8d %6d %7d %9.3f %6.3f%n", m.sample().name(), m.expected(),
                    m.found(), m.matched(), m.precision(), m.recall()));
            expected += m.expected();
            found += m.found();
            matched += m.matched();
        }
        out.append(String.format(Locale.ROOT, "%-34s %8d %6d %7d %9.3f %6.3f%n", "total", expected, found, matched,
                (double) matched / found, (double) matched / expected));
        System.out.print(out);
    }

    private static List<String> csv(String... names) {
        return List.of(names).stream().map(n -> n.contains(".expected") ? n + ".csv" : n + ".expected.csv")
                .toList();
    }

    private static List<List<String>> read(String path) throws Exception {
        try (var reader = new InputStreamReader(resource(path), StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.parse(reader).getRecords().stream().map(CSVRecord::toList).toList();
        }
    }

    private static InputStream resource(String path) {
        InputStream in = PdfTableDetectionTest.class.getResourceAsStream("/pdf/" + path);
        if (in == null) {
            throw new IllegalArgumentException("no test resource /pdf/" + path);
        }
        return in;
    }
}
