#!/usr/bin/env bash
# Runs the differential tests (tests/python/test_difftest_*.py) for about SECONDS with the
# "long" hypothesis profile: rounds of MXGRAPH_DIFFTEST_EXAMPLES (default 50) generated
# examples per op and per transform check, each round with new random draws, until the
# time is spent. Stops at the first failure: hypothesis prints the falsifying example
# (and a @reproduce_failure blob); add it as an @example next to the test it broke, fix
# it, and CI replays it. Failures are also kept in .hypothesis/ and tried first next run.
# CI runs the same tests in the bounded "ci" profile inside the normal pytest run.
# Tests the installed mxgraph, or a build folder with MXGRAPH_DEV_BUILD=build.
# Usage: scripts/difftest.sh [SECONDS, default 600]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
BUDGET="${1:-600}"
export MXGRAPH_DIFFTEST_PROFILE=long
export MXGRAPH_DIFFTEST_EXAMPLES="${MXGRAPH_DIFFTEST_EXAMPLES:-50}"
cd "$ROOT"

start=$SECONDS
round=0
while :; do
  round=$((round + 1))
  echo "== difftest: round $round ($MXGRAPH_DIFFTEST_EXAMPLES examples per check, $((SECONDS - start)) of $BUDGET s spent)"
  if ! "$PYTHON" -m pytest -q -x -p no:cacheprovider tests/python/test_difftest_ops.py \
         tests/python/test_difftest_transforms.py; then
    echo "difftest: FAILED in round $round; the falsifying example is printed above." >&2
    exit 1
  fi
  if [ $((SECONDS - start)) -ge "$BUDGET" ]; then break; fi
done
echo "== difftest: $round round(s), no failure, in $((SECONDS - start)) s"
