#!/usr/bin/env bash
# Check that `pipx install .` gives a working collabfacil command, in a scratch
# PIPX_HOME (nothing of the user's pipx is touched). Needs pipx (apt-get install
# pipx, or pip install pipx).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
export PIPX_HOME="$SCRATCH/pipx" PIPX_BIN_DIR="$SCRATCH/bin" PIPX_MAN_DIR="$SCRATCH/man"
pipx install "$ROOT" > "$SCRATCH/pipx.log" 2>&1 || { cat "$SCRATCH/pipx.log" >&2; exit 1; }
COLLABFACIL="$PIPX_BIN_DIR/collabfacil"
run() { env -i HOME="$SCRATCH/home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"; }
run "$COLLABFACIL" --version
count=$(run "$COLLABFACIL" exercises --json | grep -c '"key": "E[0-9]*"')
[ "$count" -eq 14 ] || { echo "check_pipx.sh: $count exercises, not 14" >&2; exit 1; }
echo "ok: exercises --json lists 14 exercises"
run QT_QPA_PLATFORM=offscreen "$COLLABFACIL" --db "$SCRATCH/w.db" --exit-after-startup 2>/dev/null
echo "ok: --exit-after-startup"
echo "check_pipx.sh: pipx install . works"
