#!/usr/bin/env bash
# JMH benchmarks: the analytics engine on a generated 10 MB CSV and 10 MB XLSX (heap capped at 512 MB), the charts
# of a small table (ChartRendering), and the conversation service's offline parser per message.
#   bench/jmh.sh [JMH options, e.g. -wi 1 -i 3 csv10Mb, or OfflineParser]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -B -q -pl bench/jmh -am package -DskipTests
MODULE=bench/jmh/target
exec java -cp "$MODULE/classes:$(cat "$MODULE/classpath.txt")" org.openjdk.jmh.Main "$@"
