#!/usr/bin/env bash
# Expected outputs of the data operations (issue 18), computed with pandas: expected.sh <outdir>
#
# Real CSVs come from npm's vega-datasets@3.2.1 (BSD-3-Clause), installed into <outdir>/npm at test time (never
# copied into the repository); pandas from Debian's python3-pandas for /usr/bin/python3 (PyPI is not used). Whatever
# is missing is installed here (apt-get as root or with sudo, npm), so a fresh machine works; when it cannot be, the
# script fails, it never skips. Then expected.py applies every case of cases.json and writes <outdir>/expected/<case>.csv.
# The last line printed is `datasets=<dir of the CSVs>` (PandasConformanceTest reads it).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VEGA_VERSION=3.2.1
PYTHON=/usr/bin/python3

fail() { printf 'expected.sh: %s\n' "$*" >&2; exit 1; }
say() { printf 'expected.sh: %s\n' "$*"; }
as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1; fi
}
apt_install() {
  command -v apt-get >/dev/null || fail "cannot install $* (no apt-get): install it by hand"
  as_root true 2>/dev/null || fail "cannot install $* (not root and no sudo): install it by hand (apt-get install $*)"
  say "installing $* (apt-get)"
  local log
  log=$(mktemp)
  as_root apt-get update -qq >"$log" 2>&1 || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >>"$log" 2>&1 \
    || fail "apt-get install $* failed: $(tail -5 "$log")"
  rm -f "$log"
}

[[ $# -eq 1 ]] || fail "usage: expected.sh <outdir>"
mkdir -p "$1"
OUT="$(cd "$1" && pwd)"

# pandas, from Debian, for the system Python (a pyenv python3 on PATH usually lacks it).
if ! [[ -x $PYTHON ]] || ! "$PYTHON" -c 'import pandas' 2>/dev/null; then
  apt_install python3-pandas
  "$PYTHON" -c 'import pandas' || fail "python3-pandas installed but $PYTHON cannot import pandas"
fi

# The datasets, from npm.
command -v npm >/dev/null || apt_install nodejs npm
command -v npm >/dev/null || fail "npm not found after installing nodejs and npm"
PKG="$OUT/npm/node_modules/vega-datasets"
installed=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$PKG/package.json" \
  2>/dev/null || true)
if [[ $installed != "$VEGA_VERSION" ]]; then
  say "installing vega-datasets@$VEGA_VERSION (npm) into $OUT/npm"
  log=$(mktemp)
  npm install --prefix "$OUT/npm" --ignore-scripts --no-audit --no-fund --no-save "vega-datasets@$VEGA_VERSION" \
    >"$log" 2>&1 || fail "npm install vega-datasets@$VEGA_VERSION failed: $(tail -5 "$log")"
  rm -f "$log"
fi
DATA="$PKG/data"
for f in $("$PYTHON" -c '
import json, sys
cases = json.load(open(sys.argv[1]))
print("\n".join(sorted({c["input"] for c in cases} | {f for c in cases for f in (c.get("inputs") or {}).values()})))
' "$HERE/cases.json"); do
  [[ -s $DATA/$f ]] || fail "dataset $f missing from $DATA"
done

rm -rf "$OUT/expected"
"$PYTHON" "$HERE/expected.py" --cases "$HERE/cases.json" --data "$DATA" --out "$OUT/expected"
echo "datasets=$DATA"
