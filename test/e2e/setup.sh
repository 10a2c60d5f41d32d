#!/usr/bin/env bash
# Installs what the real-VS-Code e2e needs, outside the repo, and prints the code-server folder.
#   - Debian packages (only the missing ones): chromium (the browser), ripgrep (seeds @vscode/ripgrep),
#     libkrb5-dev/libxkbfile-dev/libsecret-1-dev/libx11-dev (headers for code-server's native modules).
#   - code-server@$CS_VERSION (VS Code's server + web workbench from the npm registry) into
#     $PORTOLAN_E2E_CACHE/code-server-$CS_VERSION-node$MAJOR, once; later runs reuse it.
# Everything else is reached only through npm and apt: no GitHub, no nodejs.org, no Playwright CDN.
set -euo pipefail

CS_VERSION=${CS_VERSION:-4.100.3}   # newest code-server whose engines.node is 20; bundles VS Code 1.100.3
CACHE=${PORTOLAN_E2E_CACHE:-$HOME/.cache/portolan-e2e}
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
CS_DIR="$CACHE/code-server-$CS_VERSION-node$NODE_MAJOR"
log() { echo "[e2e-setup] $*" >&2; }

# --- 1. Debian packages -------------------------------------------------------------------------
APT_PKGS=()
command -v chromium >/dev/null 2>&1 || APT_PKGS+=(chromium)
command -v rg >/dev/null 2>&1 || APT_PKGS+=(ripgrep)
if [ ! -f "$CS_DIR/.complete" ]; then   # build headers are needed only to install code-server
  for p in libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config python3 make g++; do
    case $p in
      python3|make|g++|pkg-config) command -v "$p" >/dev/null 2>&1 || APT_PKGS+=("$p") ;;
      *) dpkg -s "$p" >/dev/null 2>&1 || APT_PKGS+=("$p") ;;
    esac
  done
fi
if [ ${#APT_PKGS[@]} -gt 0 ]; then
  SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo -n)
  log "apt-get install ${APT_PKGS[*]}"
  "${SUDO[@]}" apt-get update -qq >&2
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${APT_PKGS[@]}" >&2
fi

# --- 2. code-server, cached by version -----------------------------------------------------------
if [ -f "$CS_DIR/.complete" ]; then
  log "code-server $CS_VERSION cached in $CS_DIR"
  echo "$CS_DIR"; exit 0
fi
mkdir -p "$CACHE"
WORK=$(mktemp -d "$CACHE/install.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/tmp" "$WORK/xdg" "$WORK/pkg"
export TMPDIR="$WORK/tmp"                      # @vscode/ripgrep looks for its download cache here
export XDG_CONFIG_HOME="$WORK/xdg/config" XDG_DATA_HOME="$WORK/xdg/data" XDG_CACHE_HOME="$WORK/xdg/cache"
export npm_config_unsafe_perm=true             # code-server's postinstall refuses root without it
export npm_config_yes=true                     # node-pty's postinstall runs `npx node-gyp`
export npm_config_nodedir=${npm_config_nodedir:-/usr}   # node-gyp: local headers, never nodejs.org
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

cd "$WORK/pkg"
# @vscode/ripgrep's postinstall downloads rg from GitHub: seed its cache with Debian's rg instead.
log "npm pack code-server@$CS_VERSION (for the ripgrep version)"
npm pack -q "code-server@$CS_VERSION" >/dev/null
tar xzf "code-server-$CS_VERSION.tgz" package/lib/vscode/npm-shrinkwrap.json
RG_PKG_VER=$(node -p "(require('./package/lib/vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep']||{}).version||''")
if [ -n "$RG_PKG_VER" ]; then
  npm pack -q "@vscode/ripgrep@$RG_PKG_VER" >/dev/null
  tar xzf "vscode-ripgrep-$RG_PKG_VER.tgz" package/lib/postinstall.js
  RG_TAG=$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" package/lib/postinstall.js)
  mkdir -p "$TMPDIR/rg" "$TMPDIR/vscode-ripgrep-cache-$RG_PKG_VER"
  cp "$(command -v rg)" "$TMPDIR/rg/rg"
  for arch in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
    tar czf "$TMPDIR/vscode-ripgrep-cache-$RG_PKG_VER/ripgrep-$RG_TAG-$arch.tar.gz" -C "$TMPDIR/rg" rg
  done
  log "seeded @vscode/ripgrep $RG_PKG_VER cache ($RG_TAG) with $(command -v rg)"
fi
rm -rf package ./*.tgz

mkdir -p "$WORK/cs"; cd "$WORK/cs"
echo '{"name":"portolan-e2e-code-server","private":true}' > package.json
log "npm install code-server@$CS_VERSION (a few minutes the first time; log: $CACHE/install.log)"
if ! npm install --no-audit --no-fund --no-save "code-server@$CS_VERSION" > "$CACHE/install.log" 2>&1; then
  tail -40 "$CACHE/install.log" >&2; exit 1
fi
test -f node_modules/code-server/lib/vscode/out/server-main.js || { log "server-main.js missing after install"; exit 1; }
node node_modules/code-server/lib/vscode/out/server-main.js --version >&2 || true
touch .complete
rm -rf "$CS_DIR"; mv "$WORK/cs" "$CS_DIR"
log "installed into $CS_DIR"
echo "$CS_DIR"
