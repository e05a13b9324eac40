package io.autoflow.transform.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.autoflow.events.CodedException;
import io.autoflow.events.EventJson;
import io.autoflow.events.data.DataOperation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations' meaning on small tables a person can check by eye (pandas conformance: PandasConformanceTest). */
class OperationsTest {

    private static final String SALES = """
            region,product,revenue,units,day
            EU,apples,10.5,3,2026-03-02
            US,pears,7,1,2026-03-02
            EU,pears,,2,2026-03-03
            EU,apples,4.5,1,2026-03-04
            APAC,kiwis,12,NA,2026-03-04
            US,apples,3,2,2026-03-05
            """;

    @TempDir
    Path dir;

    @Test
    void theMondayChainKeepsEuRowsAndTotalsRevenueByProduct() throws IOException {
        String out = apply(SALES, """
                [{"op": "filter", "where": "region = 'EU'"},
                 {"op": "group_by", "by": ["product"], "aggregates": [
                   {"function": "sum", "column": "revenue", "as": "revenue"},
                   {"function": "count"}, {"function": "mean", "column": "units"}]},
                 {"op": "sort", "by": [{"column": "revenue", "descending": true}]}]""");
        assertThat(out).isEqualTo("""
                product,revenue,count,mean_units\r
                apples,15,2,2\r
                pears,0,1,2\r
                """);
    }

    @Test
    void deriveCastSortAndLimit() throws IOException {
        String out = apply(SALES, """
                [{"op": "derive", "column": "price", "expression": "revenue / units"},
                 {"op": "cast", "columns": {"units": "integer", "day": "date"}},
                 {"op": "sort", "by": [{"column": "price"}]},
                 {"op": "select", "columns": ["product", "price", "units"]},
                 {"op": "limit", "rows": 3}]""");
        // Sorted as numbers (1.5 before 3.5 before 4.5), rows without a price last.
        assertThat(out).isEqualTo("""
                product,price,units\r
                apples,1.5,2\r
                apples,3.5,3\r
                apples,4.5,1\r
                """);
    }

    @Test
    void aColumnWithTextSortsAsTextAndMissingCellsGoLastInBothDirections() throws IOException {
        String csv = "id,code\n1,10\n2,9\n3,\n4,x1\n";
        assertThat(apply(csv, "[{\"op\": \"sort\", \"by\": [{\"column\": \"code\"}]}]"))
                .isEqualTo("id,code\r\n1,10\r\n2,9\r\n4,x1\r\n3,\r\n");
        assertThat(apply("id,n\n1,10\n2,9\n3,\n4,100\n",
                "[{\"op\": \"sort\", \"by\": [{\"column\": \"n\", \"descending\": true}]}]"))
                .isEqualTo("id,n\r\n4,100\r\n1,10\r\n2,9\r\n3,\r\n");
    }

    @Test
    void deduplicateKeepsTheFirstRowOfEachKeyInTheRowsOrder() throws IOException {
        String out = apply(SALES, """
                [{"op": "deduplicate", "columns": ["product"]}, {"op": "select", "columns": ["region", "product"]}]""");
        assertThat(out).isEqualTo("region,product\r\nEU,apples\r\nUS,pears\r\nAPAC,kiwis\r\n");
    }

    @Test
    void pivotAndUnpivot() throws IOException {
        String pivoted = apply(SALES, """
                [{"op": "pivot", "index": ["product"], "columns": "region", "values": "units", "function": "sum"}]""");
        assertThat(pivoted).isEqualTo("""
                product,APAC,EU,US\r
                apples,,4,2\r
                kiwis,0,,\r
                pears,,2,1\r
                """);
        String unpivoted = apply("id,a,b\n1,x,y\n2,z,\n", """
                [{"op": "unpivot", "keep": ["id"], "columns": ["a", "b"], "variable": "letter", "value": "cell"}]""");
        assertThat(unpivoted).isEqualTo("id,letter,cell\r\n1,a,x\r\n2,a,z\r\n1,b,y\r\n2,b,\r\n");
    }

