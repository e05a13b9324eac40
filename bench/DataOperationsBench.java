import io.autoflow.events.CodedException;
import io.autoflow.events.data.AggregateFunction;
import io.autoflow.events.data.DataOperation;
import io.autoflow.transform.convert.CsvSource;
import io.autoflow.transform.convert.TableSink;
import io.autoflow.transform.operate.OperationReport;
import io.autoflow.transform.operate.Operations;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The data-operations benchmark of bench/data-operations.sh (issue 18): generates the sales CSV, or runs one case
 * through {@link Operations#applyToCsv} and prints one line of key=value results. Compiled by the script against
 * transform-service's classes and runtime classpath, outside the repository; not part of the Maven build.
 *
 * <pre>
 *   generate FILE BYTES SEED
 *   run CASE CSV OUT_CSV TMP_DIR      (CASE: read_only, group_by, group_by_no_distinct, chain, sort, deduplicate)
 * </pre>
 */
public final class DataOperationsBench {

    private static final String[] REGIONS = {"EU", "NA", "LATAM", "APAC", "MEA", "UK", "ANZ", "JP"};
    private static final int PRODUCTS = 200;
    private static final int CUSTOMERS = 100_000;
    private static final String[] NOTES = {"standard delivery", "gift wrap", "express", "backorder",
            "called twice, no answer", "left at \"reception\"", "invoice to HQ, ref 1142", "fragile",
            "partial shipment, rest \"next week\"", "repeat order"};

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]));
            case "run" -> run(args[1], Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** Rows until the file reaches the size, streaming; the same seed gives the same bytes. */
    static void generate(Path file, long bytes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[] basePrice = new double[PRODUCTS];
        for (int i = 0; i < PRODUCTS; i++) {
            basePrice[i] = 2 + random.nextDouble() * 400;
        }
        LocalDate start = LocalDate.of(2024, 1, 1);
        String[] dates = new String[731];
        for (int i = 0; i < dates.length; i++) {
            dates[i] = start.plusDays(i).toString();
        }
        long written = 0;
        long rows = 0;
        StringBuilder line = new StringBuilder(256);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            byte[] header = "order_date,region,product,customer_id,quantity,unit_price,note\n"
                    .getBytes(StandardCharsets.UTF_8);
            out.write(header);
            written += header.length;
            while (written < bytes) {
                line.setLength(0);
                int product = random.nextInt(PRODUCTS);
                line.append(dates[random.nextInt(dates.length)]).append(',')
                        .append(REGIONS[random.nextInt(REGIONS.length)]).append(',')
                        .append(String.format("P-%04d", product + 1)).append(',')
                        .append(100_001 + random.nextInt(CUSTOMERS)).append(',')
                        .append(1 + random.nextInt(20)).append(',');
                long cents = Math.round(basePrice[product] * (0.9 + random.nextDouble() * 0.2) * 100);
                line.append(cents / 100).append('.').append(cents % 100 < 10 ? "0" : "").append(cents % 100)
                        .append(',');
                int note = random.nextInt(100);
                if (note >= 40) { // 60 % filled, some with commas and quotes
                    String text = NOTES[note % NOTES.length];
                    if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0) {
                        line.append('"').append(text.replace("\"", "\"\"")).append('"');
                    } else {
                        line.append(text);
                    }
                }
                line.append('\n');
                byte[] row = line.toString().getBytes(StandardCharsets.UTF_8);
                out.write(row);
                written += row.length;
                rows++;
            }
        }
        System.out.println("rows=" + rows + " bytes=" + written);
    }

    static List<DataOperation> operations(String name) {
        var count = new DataOperation.Aggregate(AggregateFunction.COUNT, null, "orders");
        var quantity = new DataOperation.Aggregate(AggregateFunction.SUM, "quantity", "quantity");
        var price = new DataOperation.Aggregate(AggregateFunction.MEAN, "unit_price", "mean_unit_price");
        var customers = new DataOperation.Aggregate(AggregateFunction.DISTINCT_COUNT, "customer_id", "customers");
        return switch (name) {
            case "group_by" -> List.of(new DataOperation.GroupBy(List.of("region", "product"),
                    List.of(count, quantity, price, customers)));
            case "group_by_no_distinct" -> List.of(new DataOperation.GroupBy(List.of("region", "product"),
                    List.of(count, quantity, price)));
            case "chain" -> List.of(
                    new DataOperation.Filter("quantity > 5 and region = 'EU'"),
                    new DataOperation.Derive("revenue", "quantity * unit_price"),
                    new DataOperation.GroupBy(List.of("product"),
                            List.of(new DataOperation.Aggregate(AggregateFunction.SUM, "revenue", "revenue"))),
                    new DataOperation.Sort(List.of(new DataOperation.SortKey("revenue", true))));
            case "sort" -> List.of(new DataOperation.Sort(List.of(new DataOperation.SortKey("customer_id", false),
                    new DataOperation.SortKey("order_date", false))));
            case "deduplicate" -> List.of(new DataOperation.Deduplicate(List.of("customer_id")));
            case "read_only" -> null; // the baseline: CsvSource reads the file as applyToCsv does, no operations
            default -> throw new IllegalArgumentException("unknown case " + name);
        };
    }

    static void run(String name, Path csv, Path outCsv, Path tmp) throws Exception {
        List<DataOperation> operations = operations(name);
        AtomicLong peakTmp = new AtomicLong();
        Thread watcher = new Thread(() -> {
            while (true) {
                peakTmp.accumulateAndGet(sizeOf(tmp), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        String outcome = "ok";
        long rowsWritten = -1;
        long start = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(outCsv), 1 << 16)) {
            if (operations == null) {
                rowsWritten = readOnly(csv);
            } else {
                OperationReport report = Operations.applyToCsv(csv, operations, Map.of(), out);
                rowsWritten = report.rowsWritten();
            }
        } catch (CodedException e) {
            outcome = e.code();
            System.out.println("message=" + e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            outcome = e.getClass().getSimpleName();
            System.out.println("message=" + e);
        }
        long elapsed = System.nanoTime() - start;
        watcher.interrupt();
        watcher.join();
        peakTmp.accumulateAndGet(sizeOf(tmp), Math::max);
        long heapPeak = 0;
        long oldPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
                if (pool.getName().contains("Tenured") || pool.getName().contains("Old")) {
                    oldPeak = pool.getPeakUsage().getUsed();
                }
            }
        }
        StringBuilder line = new StringBuilder();
        line.append("case=").append(name)
                .append(" seconds=").append(String.format("%.2f", elapsed / 1e9))
                .append(" rows_written=").append(rowsWritten)
                .append(" out_bytes=").append(Files.exists(outCsv) ? Files.size(outCsv) : 0)
                .append(" peak_tmp_bytes=").append(peakTmp.get())
                .append(" old_gen_peak_bytes=").append(oldPeak)
                .append(" heap_pools_peak_bytes=").append(heapPeak)
                .append(" vm_hwm_kb=").append(status("VmHWM"))
                .append(" outcome=").append(outcome);
        System.out.println(line);
    }

    /** Reads the CSV as {@link Operations#applyToCsv} does (charset pass, then parsing), counting the rows. */
    static long readOnly(Path csv) throws IOException {
        long[] rows = new long[1];
        Supplier<InputStream> opener = () -> {
            try {
                return Files.newInputStream(csv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        CsvSource.read(csv.getFileName().toString(), opener, new TableSink() {
            @Override
            public void begin(int tables) {
            }

            @Override
            public void table(String name, List<String> header) {
            }

            @Override
            public void row(List<String> cells) {
                rows[0]++;
            }

            @Override
            public void close() {
            }
        });
        return rows[0];
    }

    private static long sizeOf(Path dir) {
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                try {
                    total += Files.size(file);
                } catch (IOException gone) {
                    // removed while we looked
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    /** A field of /proc/self/status, in kB. */
    private static String status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).replace("kB", "").strip();
            }
        }
        return "?";
    }
}
