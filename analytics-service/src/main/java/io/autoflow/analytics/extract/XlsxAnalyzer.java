package io.autoflow.analytics.extract;

import io.autoflow.analytics.stats.TableProfiler;
import io.autoflow.analytics.stats.TableStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Reads every sheet of an XLSX workbook with Apache POI as a table: the first non-empty row is the header (a merged
 * header cell names every column it spans), numbers keep their full precision, dates become ISO text, and formulas
 * count by their cached values. POI's zip-bomb guards (inflate ratio, entry size) stay on.
 */
public final class XlsxAnalyzer {

    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    /** One table per sheet that has any data, in workbook order. */
    public List<TableStatistics> analyze(InputStream document) {
        try (Workbook workbook = WorkbookFactory.create(document)) {
            List<TableStatistics> tables = new ArrayList<>();
            for (Sheet sheet : workbook) {
                TableStatistics table = analyze(sheet);
                if (table != null) {
                    tables.add(table);
                }
            }
            if (tables.isEmpty()) {
                throw new DocumentException("empty_document", "The workbook has no data");
            }
            return tables;
        } catch (EncryptedDocumentException e) {
            throw new DocumentException("encrypted_document", "The workbook is password-protected");
        } catch (NotOfficeXmlFileException e) {
            throw new DocumentException("corrupt_document", "The file is not a readable XLSX workbook");
        } catch (IOException | RuntimeException e) {
            throw OfficeFailures.translate(e, "workbook");
        }
    }

    private static TableStatistics analyze(Sheet sheet) {
        TableProfiler table = null;
        for (Row row : sheet) {
            List<String> cells = cells(sheet, row, table == null);
            if (cells.stream().allMatch(String::isEmpty)) {
                continue;
            }
            if (table == null) {
                table = new TableProfiler(sheet.getSheetName(), cells);
            } else {
                table.add(cells);
            }
        }
        return table == null ? null : table.finish();
    }

    private static List<String> cells(Sheet sheet, Row row, boolean header) {
        List<String> values = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            values.add(text(sheet, row, c, header));
        }
        return values;
    }

    /** A cell's value as text; in the header, a cell covered by a merged region takes the region's value. */
    private static String text(Sheet sheet, Row row, int column, boolean header) {
        Cell cell = row.getCell(column);
        if ((cell == null || cell.getCellType() == CellType.BLANK) && header) {
            for (CellRangeAddress merged : sheet.getMergedRegions()) {
                if (merged.isInRange(row.getRowNum(), column)) {
                    Row first = sheet.getRow(merged.getFirstRow());
                    cell = first == null ? null : first.getCell(merged.getFirstColumn());
                }
            }
        }
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue().trim();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case NUMERIC -> number(cell);
            default -> "";
        };
    }

    private static String number(Cell cell) {
        if (DateUtil.isCellDateFormatted(cell)) {
            var dateTime = cell.getLocalDateTimeCellValue();
            return dateTime.toLocalTime().toSecondOfDay() == 0 ? dateTime.toLocalDate().format(ISO_DATE)
                    : dateTime.format(ISO_DATE_TIME);
        }
        return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
    }
}
