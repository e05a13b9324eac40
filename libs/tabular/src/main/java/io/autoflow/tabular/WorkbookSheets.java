package io.autoflow.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Streams the sheets of an XLSX workbook row by row with POI's SAX event API, so memory does not grow with rows (the
 * workbook object model would need about a hundred times the file's size). Cells come as {@link RawValueFormatter}
 * gives them (numbers in full precision, dates as ISO text, formulas by their cached values), trimmed, error values
 * blank, a gap before a cell filled with blanks; rows with nothing in them are skipped. POI's zip-bomb guards
 * (inflate ratio, entry size) stay on.
 */
public final class WorkbookSheets {

    private WorkbookSheets() {
    }

    /** What reads a workbook, sheet after sheet. */
    public interface Reader {

        /** Before the first sheet: how many there are. */
        default void begin(int sheetCount) throws IOException {
        }

        /** The reader of the next sheet, in workbook order. */
        SheetReader sheet(String name) throws IOException;
    }

    /** What reads one sheet. */
    public interface SheetReader {

        /** A row with at least one filled cell; the list is the reader's to keep. */
        void row(int rowNum, List<String> cells) throws IOException;

        /** After the last row, with the sheet's merged ranges (e.g. {@code A1:C1}), listed after its rows. */
        default void end(List<String> mergedRanges) throws IOException {
        }
    }

    /**
     * @throws TabularException {@code encrypted_document}, {@code zip_bomb_detected}, {@code document_too_complex}
     *         or {@code corrupt_document}
     *         for a file that is no readable workbook
     */
    public static void read(Path file, Reader reader) throws IOException {
        refuseEncrypted(file);
        try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader xssf = new XSSFReader(workbook);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
            int sheetCount = 0;
            for (var counting = xssf.getSheetsData(); counting.hasNext(); sheetCount++) {
                counting.next().close();
            }
            reader.begin(sheetCount);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) xssf.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    SheetReader rows = reader.sheet(sheets.getSheetName());
                    List<String> merged = new ArrayList<>();
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new MergedCellCollector(new XSSFSheetXMLHandler(xssf.getStylesTable(),
                            strings, new RowEvents(rows), new RawValueFormatter(), false), merged));
                    parser.parse(new InputSource(sheet));
                    rows.end(merged);
                }
            }
        } catch (NotOfficeXmlFileException e) {
            throw new TabularException("corrupt_document", "The file is not a readable XLSX workbook");
        } catch (EncryptedDocumentException e) {
            throw new TabularException("encrypted_document", "The workbook is password-protected");
        } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
            refuseZipBomb(e);
            throw new TabularException("corrupt_document", "The workbook cannot be read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            refuseZipBomb(e.getCause());
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            refuseZipBomb(e);
            throw e;
        }
    }

    /**
     * POI's guards stop a sheet that inflates far beyond its compressed size, and a package of more parts than any
     * workbook needs (over 1,000: a workbook of that many sheets), each with a message saying so.
     */
    private static void refuseZipBomb(Exception e) {
        if (e.getMessage() != null && e.getMessage().contains("Zip bomb")) {
            throw new TabularException("zip_bomb_detected",
                    "The workbook expands far beyond its size (possible zip bomb)");
        }
        if (e.getMessage() != null && e.getMessage().contains("more internal file entries than expected")) {
            throw new TabularException("document_too_complex", "The workbook has more parts than can be read"
                    + " (over 1,000 sheets or other parts)");
        }
    }

    /** A password-protected OOXML file is an OLE2 container holding the encrypted package. */
    private static void refuseEncrypted(Path file) {
        try (POIFSFileSystem ole2 = new POIFSFileSystem(file.toFile(), true)) {
            if (ole2.getRoot().hasEntry("EncryptionInfo")) {
                throw new TabularException("encrypted_document", "The workbook is password-protected");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof TabularException refused) {
                throw refused;
            }
            // Not an OLE2 container: an ordinary (zip) workbook or something else, which the zip reader judges.
        }
    }

    /** Gathers one row's cells from POI's events and hands the row on when it has something in it. */
    private static final class RowEvents implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final SheetReader rows;
        private final List<String> cells = new ArrayList<>();

        RowEvents(SheetReader rows) {
            this.rows = rows;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
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
            try {
                rows.row(rowNum, List.copyOf(cells));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
