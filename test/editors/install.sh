#!/usr/bin/env bash
# Installs the real editor clients the tests in this folder drive, idempotently: Debian's Neovim (0.7) and
# Emacs (28, no X) with eglot (1.9, elpa-eglot). Works with CI=true and no terminal; re-running is cheap.
#   usage: bash test/editors/install.sh   (used by scripts/run-tests.mjs)
set -euo pipefail
log() { printf '[editors] %s\n' "$*"; }
die() { printf '[editors] ERROR: %s\n' "$*" >&2; exit 1; }

bash "$(dirname "${BASH_SOURCE[0]}")/../../scripts/apt-install.sh" editors neovim emacs-nox elpa-eglot
command -v nvim >/dev/null || die "nvim missing after apt-get"
command -v emacs >/dev/null || die "emacs missing after apt-get"
log "$(nvim --version | head -1); $(emacs --version | head -1); eglot $(dpkg-query -W -f='${Version}' elpa-eglot)"
