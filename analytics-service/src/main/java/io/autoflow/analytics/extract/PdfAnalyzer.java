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
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import technology.tabula.ObjectExtractor;
import technology.tabula.PageIterator;

/**
 * Reads a PDF: its text with PDFBox, and its tables with tabula-java ({@link TableFinder}: ruled grids, and text in
 * aligned columns, each kept only when it is confidently a table, never prose). (Tabula's table-area detector needs
 * PDFBox 2, so it is not used.) A table continued on the next page under the same header becomes one table. The
 * first row of a table is its header.
 */
public final class PdfAnalyzer {

    /** Marks where PDFBox's layout analysis ends a paragraph, to count them. */
    private static final String PARAGRAPH_END = "\u2029";

    private final TableFinder finder = new TableFinder();

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

    /**
     * Every table as its header and rows of cell texts, in page order, continuations merged: a table whose header
     * repeats the previous table's (a table running over several pages) adds its rows to it.
     */
    List<Grid> tables(PDDocument pdf) {
        List<Grid> grids = new ArrayList<>();
        try (ObjectExtractor extractor = new ObjectExtractor(pdf)) {
            PageIterator pages = extractor.extract();
            while (pages.hasNext()) {
                Checkpoint.check();
                for (PageTable table : finder.tables(pages.next())) {
                    Grid grid = Grid.of(table.cells(), table.confidence().score());
                    if (grid == null) {
                        continue;
                    }
                    Grid previous = grids.isEmpty() ? null : grids.get(grids.size() - 1);
                    if (previous != null && previous.header().equals(grid.header())) {
                        grids.set(grids.size() - 1, previous.continuedBy(grid));
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

    private static TableStatistics profile(String name, Grid grid) {
        TableProfiler profiler = new TableProfiler(name, grid.header());
        for (List<String> row : grid.rows()) {
            profiler.add(row);
        }
        return profiler.finish();
    }

}
