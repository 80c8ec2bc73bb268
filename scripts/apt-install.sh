#!/usr/bin/env bash
# Installs the Debian packages named that are not installed yet, with apt-get (as root, or through sudo -n),
# quietly: apt's output is shown only when it fails. Works with CI=true and no terminal.
#   usage: bash scripts/apt-install.sh <log tag> <package>...
# Used by test/e2e/harness/install.sh and test/editors/install.sh.
set -euo pipefail
tag="$1"
shift
log() { printf '[%s] %s\n' "$tag" "$*"; }
die() { printf '[%s] ERROR: %s\n' "$tag" "$*" >&2; exit 1; }

missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  log "Debian packages already installed"
  exit 0
fi
SUDO=""
if [[ "$(id -u)" != "0" ]]; then
  command -v sudo >/dev/null || die "not root and no sudo: cannot apt-get install ${missing[*]}"
  SUDO="sudo -n"
fi
log "apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt_log="$(mktemp)"
if ! { $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}"; } >"$apt_log" 2>&1; then
  tail -30 "$apt_log" >&2
  die "apt-get failed (log: $apt_log)"
fi
rm -f "$apt_log"
