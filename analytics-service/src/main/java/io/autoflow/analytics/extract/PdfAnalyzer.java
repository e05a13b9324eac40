package io.autoflow.analytics.extract;

import io.autoflow.analytics.stats.DocumentLimits;
import io.autoflow.analytics.stats.TableProfiler;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.stats.TextStatistics;
import io.autoflow.events.CodedException;
import io.autoflow.service.work.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import technology.tabula.Line;
import technology.tabula.ObjectExtractor;
import technology.tabula.Page;
import technology.tabula.PageIterator;
import technology.tabula.Rectangle;
import technology.tabula.RectangularTextContainer;
import technology.tabula.Table;
import technology.tabula.TextChunk;
import technology.tabula.TextElement;
import technology.tabula.extractors.BasicExtractionAlgorithm;
import technology.tabula.extractors.SpreadsheetExtractionAlgorithm;

/**
 * Reads a PDF: its text with PDFBox, and its tables with tabula-java. A page with ruling lines is read as a grid
 * (tabula's lattice mode); other pages by the alignment of their text (stream mode), keeping only grids that look
 * like tables rather than prose. (Tabula's table-area detector needs PDFBox 2, so it is not used.) A table continued
 * on the next page under the same header becomes one table. The first row of a table is its header.
 */
public final class PdfAnalyzer {

    /** Without ruling lines, a table needs this many columns (and rows) to be told from a text layout. */
    private static final int STREAM_MIN_COLUMNS = 3;
    private static final float AREA_MARGIN = 2;
    /** Marks where PDFBox's layout analysis ends a paragraph, to count them. */
    private static final String PARAGRAPH_END = "\u2029";

    private final SpreadsheetExtractionAlgorithm lattice = new SpreadsheetExtractionAlgorithm();
    private final BasicExtractionAlgorithm stream = new BasicExtractionAlgorithm();

