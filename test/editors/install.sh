#!/usr/bin/env bash
# Installs the real editor clients the tests in this folder drive, idempotently: Debian's Neovim (0.7) and
# Emacs (28, no X) with eglot (1.9, elpa-eglot). Works with CI=true and no terminal; re-running is cheap.
#   usage: bash test/editors/install.sh   (used by scripts/run-tests.mjs)
set -euo pipefail
log() { printf '[editors] %s\n' "$*"; }
die() { printf '[editors] ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [[ "$(id -u)" != "0" ]]; then
  command -v sudo >/dev/null || die "not root and no sudo: cannot apt-get install"
  SUDO="sudo -n"
fi
PACKAGES=(neovim emacs-nox elpa-eglot)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt_log="$(mktemp)"
  if ! { $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}"; } >"$apt_log" 2>&1; then
    tail -30 "$apt_log" >&2
    die "apt-get failed (log: $apt_log)"
  fi
  rm -f "$apt_log"
else
  log "Debian packages already installed"
fi
command -v nvim >/dev/null || die "nvim missing after apt-get"
command -v emacs >/dev/null || die "emacs missing after apt-get"
log "$(nvim --version | head -1); $(emacs --version | head -1); eglot $(dpkg-query -W -f='${Version}' elpa-eglot)"
