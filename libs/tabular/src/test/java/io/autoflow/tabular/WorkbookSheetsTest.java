package io.autoflow.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbookSheetsTest {

    @TempDir
    Path dir;

    @Test
    void givesEachSheetsFilledRowsAndItsMergedRanges() throws Exception {
        List<String> seen = new ArrayList<>();
        WorkbookSheets.read(copy("MergeCell.xlsx"), new WorkbookSheets.Reader() {
            @Override
            public void begin(int sheetCount) {
                seen.add("sheets " + sheetCount);
            }

            @Override
            public WorkbookSheets.SheetReader sheet(String name) {
                seen.add("sheet " + name);
                return new WorkbookSheets.SheetReader() {
                    @Override
                    public void row(int rowNum, List<String> cells) {
                        if (rowNum == 0) {
                            seen.add("header " + cells);
                        }
                    }

                    @Override
                    public void end(List<String> mergedRanges) {
                        seen.add("merged " + mergedRanges.contains("A1:B1"));
                    }
                };
            }
        });

        // A1:B1 is merged and holds "A1" (read independently with openpyxl, see resources/xlsx/README.md).
        assertThat(seen).startsWith("sheets 1", "sheet Sheet1", "header [A1, , C1, D1]").endsWith("merged true");
    }

    @Test
    void refusesEncryptedAndNonWorkbookFilesWithTheirCodes() throws Exception {
        Path encrypted = copy("encryptAES.xlsx");
        Path text = Files.writeString(dir.resolve("fake.xlsx"), "a,b\n1,2\n");

        assertThatThrownBy(() -> WorkbookSheets.read(encrypted, name -> null))
                .isInstanceOf(TabularException.class).extracting("code").isEqualTo("encrypted_document");
        assertThatThrownBy(() -> WorkbookSheets.read(text, name -> null))
                .isInstanceOf(TabularException.class).extracting("code").isEqualTo("corrupt_document");
    }

    @Test
    void stopsADecompressionBomb() throws Exception {
        // A real workbook whose first sheet inflates 1000-fold: 20 MB of whitespace after the sheet's XML.
        Path bomb = dir.resolve("bomb.xlsx");
        try (var source = new ZipInputStream(getClass().getResourceAsStream("/xlsx/Book1.xlsx"));
                var target = new ZipOutputStream(Files.newOutputStream(bomb))) {
            for (var entry = source.getNextEntry(); entry != null; entry = source.getNextEntry()) {
                target.putNextEntry(new ZipEntry(entry.getName()));
                target.write(source.readAllBytes());
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    byte[] spaces = new byte[1 << 20];
                    Arrays.fill(spaces, (byte) ' ');
                    for (int i = 0; i < 20; i++) {
                        target.write(spaces);
                    }
                }
                target.closeEntry();
            }
        }

        assertThatThrownBy(() -> WorkbookSheets.read(bomb, name -> (rowNum, cells) -> { }))
                .isInstanceOf(TabularException.class).extracting("code").isEqualTo("zip_bomb_detected");
    }

    private Path copy(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/xlsx/" + name)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }
}
