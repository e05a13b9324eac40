package io.autoflow.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private Path copy(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/xlsx/" + name)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }
}
