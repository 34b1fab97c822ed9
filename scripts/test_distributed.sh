#!/usr/bin/env bash
# Runs the multi-process tests of mx.distributed under Open MPI's mpirun, with 2 and
# 3 processes (3 for uneven splits): tests/distributed (pytest on every rank), the
# timeout check, and the distributed example against single-process training.
# Uses the installed mxgraph, or the build named by MXGRAPH_DEV_BUILD. Exits non-zero
# on any failure; exits 0 with a note when mpirun is missing.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
if ! command -v mpirun >/dev/null 2>&1; then
  echo "test_distributed: mpirun not found (apt-get install openmpi-bin libopenmpi-dev); skipped."
  exit 0
fi
MPIRUN=(mpirun --oversubscribe)
if [ "$(id -u)" -eq 0 ]; then MPIRUN+=(--allow-run-as-root); fi
if [ -n "${MXGRAPH_DEV_BUILD:-}" ]; then
  MXGRAPH_DEV_BUILD="$(cd "$MXGRAPH_DEV_BUILD" && pwd)"
  export MXGRAPH_DEV_BUILD PYTHONPATH="$ROOT/bindings/python${PYTHONPATH:+:$PYTHONPATH}"
fi
# A hang becomes a failure: collectives give up after this many seconds.
export MXGRAPH_DIST_TIMEOUT="${MXGRAPH_DIST_TIMEOUT:-120}"
export OMPI_MCA_btl_vader_single_copy_mechanism=none  # containers often forbid CMA
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"

status=0
fail() { echo "== FAILED: $*" >&2; status=1; }
for n in 2 3; do
  echo "== mpirun -np $n: pytest tests/distributed"
  "${MPIRUN[@]}" -np "$n" "$PYTHON" -m pytest -q -p no:cacheprovider \
      --rootdir "$ROOT/tests/distributed" "$ROOT/tests/distributed" "$@" || fail "pytest, np $n"

  echo "== mpirun -np $n: the timeout error"
  # Each rank writes its verdict to its own file: mpirun may join ranks' lines on stdout.
  verdicts="$scratch/timeout-np$n"
  mkdir -p "$verdicts"
  "${MPIRUN[@]}" -np "$n" "$PYTHON" "$ROOT/tests/distributed/check_timeout.py" "$verdicts" 2>&1
  for ((r = 0; r < n; r++)); do
    grep -q '^OK rank' "$verdicts/rank$r.txt" 2>/dev/null || fail "timeout check, np $n, rank $r"
  done

  echo "== mpirun -np $n: the distributed example against one process"
  "$PYTHON" "$ROOT/tests/distributed/compare_example.py" -- "${MPIRUN[@]}" -np "$n" \
      || fail "example, np $n"
done
if [ "$status" -eq 0 ]; then echo "== distributed tests passed"; fi
exit "$status"