    @Test
    void joinKeepsThisTablesOrderAndSuffixesSharedColumns() throws IOException {
        Path regions = dir.resolve("regions.csv");
        Files.writeString(regions, "region,name,units\nEU,Europe,x\nUS,United States,y\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Operations.applyToCsv(write(SALES), operations("""
                [{"op": "join", "with": "regions", "on": ["region"], "how": "left"},
                 {"op": "select", "columns": ["region", "name", "units_x", "units_y"]}]"""),
                Map.of("regions", regions), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                region,name,units_x,units_y\r
                EU,Europe,3,x\r
                US,United States,1,y\r
                EU,Europe,2,x\r
                EU,Europe,1,x\r
                APAC,,NA,\r
                US,United States,2,y\r
                """);
    }

    @Test
    void distinctCountsAreExactPastWhatMemoryHolds() throws IOException {
        // 800 groups × 700 customers, each row twice: 560,000 distinct pairs, more than the 32 MB a group-by holds
        // (a set of values per group refused this with too_many_groups); the values spill to disk, the counts exact.
        StringBuilder csv = new StringBuilder("region,customer\n");
        for (int copy = 0; copy < 2; copy++) {
            for (int customer = 0; customer < 700; customer++) {
                for (int region = 0; region < 800; region++) {
                    csv.append('r').append(region).append(",c").append(customer * 7919 % 100_000).append('\n');
                }
            }
        }
        csv.append("r0,\nr0,NA\n"); // missing: not a value
        String out = apply(csv.toString(), """
                [{"op": "group_by", "by": ["region"], "aggregates": [
                   {"function": "distinct_count", "column": "customer", "as": "customers"},
                   {"function": "count", "column": "customer", "as": "count"}]}]""");
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(801).first().isEqualTo("region,customers,count");
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).endsWith(",700,1400"));
    }

    @Test
    void whatCannotRunIsRefusedWithItsCode() {
        assertThat(failure(SALES, "[{\"op\": \"select\", \"columns\": [\"revenu\"]}]")).isEqualTo("unknown_column");
        assertThat(failure("a,b\n1,x\n", """
                [{"op": "group_by", "by": ["a"], "aggregates": [{"function": "sum", "column": "b"}]}]"""))
                .isEqualTo("not_numeric");
        assertThat(failure(SALES, "[{\"op\": \"filter\", \"where\": \"revenue >\"}]")).isEqualTo("invalid_expression");
        assertThat(failure(SALES, "[{\"op\": \"join\", \"with\": \"nothing\", \"on\": [\"region\"]}]"))
                .isEqualTo("join_input_missing");
        assertThat(failure(SALES, "[{\"op\": \"rename\", \"columns\": {\"units\": \"revenue\"}}]"))
                .isEqualTo("duplicate_column");
    }

    @Test
    void aCastSaysHowManyCellsItCouldNotRead() throws IOException {
        OperationReport report = Operations.applyToCsv(write("n\n1\nabc\n2.5\nNA\n"),
                operations("[{\"op\": \"cast\", \"columns\": {\"n\": \"integer\"}}]"), Map.of(),
                new ByteArrayOutputStream());
        assertThat(report.notes()).containsExactly("2 cells of 'n' could not be read as integer and were left empty.");
        assertThat(report.rowsWritten()).isEqualTo(4);
    }

    private String failure(String csv, String operations) {
        return ((CodedException) org.assertj.core.api.Assertions.catchThrowable(() -> apply(csv, operations))).code();
    }

    private String apply(String csv, String operations) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Operations.applyToCsv(write(csv), operations(operations), Map.of(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path write(String csv) throws IOException {
        Path file = Files.createTempFile(dir, "table", ".csv");
        Files.writeString(file, csv);
        return file;
    }

    static List<DataOperation> operations(String json) throws IOException {
        return EventJson.mapper().readValue(json, new TypeReference<List<DataOperation>>() {
        });
    }
}
