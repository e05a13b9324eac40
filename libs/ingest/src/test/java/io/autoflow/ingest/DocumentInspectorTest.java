package io.autoflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentInspectorTest {

    @TempDir
    Path dir;

    @Test
    void refusesAnUploadItCannotScanUnlessToldToFailOpen() throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "a,b\n1,2\n");

        assertThatThrownBy(() -> inspector(false).inspect(csv, "a.csv"))
                .isInstanceOf(IngestException.class)
                .satisfies(e -> assertThat(((IngestException) e).code()).isEqualTo("malware_scan_unavailable"));
        assertThat(inspector(true).inspect(csv, "a.csv")).isEqualTo("text/csv");
    }

    @Test
    void judgesTheTypeByTheBytesNotTheName() throws Exception {
        Path pdf = Files.write(dir.resolve("report.csv"), "%PDF-1.7\n%âãÏÓ\n1 0 obj\n".getBytes("ISO-8859-1"));
        Path png = Files.write(dir.resolve("chart.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
                '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});

        assertThatThrownBy(() -> inspector(true).inspect(pdf, "report.csv"))
                .satisfies(e -> assertThat(((IngestException) e).code()).isEqualTo("file_type_mismatch"))
                .hasMessageContaining("application/pdf");
        assertThatThrownBy(() -> inspector(true).inspect(png, "chart.png"))
                .satisfies(e -> assertThat(((IngestException) e).code()).isEqualTo("unsupported_file_type"));
        assertThat(inspector(true).inspect(pdf, "report.pdf")).isEqualTo(DocumentInspector.PDF);
    }

    @Test
    void recognisesAWorkbookByItsPartsAndRefusesOneNamedAsCsv() throws Exception {
        byte[] book;
        try (var in = getClass().getResourceAsStream("/xlsx/Book1.xlsx")) {
            book = in.readAllBytes();
        }
        Path xlsx = Files.write(dir.resolve("book.xlsx"), book);
        Path renamed = Files.write(dir.resolve("book.csv"), book);

        assertThat(inspector(true).inspect(xlsx, "book.xlsx")).isEqualTo(DocumentInspector.XLSX);
        assertThat(inspector(true).inspect(xlsx, "no-extension")).isEqualTo(DocumentInspector.XLSX);
        assertThatThrownBy(() -> inspector(true).inspect(renamed, "book.csv"))
                .satisfies(e -> assertThat(((IngestException) e).code()).isEqualTo("file_type_mismatch"));
        Path text = Files.writeString(dir.resolve("fake.xlsx"), "a,b\n1,2\n");
        assertThatThrownBy(() -> inspector(true).inspect(text, "fake.xlsx"))
                .satisfies(e -> assertThat(((IngestException) e).code()).isEqualTo("file_type_mismatch"));
    }

    @Test
    void recognisesAWordDocumentByItsParts() throws Exception {
        byte[] docx;
        try (var in = getClass().getResourceAsStream("/docx/tbl-cell-access.docx")) {
            docx = in.readAllBytes();
        }
        Path file = Files.write(dir.resolve("tables.docx"), docx);

        assertThat(inspector(true).inspect(file, "tables.docx")).isEqualTo(DocumentInspector.DOCX);
        assertThatThrownBy(() -> inspector(true).inspect(file, "tables.xlsx"))
                .satisfies(e -> assertThat(((IngestException) e).code()).isEqualTo("file_type_mismatch"));
    }

    /** An inspector whose clamd is unreachable. */
    private static DocumentInspector inspector(boolean failOpen) {
        return new DocumentInspector(new ClamAvConfig() {
            public String host() {
                return "localhost";
            }

            public int port() {
                return 1;
            }

            public int connectTimeoutMillis() {
                return 500;
            }

            public int readTimeoutMillis() {
                return 500;
            }

            public boolean failOpen() {
                return failOpen;
            }
        });
    }
}
