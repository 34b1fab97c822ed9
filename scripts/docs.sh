#!/usr/bin/env bash
# Builds the documentation site (Sphinx, furo theme) from docs/ and the docstrings of
# the mxgraph that Python imports, into build/docs, with warnings as errors; then checks
# that its API reference documents every public name (tests/python/test_docs_reference.py
# on the built site). Installs the [docs] extra of pyproject.toml when it is missing.
# Exits non-zero on any warning or failure.
# Usage: scripts/docs.sh            (open build/docs/index.html)
#   against a development build: MXGRAPH_DEV_BUILD=build PYTHONPATH=bindings/python scripts/docs.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
OUT="$ROOT/build/docs"
cd "$ROOT"

if "$PYTHON" -c 'import os, sys, sysconfig; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)'; then
  export PIP_BREAK_SYSTEM_PACKAGES=1
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_ROOT_USER_ACTION=ignore
# Relative paths would break once Sphinx reads conf.py from docs/.
if [ -n "${MXGRAPH_DEV_BUILD:-}" ]; then export MXGRAPH_DEV_BUILD="$(cd "$MXGRAPH_DEV_BUILD" && pwd)"; fi
if [ -n "${PYTHONPATH:-}" ]; then
  PYTHONPATH="$(cd "$ROOT" && "$PYTHON" -c 'import os, sys; print(os.pathsep.join(os.path.abspath(p) for p in sys.argv[1].split(os.pathsep)))' "$PYTHONPATH")"
  export PYTHONPATH
fi

missing="$("$PYTHON" scripts/pyproject_requirements.py project.optional-dependencies.docs --missing)"
if [ -n "$missing" ]; then
  echo "== docs: pip install $(echo $missing)"
  mapfile -t reqs <<<"$missing"
  "$PYTHON" -m pip install -q "${reqs[@]}"
fi

echo "== docs: sphinx-build -W into $OUT"
rm -rf "$OUT"
"$PYTHON" -m sphinx -b html -W --keep-going -j "${MXGRAPH_JOBS:-2}" -q -d "$OUT/.doctrees" docs "$OUT"

echo "== docs: every public name in the reference"
MXGRAPH_DOCS_HTML="$OUT" "$PYTHON" -m pytest -q -p no:cacheprovider tests/python/test_docs_reference.py
echo "== docs: ok ($OUT/index.html)"
