#!/usr/bin/env bash
# Real-VS-Code end-to-end tests, on a machine that reaches only the npm registry and Debian's apt.
#   1. setup.sh: Debian chromium/ripgrep (if missing) and code-server@4.100.3 (VS Code 1.100.3's
#      server + web workbench) cached outside the repo.
#   2. Builds the extension, the language server and the integration suite; packages the VSIX.
#   3. Starts VS Code's server on 127.0.0.1 in its own process group (killed as a group on exit).
#   4. runSuite.ts: headless chromium opens the workbench with extensionDevelopmentPath and
#      extensionTestsPath; test/integration runs in the real (remote Node) extension host and its
#      exit code comes back through codeAutomationExit.
#   5. smoke.ts: the packaged VSIX installed, a person's view: Problems panel row, hover, tree item,
#      with screenshots.
#   6. untrusted.ts: the same VSIX in a second server with Workspace Trust on, the folder opened in
#      Restricted Mode: checked, but no port probed until the folder is trusted.
# Exit code: 0 when all pass. Env: PORTOLAN_E2E_CACHE (install cache), PORTOLAN_E2E_RUN_DIR
# (scratch, recreated; screenshots and logs stay there), PORTOLAN_E2E_ONLY=suite|smoke|untrusted,
# PORTOLAN_E2E_SKIP_BUILD=1, PORTOLAN_TEST_GREP (mocha grep for the suite).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
# Per user: another account's run folder on a shared machine cannot be removed.
RUN=${PORTOLAN_E2E_RUN_DIR:-${TMPDIR:-/tmp}/portolan-e2e-run-$(id -u)}
ONLY=${PORTOLAN_E2E_ONLY:-}
T0=$SECONDS
exec 3>&2
step() { echo "[e2e +$((SECONDS - T0))s] $*" >&3; }
timed() { local s=$SECONDS rc=0; "$@" || rc=$?; step "$(( SECONDS - s ))s rc=$rc: $(echo "$*" | cut -c1-120)"; return $rc; }

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
CS_DIR=$(timed bash "$REPO/test/e2e/setup.sh")
VSCODE="$CS_DIR/node_modules/code-server/lib/vscode"

cd "$REPO"
if [ -z "${PORTOLAN_E2E_SKIP_BUILD:-}" ]; then
  timed npm run --silent build
  timed npm run --silent build:integration
fi
test -f dist/server.js || { echo "dist/server.js is missing: the language server is not built" >&2; exit 1; }

rm -rf "$RUN"
mkdir -p "$RUN/tmp" "$RUN/ud/User" "$RUN/ud-untrusted/User" "$RUN/sd" "$RUN/sd-untrusted" "$RUN/exts" "$RUN/shots" "$RUN/xdg"
export TMPDIR="$RUN/tmp"     # VS Code's IPC sockets, chromium profiles
export XDG_CONFIG_HOME="$RUN/xdg/config" XDG_DATA_HOME="$RUN/xdg/data" XDG_CACHE_HOME="$RUN/xdg/cache"
# No extension gallery: code-server's VS Code otherwise queries open-vsx.org, which is not reachable here.
export EXTENSIONS_GALLERY='{}'
# Each browser session gets its own copy of the fixture (tests may edit it; no state shared).
cp -R test/fixtures/vscode-workspace "$RUN/ws-suite"
cp -R test/fixtures/vscode-workspace "$RUN/ws-smoke"
cp -R test/fixtures/vscode-workspace "$RUN/ws-untrusted"
cat > "$RUN/ud/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "git.enabled": false,
  "editor.hover.delay": 200,
  "files.watcherExclude": { "**/node_modules/**": true }
}
JSON
# The same, with Workspace Trust on: an untrusted folder opens in Restricted Mode without a prompt.
sed -e 's/"security.workspace.trust.enabled": false/"security.workspace.trust.enabled": true, "security.workspace.trust.startupPrompt": "never"/' \
  "$RUN/ud/User/settings.json" > "$RUN/ud-untrusted/User/settings.json"

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
PORT=$(free_port)
SRV=(node "$VSCODE/out/server-main.js")
SRVARGS=(--host 127.0.0.1 --port "$PORT" --without-connection-token --accept-server-license-terms --disable-telemetry
         --disable-workspace-trust --enable-smoke-test-driver --server-data-dir "$RUN/sd" --user-data-dir "$RUN/ud"
         --extensions-dir "$RUN/exts")

