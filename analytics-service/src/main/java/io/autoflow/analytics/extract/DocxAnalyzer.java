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
import java.util.regex.Pattern;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDecimalNumber;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

/**
 * Reads a DOCX with Apache POI: the body's paragraph text, its headings (by their styles) for the text analysis, and
 * every top-level table as a table whose first row is the header. A merged cell's value applies to every grid cell it
 * covers, across (grid span) and down (vertical merge), so that columns line up as the reader sees them.
 */
public final class DocxAnalyzer {

    private static final Pattern HEADING_STYLE = Pattern.compile("(?i)heading\\s*\\d|title");
    private static final int BODY_TEXT_LEVEL = 9;

    public ExtractedDocument analyze(InputStream document) {
        try (XWPFDocument docx = new XWPFDocument(document)) {
            StringBuilder text = new StringBuilder();
            int paragraphs = 0;
            List<String> headings = new ArrayList<>();
            List<TableStatistics> tables = new ArrayList<>();
            for (IBodyElement element : docx.getBodyElements()) {
                Checkpoint.check();
                if (element instanceof XWPFParagraph paragraph && !paragraph.getText().isBlank()) {
                    if (isHeading(docx, paragraph)) {
                        // One line, so that the text analysis finds it among the text's lines.
                        String heading = paragraph.getText().replaceAll("\\s+", " ").strip();
                        headings.add(heading);
                        text.append(heading).append('\n');
                    } else {
                        text.append(paragraph.getText()).append('\n');
                    }
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
            return new ExtractedDocument(TextStatistics.of(text.toString(), paragraphs, headings), tables);
        } catch (EncryptedDocumentException e) {
            throw new DocumentException("encrypted_document", "The document is password-protected");
        } catch (NotOfficeXmlFileException e) {
            throw new DocumentException("corrupt_document", "The file is not a readable DOCX document");
        } catch (IOException | RuntimeException e) {
            throw OfficeFailures.translate(e, "document");
        }
    }

    /**
     * Whether Word shows the paragraph as a heading: styled "heading n" or "Title" (by the style's name, which stays
     * English in a German or French Word whose style ids do not, or by its id), or given an outline level.
     */
    private static boolean isHeading(XWPFDocument docx, XWPFParagraph paragraph) {
        String id = paragraph.getStyleID();
        XWPFStyle style = id == null || docx.getStyles() == null ? null : docx.getStyles().getStyle(id);
        String name = style == null ? null : style.getName();
        if (id != null && HEADING_STYLE.matcher(id).matches()
                || name != null && HEADING_STYLE.matcher(name).matches()) {
            return true;
        }
        CTPPr own = paragraph.getCTP().getPPr();
        CTPPrGeneral styled = style == null ? null : style.getCTStyle().getPPr();
        return own != null && outlined(own.getOutlineLvl()) || styled != null && outlined(styled.getOutlineLvl());
    }

    /** An outline level 0-8 (a heading's); 9 is body text. */
    private static boolean outlined(CTDecimalNumber level) {
        return level != null && ((BigInteger) level.getVal()).intValue() < BODY_TEXT_LEVEL;
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
