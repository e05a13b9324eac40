package io.autoflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoflow.ingest.ClamAvScanner.ScannerUnavailableException;
import io.autoflow.testsupport.Eicar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Against the real clamd that ./autoflow test starts on port 3310 with its local signatures. */
class ClamAvScannerTest {

    private final ClamAvScanner scanner = new ClamAvScanner("localhost", 3310, 2000, 30000);

    @Test
    void aCleanFileIsClean() throws Exception {
        var verdict = scanner.scan(new ByteArrayInputStream("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(verdict.clean()).isTrue();
    }

    @Test
    void findsTheTestVirusAloneInsideOtherContentAndInsideAnArchive() throws Exception {
        assertThat(scanner.scan(new ByteArrayInputStream(Eicar.bytes())).clean()).isFalse();

        byte[] csv = concat("name,value\nx,1\n".getBytes(StandardCharsets.UTF_8), Eicar.bytes());
        ClamAvScanner.Verdict inCsv = scanner.scan(new ByteArrayInputStream(csv));
        assertThat(inCsv.clean()).isFalse();
        assertThat(inCsv.signature()).containsIgnoringCase("eicar");

        assertThat(scanner.scan(new ByteArrayInputStream(zipOf("sheet.xml", csv))).clean()).isFalse();
    }

    @Test
    void aLargeCleanStreamIsScannedInChunks() throws Exception {
        byte[] big = "1,2,3\n".repeat(500_000).getBytes(StandardCharsets.UTF_8);

        assertThat(scanner.scan(new ByteArrayInputStream(big)).clean()).isTrue();
    }

    @Test
    void anUnreachableScannerIsReportedAsSuch() {
        ClamAvScanner nowhere = new ClamAvScanner("localhost", 1, 500, 500);

        assertThatThrownBy(() -> nowhere.scan(new ByteArrayInputStream(new byte[] {1})))
                .isInstanceOf(ScannerUnavailableException.class).hasMessageContaining("unreachable");
    }

    @Test
    void aReplyWithoutAVerdictIsNotTakenAsClean() throws Exception {
        assertThatThrownBy(() -> ClamAvScanner.verdict("INSTREAM size limit exceeded. ERROR"))
                .isInstanceOf(ScannerUnavailableException.class);
        assertThat(ClamAvScanner.verdict("stream: OK").clean()).isTrue();
        assertThat(ClamAvScanner.verdict("stream: Eicar-Signature FOUND").signature()).isEqualTo("Eicar-Signature");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] zipOf(String name, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
