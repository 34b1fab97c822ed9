# Sourced by scripts/sanitize.sh and scripts/tsan.sh: puts pip's scripts on PATH and
# sets CLANGXX/CLANG to clang 16 or newer (the core captures structured bindings in
# lambdas, which clang 14 rejects), installing clang-16 from Debian if missing.
# $1 names the caller in messages.
PATH="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || echo /usr/bin):$HOME/.local/bin:$PATH"
export PATH
CLANGXX="${CLANGXX:-}"
if [ -z "$CLANGXX" ]; then
  for c in clang++-16 clang++-17 clang++; do
    if command -v "$c" >/dev/null 2>&1; then CLANGXX="$c"; break; fi
  done
fi
if [ -z "$CLANGXX" ]; then
  echo "$1: installing clang-16 and libclang-rt-16-dev"
  SUDO=""; if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends clang-16 libclang-rt-16-dev
  CLANGXX=clang++-16
fi
CLANG="${CLANGXX/clang++/clang}"
