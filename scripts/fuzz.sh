#!/usr/bin/env bash
# Runs every libFuzzer target (built by scripts/sanitize.sh in build/asan) for a bounded
# time each, starting from fuzz/corpus/<format>/ and fuzz/regressions/<format>/. Fails on
# any crash, leaving the input in build/asan/fuzz-crashes/<format>/ (add it to
# fuzz/regressions/<format>/ once fixed). Prints the executions each target ran.
# Usage: scripts/fuzz.sh [seconds per target, default 60]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${MXGRAPH_ASAN_BUILD:-$ROOT/build/asan}"
SECONDS_EACH="${1:-60}"
FORMATS=(npy npz safetensors mxfn gguf)

if [ ! -x "$BUILD/fuzz/fuzz_npy" ]; then
  echo "fuzz: no fuzz targets in $BUILD; run scripts/sanitize.sh first." >&2
  exit 1
fi
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=${MXGRAPH_DETECT_LEAKS:-1}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
# Reports with function names and lines: the symbolizer of the clang that built it.
for sym in llvm-symbolizer-16 /usr/lib/llvm-16/bin/llvm-symbolizer llvm-symbolizer; do
  if command -v "$sym" >/dev/null 2>&1; then export ASAN_SYMBOLIZER_PATH="$(command -v "$sym")"; break; fi
done
export MXGRAPH_NUM_THREADS="${MXGRAPH_NUM_THREADS:-2}"

status=0
total=0
for fmt in "${FORMATS[@]}"; do
  target="$BUILD/fuzz/fuzz_$fmt"
  work="$BUILD/fuzz-work/$fmt"       # grows across runs on one machine; seeds stay clean
  crashes="$BUILD/fuzz-crashes/$fmt"
  mkdir -p "$work" "$crashes"
  dict=()
  if [ -f "$ROOT/fuzz/dict/$fmt.dict" ]; then dict=(-dict="$ROOT/fuzz/dict/$fmt.dict"); fi
  log="$BUILD/fuzz-$fmt.log"
  echo "== fuzz: $fmt for ${SECONDS_EACH}s"
  set +e
  "$target" "${dict[@]}" -max_total_time="$SECONDS_EACH" -max_len=4096 -rss_limit_mb=2048 \
            -timeout=20 -print_final_stats=1 -artifact_prefix="$crashes/" \
            "$work" "$ROOT/fuzz/corpus/$fmt" "$ROOT/fuzz/regressions/$fmt" >"$log" 2>&1
  rc=$?
  set -e
  runs="$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)"
  runs="${runs:-0}"
  total=$((total + runs))
  if [ "$rc" -ne 0 ]; then
    echo "fuzz: $fmt FAILED (exit $rc) after $runs executions; input(s) in $crashes:" >&2
    ls "$crashes" >&2 || true
    tail -40 "$log" >&2
    status=1
  else
    echo "fuzz: $fmt ok, $runs executions, corpus $(ls "$work" | wc -l) inputs"
  fi
done
echo "== fuzz: $total executions in total"
exit "$status"