    public ExtractedDocument analyze(InputStream document) {
        try (SpooledFile file = SpooledFile.of(document, ".pdf");
                PDDocument pdf = Loader.loadPDF(file.path().toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setParagraphEnd(PARAGRAPH_END);
            String text = stripper.getText(pdf);
            List<TableStatistics> tables = new ArrayList<>();
            for (Grid grid : tables(pdf)) {
                tables.add(profile("Table " + (tables.size() + 1), grid));
            }
            int paragraphs = (int) Arrays.stream(text.split(PARAGRAPH_END)).filter(p -> !p.isBlank()).count();
            if (paragraphs == 0 && tables.isEmpty()) {
                throw new DocumentException("empty_document", "The PDF has no text and no table (a scan needs OCR,"
                        + " which is not supported)");
            }
            return new ExtractedDocument(TextStatistics.of(text.replace(PARAGRAPH_END, "\n"), paragraphs), tables);
        } catch (InvalidPasswordException e) {
            throw new DocumentException("encrypted_document", "The PDF is password-protected");
        } catch (IOException e) {
            throw new DocumentException("corrupt_document", "The file is not a readable PDF: " + e.getMessage());
        } catch (CodedException | Checkpoint.WorkAbandonedException e) {
            throw e;
        } catch (RuntimeException e) {
            // PDFBox and tabula report a broken structure (a cyclic page tree, a missing object) this way.
            throw new DocumentException("corrupt_document", "The PDF's structure is broken: " + e.getMessage());
        }
    }

    /** Every table as its header and rows of cell texts, in page order, continuations merged. */
    private List<Grid> tables(PDDocument pdf) {
        List<Grid> grids = new ArrayList<>();
        try (ObjectExtractor extractor = new ObjectExtractor(pdf)) {
            PageIterator pages = extractor.extract();
            while (pages.hasNext()) {
                Checkpoint.check();
                for (Table table : tablesOn(pages.next())) {
                    Grid grid = Grid.of(cells(table));
                    if (grid == null) {
                        continue;
                    }
                    Grid previous = grids.isEmpty() ? null : grids.get(grids.size() - 1);
                    if (previous != null && previous.header().equals(grid.header())) {
                        previous.rows().addAll(grid.rows());
                    } else {
                        DocumentLimits.checkAnotherTable(grids.size());
                        grids.add(grid);
                    }
                }
            }
        } catch (IOException e) {
            throw new DocumentException("corrupt_document", "The PDF's pages cannot be read: " + e.getMessage());
        }
        return grids;
    }

    private List<? extends Table> tablesOn(Page page) {
        if (lattice.isTabular(page)) {
            return lattice.extract(page);
        }
        List<Table> found = new ArrayList<>();
        for (List<Line> run : alignedRuns(page)) {
            // Columns from the body lines only: a header cell spanning two columns would merge them.
            int mode = mostCommonWidth(run);
            List<Float> columns = BasicExtractionAlgorithm.columnPositions(run.stream()
                    .filter(l -> l.getTextElements().size() == mode).toList());
            Rectangle area = Rectangle.boundingBoxOf(run);
            // A little room around the text, or glyphs on the area's edge are left out.
            found.addAll(stream.extract(page.getArea(area.getTop() - AREA_MARGIN, area.getLeft() - AREA_MARGIN,
                    area.getBottom() + AREA_MARGIN, area.getRight() + AREA_MARGIN), columns));
        }
        return found;
    }

    /**
     * Where a page without ruling lines holds tables: runs of at least {@link #STREAM_MIN_COLUMNS} lines that each
     * split into at least that many separate chunks of text (a single shorter line, such as the last line of a
     * header, may sit inside a run). Prose, whose lines are one chunk per text column, never qualifies.
     */
    private static List<List<Line>> alignedRuns(Page page) {
        List<Line> lines = TextChunk.groupByLines(TextElement.mergeWords(page.getText()));
        List<List<Line>> runs = new ArrayList<>();
        int start = -1;
        int last = -1;
        for (int i = 0; i <= lines.size(); i++) {
            boolean aligned = i < lines.size() && lines.get(i).getTextElements().size() >= STREAM_MIN_COLUMNS;
            if (aligned) {
                start = start < 0 ? i : start;
                last = i;
            } else if (start >= 0 && (i - last > 1 || i == lines.size())) {
                List<Line> run = trimmed(lines.subList(start, last + 1));
                if (run.size() >= STREAM_MIN_COLUMNS) {
                    runs.add(run);
                }
                start = -1;
            }
        }
        return runs;
    }

    /**
     * The run without the lines at its ends that have under half the chunks most of its lines have: a caption or a
     * note beside the table, which would otherwise blur its columns.
     */
    private static List<Line> trimmed(List<Line> run) {
        int mode = mostCommonWidth(run);
        int from = 0;
        int to = run.size();
        while (from < to && 2 * run.get(from).getTextElements().size() < mode) {
            from++;
        }
        while (to > from && 2 * run.get(to - 1).getTextElements().size() < mode) {
            to--;
        }
        return run.subList(from, to);
    }

    /** The number of chunks most lines of the run have (the larger one on a tie). */
    private static int mostCommonWidth(List<Line> run) {
        Map<Integer, Long> counts = run.stream().collect(Collectors.groupingBy(l -> l.getTextElements().size(),
                Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
    }

    /** The table's rows as trimmed texts, without rows that are entirely empty. */
    private static List<List<String>> cells(Table table) {
        List<List<String>> rows = new ArrayList<>();
        for (List<RectangularTextContainer> row : table.getRows()) {
            List<String> texts = row.stream().map(cell -> cell.getText().replace('\r', ' ').trim()).toList();
            if (texts.stream().anyMatch(t -> !t.isEmpty())) {
                rows.add(new ArrayList<>(texts));
            }
        }
        return rows;
    }

    private static TableStatistics profile(String name, Grid grid) {
        TableProfiler profiler = new TableProfiler(name, grid.header());
        for (List<String> row : grid.rows()) {
            profiler.add(row);
        }
        return profiler.finish();
    }

}
