package io.autoflow.transform.convert;

import io.autoflow.tabular.RawValueFormatter;
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
 * Reads every sheet of an XLSX workbook as a table, streaming each sheet's XML with POI's SAX event API (memory does
 * not grow with rows). The first non-empty row of a sheet is its header; numbers keep full precision, dates become
 * ISO text, formulas give their cached values. A sheet without data becomes a table with no columns; a filled cell
 * right of its sheet's header has no column and is counted as dropped.
 */
public final class XlsxSource {

    private XlsxSource() {
    }

    public static Counts read(Path file, TableSink sink) throws IOException {
        try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(workbook);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
            int sheetCount = 0;
            for (var counting = reader.getSheetsData(); counting.hasNext(); sheetCount++) {
                counting.next().close();
            }
            sink.begin(sheetCount);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            long rows = 0;
            long dropped = 0;
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    SheetRows handler = new SheetRows(sheets.getSheetName(), sink);
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), strings, handler,
                            new RawValueFormatter(), false));
                    parser.parse(new InputSource(sheet));
                    rows += handler.finish();
                    dropped += handler.dropped;
                }
            }
            return new Counts(sheetCount, rows, dropped);
        } catch (NotOfficeXmlFileException e) {
            throw new TransformException("corrupt_document", "The file is not a readable XLSX workbook");
        } catch (EncryptedDocumentException e) {
            throw new TransformException("encrypted_document", "The workbook is password-protected");
        } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
            throw new TransformException("corrupt_document", "The workbook cannot be read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Passes one sheet's rows on, the first non-empty one as its header. */
    private static final class SheetRows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final String name;
        private final TableSink sink;
        private final List<String> cells = new ArrayList<>();
        private List<String> header;
        private long rows;
        private long dropped;

        SheetRows(String name, TableSink sink) {
            this.name = name;
            this.sink = sink;
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
                if (header == null) {
                    header = Cells.header(cells);
                    sink.table(name, header);
                } else {
                    sink.row(Cells.fit(cells, header.size()));
                    rows++;
                    dropped += cells.stream().skip(header.size()).filter(c -> !c.isEmpty()).count();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long finish() throws IOException {
            if (header == null) {
                sink.table(name, List.of());
            }
            return rows;
        }
    }
}
