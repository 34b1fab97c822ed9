#!/usr/bin/env bash
# Soak test: `bash scripts/soak.sh MINUTES` (default 2) trains the digits MLP plain and
# compiled for MINUTES against the installed mxgraph (scripts/setup.sh), reporting the
# resident memory every minute; fails on >1% growth after warm-up or a loss that does
# not decrease. See scripts/soak.py. MXGRAPH_SOAK_PERIOD sets the report period (s).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
exec "$PYTHON" "$ROOT/scripts/soak.py" "${1:-2}"