if [ "$ONLY" != suite ]; then
  # The smoke test runs the packaged extension, so a file left out of the VSIX shows up here.
  timed npx --no-install vsce package --no-dependencies -o "$RUN/portolan.vsix" > "$RUN/vsce.log" 2>&1 \
    || { cat "$RUN/vsce.log" >&2; exit 1; }
  timed "${SRV[@]}" "${SRVARGS[@]}" --install-extension "$RUN/portolan.vsix" > "$RUN/install-extension.log" 2>&1 \
    || { cat "$RUN/install-extension.log" >&2; exit 1; }
fi

# VS Code's own server, in its own process group: its file watchers and extension hosts go with it.
# Extension hosts log their stderr to the server's log: there the code cache says what it did.
export NODE_DEBUG=portolan-code-cache
setsid "${SRV[@]}" "${SRVARGS[@]}" > "$RUN/server.log" 2>&1 < /dev/null &
SRV_PID=$!
SRV2_PID=
stop_server() {
  kill -TERM -- "-$1" 2>/dev/null || true
  for _ in $(seq 20); do kill -0 "$1" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$1" 2>/dev/null || true
}
cleanup() {
  stop_server "$SRV_PID"
  [ -z "$SRV2_PID" ] || stop_server "$SRV2_PID"
  rm -rf "$RUN/tmp"
}
trap cleanup EXIT
wait_for() {
  node -e '
    const url = process.argv[1], deadline = Date.now() + 60000;
    (async () => { for (;;) { try { if ((await fetch(url)).ok) return; } catch {} if (Date.now() > deadline) { console.error("VS Code server did not answer " + url); process.exit(1); } await new Promise(r => setTimeout(r, 250)); } })();
  ' "$1"
}
wait_for "http://127.0.0.1:$PORT/"
step "VS Code server $(node "$VSCODE/out/server-main.js" --version | head -1) up on 127.0.0.1:$PORT (pid $SRV_PID)"

RC=0
if [ -z "$ONLY" ] || [ "$ONLY" = suite ]; then
  timed node --import tsx test/e2e/runSuite.ts "http://127.0.0.1:$PORT" "$RUN/ws-suite" "$REPO" "$REPO/dist/test/integration/index.js" "$RUN/shots" || RC=1
fi
if [ -z "$ONLY" ] || [ "$ONLY" = smoke ]; then
  timed node --import tsx test/e2e/smoke.ts "http://127.0.0.1:$PORT" "$RUN/ws-smoke" "$RUN/shots" || RC=1
fi
if [ -z "$ONLY" ] || [ "$ONLY" = untrusted ]; then
  # A second server: Workspace Trust is a server-wide switch (--disable-workspace-trust above).
  PORT2=$(free_port)
  setsid "${SRV[@]}" --host 127.0.0.1 --port "$PORT2" --without-connection-token --accept-server-license-terms --disable-telemetry \
    --server-data-dir "$RUN/sd-untrusted" --user-data-dir "$RUN/ud-untrusted" --extensions-dir "$RUN/exts" \
    > "$RUN/server-untrusted.log" 2>&1 < /dev/null &
  SRV2_PID=$!
  wait_for "http://127.0.0.1:$PORT2/"
  timed node --import tsx test/e2e/untrusted.ts "http://127.0.0.1:$PORT2" "$RUN/ws-untrusted" "$RUN/shots" || RC=1
fi
if [ -z "$ONLY" ]; then
  # The smoke window's extension host wrote the installed extension's V8 code cache; the second
  # server's extension host, a new process, must have loaded the extension from it.
  CACHED='extension\.bundle\.js\.[0-9a-f-]*\.bin: used'
  if grep -q "$CACHED" "$RUN/server-untrusted.log"; then step "ok   a new extension host loaded the extension through its code cache"
  else step "FAIL a new extension host did not use the extension's code cache: $(grep -h 'PORTOLAN-CODE-CACHE' "$RUN"/server*.log | tail -3)"; RC=1; fi
fi
step "screenshots and logs in $RUN (server log: $RUN/server.log)"
if [ $RC = 0 ]; then step "REAL VS CODE E2E PASSED in $((SECONDS - T0))s"; else step "REAL VS CODE E2E FAILED"; fi
exit $RC
