#!/usr/bin/env bash
# JMH benchmark of the analytics engine on a generated 10 MB CSV and 10 MB XLSX (heap capped at 512 MB).
#   bench/engine.sh [JMH options, e.g. -wi 1 -i 3 csv10Mb]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -B -q -pl bench/analytics-jmh -am package -DskipTests
MODULE=bench/analytics-jmh/target
exec java -cp "$MODULE/classes:$(cat "$MODULE/classpath.txt")" org.openjdk.jmh.Main "$@"
