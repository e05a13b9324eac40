#!/usr/bin/env bash
# Data operations (issue 18) over a big CSV, each case in a fresh JVM with transform-service's memory settings, through
# io.autoflow.transform.operate.Operations.applyToCsv (what the service runs, minus Kafka and the blob store):
#   read_only             the baseline: the CSV read as applyToCsv reads it (a charset pass, then parsing), nothing else
#   group_by              region + product: count, sum of quantity, mean of unit_price, distinct_count of customer_id
#   group_by_no_distinct  the same without distinct_count
#   chain                 filter (quantity > 5 and region = 'EU') -> derive revenue = quantity * unit_price
#                         -> group_by product, sum of revenue -> sort by revenue, descending
#   sort                  the whole file by customer_id, then order_date (external sort: spills to temporary files)
#   deduplicate           the first row of each customer_id
# Rows/s and MB/s are of the input (10.6 million rows, 500 MiB by default); a case that fails shows its code.
# For each: wall time of the operations, rows/s and MB/s of input, the JVM's peak RSS (/usr/bin/time -v, and VmHWM
# read by the JVM itself at the end), the old generation's peak, and the peak size of its temporary files.
#
#   bench/data-operations.sh [SIZE_MB] [CASE...]        defaults: 500, all six cases
# Env: SEED (42), WORK (/tmp/autoflow-bench: the CSV, classes, outputs; nothing is written into the repository),
#      JVM_OPTS (transform-service's: -Xms64m -Xmx256m -XX:+UseSerialGC, as ./autoflow and
#      k8s/base/services/transform.yaml run it), SKIP_BUILD=1 (use the classes compiled last time),
#      KEEP_OUTPUT=1 (keep each case's result CSV).
# Maven and each measured run hold /tmp/autoflow-maven.lock, so builds by others on this machine do not compete.
# The CSV is generated once per size and seed (streaming, deterministic) and reused.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_MB="${1:-500}"
shift || true
CASES=("$@")
[[ ${#CASES[@]} -gt 0 ]] || CASES=(read_only group_by group_by_no_distinct chain sort deduplicate)
SEED="${SEED:-42}"
WORK="${WORK:-/tmp/autoflow-bench}"
JVM_OPTS="${JVM_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC}"
LOCK=/tmp/autoflow-maven.lock
mkdir -p "$WORK"

# 1. transform-service's classes (copied, so a rebuild by someone else does not change them under a run) and its
#    runtime classpath; the benchmark class compiled next to them.
if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$WORK/classpath.txt" ]]; then
  (cd "$ROOT" && flock "$LOCK" ./mvnw -B -o -q -pl transform-service compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/classpath.txt" -DincludeScope=runtime)
  rm -rf "$WORK/transform-classes" "$WORK/classes"
  cp -r "$ROOT/transform-service/target/classes" "$WORK/transform-classes"
  CP="$WORK/transform-classes:$(cat "$WORK/classpath.txt")"
  javac -nowarn -d "$WORK/classes" -cp "$CP" "$ROOT/bench/DataOperationsBench.java"
fi
CP="$WORK/classes:$WORK/transform-classes:$(cat "$WORK/classpath.txt")"

# 2. The CSV: ~SIZE_MB MiB of sales rows, generated once per size and seed.
CSV="$WORK/sales-${SIZE_MB}mb-seed${SEED}.csv"
MARK="$CSV.done"
if [[ ! -f "$MARK" || "$(stat -c %s "$CSV" 2>/dev/null || echo 0)" != "$(sed -n 's/.*bytes=\([0-9]*\).*/\1/p' "$MARK")" ]]; then
  echo "generating $CSV ..." >&2
  rm -f "$CSV" "$MARK"
  flock "$LOCK" java -Xmx64m -cp "$CP" DataOperationsBench generate "$CSV" $((SIZE_MB * 1024 * 1024)) "$SEED" \
    >"$MARK.tmp"
  mv "$MARK.tmp" "$MARK"
fi
ROWS="$(sed -n 's/.*rows=\([0-9]*\).*/\1/p' "$MARK")"
BYTES="$(sed -n 's/.*bytes=\([0-9]*\).*/\1/p' "$MARK")"
echo "input: $CSV, $ROWS rows, $BYTES bytes; JVM: $JVM_OPTS; $(nproc) cores" >&2

# 3. Each case in a fresh JVM, its temporary files in a directory of its own.
RESULTS=()
for CASE in "${CASES[@]}"; do
  TMP="$WORK/tmp-$CASE"
  rm -rf "$TMP" && mkdir -p "$TMP"
  OUT="$WORK/out-$CASE.csv"
  echo "running $CASE ..." >&2
  flock "$LOCK" /usr/bin/time -v -o "$WORK/time-$CASE.txt" java $JVM_OPTS -Djava.io.tmpdir="$TMP" -cp "$CP" \
    DataOperationsBench run "$CASE" "$CSV" "$OUT" "$TMP" >"$WORK/result-$CASE.txt" || true
  LINE="$(grep '^case=' "$WORK/result-$CASE.txt" || echo "case=$CASE outcome=jvm_failed(see_$WORK/time-$CASE.txt)")"
  grep '^message=' "$WORK/result-$CASE.txt" | sed 's/^/  /' >&2 || true
  RSS_KB="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time-$CASE.txt")"
  WALL="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time-$CASE.txt")"
  RESULTS+=("$LINE rss_kb=${RSS_KB:-?} jvm_wall=${WALL:-?}")
  echo "  $LINE rss_kb=${RSS_KB:-?} jvm_wall=${WALL:-?}" >&2
  [[ "${KEEP_OUTPUT:-}" == 1 ]] || rm -f "$OUT"
  rm -rf "$TMP"
done

# 4. The table.
printf '%s\n' "${RESULTS[@]}" | ROWS="$ROWS" BYTES="$BYTES" python3 -c '
import os, sys
rows, size = int(os.environ["ROWS"]), int(os.environ["BYTES"])
print("| case | time (s) | rows/s | MiB/s | rows out | peak RSS (MiB) | old gen peak (MiB) | peak temp files (MiB) | outcome |")
print("|---|---|---|---|---|---|---|---|---|")
for line in sys.stdin:
    f = dict(p.split("=", 1) for p in line.split() if "=" in p)
    s = float(f.get("seconds", "nan"))
    mb = lambda k: "%.0f" % (int(f[k]) / 1048576) if f.get(k, "?").isdigit() else "?"
    rss = "%.0f" % (int(f["rss_kb"]) / 1024) if f.get("rss_kb", "?").isdigit() else "?"
    ok = f.get("outcome") == "ok"
    print("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (f["case"],
          ("%.1f" if ok else "failed after %.1f") % s,
          "{:,.0f}".format(rows / s) if ok else "-", "%.1f" % (size / 1048576 / s) if ok else "-",
          "{:,}".format(int(f["rows_written"])) if ok else "-", rss, mb("old_gen_peak_bytes"),
          mb("peak_tmp_bytes"), f.get("outcome", "?")))
'
