#!/usr/bin/env bash
# Installs everything the code-server extension-test harness needs, idempotently:
#   - Debian packages: chromium (the browser), libkrb5-dev (code-server's kerberos addon),
#     ripgrep (stands in for @vscode/ripgrep's GitHub download), fonts-noto-cjk (Chinese text in
#     screenshots), and the native-addon toolchain (make, g++, python3, pkg-config)
#   - the @vscode/ripgrep download cache, built from Debian's rg, so its postinstall never
#     needs GitHub
#   - `npm ci` in this folder (code-server + playwright-core) with the env vars needed as root
# Works with CI=true and no terminal. Re-running is cheap: every step is skipped when done.
#   usage: bash test/e2e/harness/install.sh [--force]   (--force: redo npm ci even if the stamp matches)
# Used by .ci/run and `npm run demo`; the tests themselves: node scripts/test-e2e.mjs (see ../README.md).
set -euo pipefail

HARNESS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HARNESS_DIR"

FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

log() { printf '[install] %s\n' "$*"; }
die() { printf '[install] ERROR: %s\n' "$*" >&2; exit 1; }

# ---- 0. prerequisites ---------------------------------------------------------------------------
command -v node >/dev/null || die "node is not on PATH"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$NODE_MAJOR" == "20" ]] || die "code-server 4.100.3 needs Node 20 (found $(node -v))"

# ---- 1. Debian packages -------------------------------------------------------------------------
APT_PACKAGES=(chromium libkrb5-dev ripgrep fonts-noto-cjk make g++ python3 pkg-config ca-certificates)
bash "$HARNESS_DIR/../../../scripts/apt-install.sh" install "${APT_PACKAGES[@]}"
command -v chromium >/dev/null || die "chromium missing after apt-get"
RG_BIN="$(command -v rg)" || die "rg missing after apt-get"

# ---- 2. @vscode/ripgrep download cache ----------------------------------------------------------
# code-server 4.100.3 -> lib/vscode/npm-shrinkwrap.json pins @vscode/ripgrep 1.15.11, whose
# lib/postinstall.js wants release v13.0.0-10 and lib/download.js first looks for
#   <os.tmpdir()>/vscode-ripgrep-cache-<pkg version>/ripgrep-<tag>-<target>.tar.gz
# and, if present, just runs `tar xvf` on it into bin/ expecting a top-level `rg`.
# (When bumping code-server, re-read those two files and update these values.)
RG_PKG_VERSION="1.15.11"
RG_TAG="v13.0.0-10"
case "$(node -p 'process.arch')" in
  x64) RG_TARGET="x86_64-unknown-linux-musl" ;;
  arm64) RG_TARGET="aarch64-unknown-linux-musl" ;;
  *) die "unsupported arch $(node -p 'process.arch') for the ripgrep cache" ;;
esac
NODE_TMP="$(node -p 'require("os").tmpdir()')"   # honours TMPDIR exactly like download.js
RG_CACHE_DIR="$NODE_TMP/vscode-ripgrep-cache-$RG_PKG_VERSION"
RG_TARBALL="$RG_CACHE_DIR/ripgrep-$RG_TAG-$RG_TARGET.tar.gz"
if [[ -s "$RG_TARBALL" ]] && tar -tzf "$RG_TARBALL" 2>/dev/null | grep -qx 'rg'; then
  log "ripgrep cache present: $RG_TARBALL"
else
  log "creating ripgrep cache from $RG_BIN: $RG_TARBALL"
  mkdir -p "$RG_CACHE_DIR"
  stage="$(mktemp -d)"
  install -m 0755 "$RG_BIN" "$stage/rg"
  tar -C "$stage" -czf "$RG_TARBALL.tmp" rg
  mv -f "$RG_TARBALL.tmp" "$RG_TARBALL"
  rm -rf "$stage"
fi

# ---- 3. npm ci ----------------------------------------------------------------------------------
STAMP="node_modules/.ogi-harness-stamp"
want_stamp="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1) node-$(node -v)"
RG_INSTALLED="node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
if ((FORCE == 0)) && [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want_stamp" && -x "$RG_INSTALLED" \
      && -f node_modules/code-server/out/node/entry.js && -d node_modules/playwright-core ]]; then
  log "node_modules up to date (stamp matches package-lock.json)"
else
  log "npm ci (code-server builds native addons; takes ~1-2 min)"
  start=$SECONDS
  # unsafe_perm: code-server's postinstall refuses to run as root without it.
  # yes: node-pty's postinstall runs `npx node-gyp`, which would prompt (and fail with no TTY).
  # dangerously_allow_all_scripts: package.json's allowScripts covers code-server and argon2, but
  #   code-server's postinstall runs a nested `npm install` in lib/vscode (node-pty, kerberos,
  #   @vscode/ripgrep, spdlog, ...) with no allowScripts of its own; npm 11 only warns about that,
  #   npm 12 would skip those scripts. This flag (a registered no-op in npm 11) keeps them running.
  # The GitHub downloads of argon2/kerberos prebuilt binaries fail here and fall back to
  # node-gyp builds (hence libkrb5-dev, g++, make, python3).
  if ! env npm_config_unsafe_perm=true npm_config_yes=true npm_config_dangerously_allow_all_scripts=true CI=true \
      npm ci --no-audit --no-fund --loglevel=warn > "$HARNESS_DIR/.npm-ci.log" 2>&1; then
    tail -40 "$HARNESS_DIR/.npm-ci.log" >&2
    die "npm ci failed (full log: $HARNESS_DIR/.npm-ci.log)"
  fi
  log "npm ci done in $((SECONDS - start))s"
  [[ -x "$RG_INSTALLED" ]] || die "code-server installed but $RG_INSTALLED is missing"
  got_rg="$(node -p "require('./node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/package.json').version")"
  [[ "$got_rg" == "$RG_PKG_VERSION" ]] || log "WARNING: @vscode/ripgrep is $got_rg, cache was made for $RG_PKG_VERSION"
  echo "$want_stamp" > "$STAMP"
fi

# ---- 4. smoke check (isolated XDG dirs so nothing is written to ~/.config or ~/.local) -----------
probe="$(mktemp -d)"
cs_version="$(XDG_CONFIG_HOME="$probe/c" XDG_DATA_HOME="$probe/d" XDG_CACHE_HOME="$probe/k" \
  node node_modules/code-server/out/node/entry.js --version 2>/dev/null | tail -1)"
rm -rf "$probe"
pw_version="$(node -p 'require("playwright-core/package.json").version')"
log "code-server: $cs_version"
log "playwright-core: $pw_version; $(chromium --version 2>/dev/null | head -1)"
log "ready: node scripts/test-e2e.mjs  (or: node $HARNESS_DIR/run-extension-tests.mjs --extension <dir> --tests <index.js> [--workspace <dir>])"
