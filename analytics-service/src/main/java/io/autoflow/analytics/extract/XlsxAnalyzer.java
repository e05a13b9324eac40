package io.autoflow.analytics.extract;

import io.autoflow.analytics.stats.TableProfiler;
import io.autoflow.tabular.RawValueFormatter;
import io.autoflow.analytics.stats.TableStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads every sheet of an XLSX workbook as a table, streaming each sheet's XML with POI's SAX event API so that
 * memory does not grow with the number of rows (the workbook object model would need about a hundred times the
 * file's size). The first non-empty row is the header (a merged header cell names every column it spans), numbers
 * keep their full precision, dates become ISO text, and formulas count by their cached values. POI's zip-bomb guards
 * (inflate ratio, entry size) stay on.
 */
public final class XlsxAnalyzer {

    /** One table per sheet that has any data, in workbook order. */
    public List<TableStatistics> analyze(InputStream document) {
        // A zip is read by its central directory at the end: spooled to a file, entries stream from disk.
        try (SpooledFile file = SpooledFile.of(document, ".xlsx")) {
            return analyze(file.path());
        } catch (IOException e) {
            throw OfficeFailures.translate(e, "workbook");
        }
    }

    private List<TableStatistics> analyze(Path file) {
        refuseEncrypted(file);
        try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(workbook);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            List<TableStatistics> tables = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    SheetReader rows = new SheetReader(sheets.getSheetName());
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(rows.mergedCellsTo(new XSSFSheetXMLHandler(reader.getStylesTable(),
                            strings, rows, new RawValueFormatter(), false)));
                    parser.parse(new InputSource(sheet));
                    TableStatistics table = rows.finish();
                    if (table != null) {
                        tables.add(table);
                    }
                }
            }
            if (tables.isEmpty()) {
                throw new DocumentException("empty_document", "The workbook has no data");
            }
            return tables;
        } catch (NotOfficeXmlFileException e) {
            throw new DocumentException("corrupt_document", "The file is not a readable XLSX workbook");
        } catch (EncryptedDocumentException e) {
            throw new DocumentException("encrypted_document", "The workbook is password-protected");
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException
                | RuntimeException e) {
            throw OfficeFailures.translate(e, "workbook");
        }
    }

    /** A password-protected OOXML file is an OLE2 container holding the encrypted package. */
    private static void refuseEncrypted(Path file) {
        try (POIFSFileSystem ole2 = new POIFSFileSystem(file.toFile(), true)) {
            if (ole2.getRoot().hasEntry("EncryptionInfo")) {
                throw new DocumentException("encrypted_document", "The workbook is password-protected");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DocumentException documentException) {
                throw documentException;
            }
            // Not an OLE2 container: an ordinary (zip) workbook or something else, which the zip reader judges.
        }
    }

    /** Turns one sheet's row events into a profiled table. */
    private static final class SheetReader implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final String name;
        private final List<String> cells = new ArrayList<>();
        private final List<String> mergedRanges = new ArrayList<>();
        private TableProfiler table;
        private int headerRow = -1;
        private List<String> header;

        SheetReader(String name) {
            this.name = name;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size()
                    : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(RawValueFormatter.isError(value) ? "" : value.trim());
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().allMatch(String::isEmpty)) {
                return;
            }
            if (table == null) {
                headerRow = rowNum;
                header = List.copyOf(cells);
                table = new TableProfiler(name, header);
            } else {
                table.add(List.copyOf(cells));
            }
        }

        /** Wraps the sheet handler to also collect merged ranges, which the sheet's XML lists after its rows. */
        ContentHandler mergedCellsTo(XSSFSheetXMLHandler handler) {
            return new MergedCellCollector(handler, mergedRanges);
        }

        TableStatistics finish() {
            if (table == null) {
                return null;
            }
            for (String range : mergedRanges) {
                CellRangeAddress merged = CellRangeAddress.valueOf(range);
                if (merged.getFirstRow() == headerRow && merged.getFirstColumn() < header.size()) {
                    String value = header.get(merged.getFirstColumn());
                    for (int c = merged.getFirstColumn() + 1; c <= merged.getLastColumn() && c < table.width(); c++) {
                        table.nameBlankColumn(c, value);
                    }
                }
            }
            return table.finish();
        }
    }
}
