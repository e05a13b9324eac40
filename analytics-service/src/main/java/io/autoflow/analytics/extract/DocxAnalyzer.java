package io.autoflow.analytics.extract;

import io.autoflow.analytics.stats.DocumentLimits;
import io.autoflow.analytics.stats.TableProfiler;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.stats.TextStatistics;
import io.autoflow.service.work.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

/**
 * Reads a DOCX with Apache POI: the body's paragraph text, and every top-level table as a table whose first row is
 * the header. A merged cell's value applies to every grid cell it covers, across (grid span) and down (vertical
 * merge), so that columns line up as the reader sees them.
 */
public final class DocxAnalyzer {

    public ExtractedDocument analyze(InputStream document) {
        try (XWPFDocument docx = new XWPFDocument(document)) {
            StringBuilder text = new StringBuilder();
            int paragraphs = 0;
            List<TableStatistics> tables = new ArrayList<>();
            for (IBodyElement element : docx.getBodyElements()) {
                Checkpoint.check();
                if (element instanceof XWPFParagraph paragraph && !paragraph.getText().isBlank()) {
                    text.append(paragraph.getText()).append('\n');
                    paragraphs++;
                } else if (element instanceof XWPFTable table) {
                    DocumentLimits.checkAnotherTable(tables.size());
                    TableStatistics statistics = analyze("Table " + (tables.size() + 1), table);
                    if (statistics != null) {
                        tables.add(statistics);
                    }
                }
            }
            if (paragraphs == 0 && tables.isEmpty()) {
                throw new DocumentException("empty_document", "The document has no text and no table data");
            }
            return new ExtractedDocument(TextStatistics.of(text.toString(), paragraphs), tables);
        } catch (EncryptedDocumentException e) {
            throw new DocumentException("encrypted_document", "The document is password-protected");
        } catch (NotOfficeXmlFileException e) {
            throw new DocumentException("corrupt_document", "The file is not a readable DOCX document");
        } catch (IOException | RuntimeException e) {
            throw OfficeFailures.translate(e, "document");
        }
    }

    private static TableStatistics analyze(String name, XWPFTable table) {
        Map<Integer, String> mergedAbove = new HashMap<>();
        TableProfiler profiler = null;
        for (XWPFTableRow row : table.getRows()) {
            List<String> cells = gridCells(row, mergedAbove);
            if (cells.stream().allMatch(String::isEmpty)) {
                continue;
            }
            if (profiler == null) {
                profiler = new TableProfiler(name, cells);
            } else {
                profiler.add(cells);
            }
        }
        return profiler == null ? null : profiler.finish();
    }

    /** The row's cells laid on the table grid: spans repeated, vertical continuations filled from above. */
    private static List<String> gridCells(XWPFTableRow row, Map<Integer, String> mergedAbove) {
        List<String> cells = new ArrayList<>();
        for (XWPFTableCell cell : row.getTableCells()) {
            CTTcPr properties = cell.getCTTc().getTcPr();
            int span = properties != null && properties.getGridSpan() != null
                    ? ((BigInteger) properties.getGridSpan().getVal()).intValue() : 1;
            STMerge.Enum merge = properties != null && properties.getVMerge() != null
                    ? properties.getVMerge().getVal() : null;
            int column = cells.size();
            String value = cell.getText().trim();
            if (merge != null && merge != STMerge.RESTART) {
                value = mergedAbove.getOrDefault(column, "");
            } else if (merge == STMerge.RESTART) {
                mergedAbove.put(column, value);
            }
            for (int i = 0; i < span; i++) {
                cells.add(value);
            }
        }
        return cells;
    }
}
