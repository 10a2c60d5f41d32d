#!/usr/bin/env bash
# What `npm test` needs on the machine besides Node, installed when it is missing, so the README's
# two commands are all a fresh machine needs:
#   - docker-compose (Debian's 1.29), the real peer of the compose differential test
#     (test/unit/compose-differential.test.ts). It prints normalized ports without a Docker engine.
# The real-VS-Code suite installs its own (test/e2e/setup.sh: chromium, code-server), the same way:
# apt-get as root, else through `sudo -n`, else a message that says what to install by hand.
set -euo pipefail
log() { echo "[test-setup] $*" >&2; }

missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  log "missing: ${missing[*]}. This machine has no apt-get: install them with its package manager (docker-compose 1.29 from pip works too), then run npm test again."
  exit 1
fi
if [ "$(id -u)" = 0 ]; then
  sudo=()
elif sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  log "missing: ${missing[*]}, and installing needs root: run 'sudo apt-get install ${missing[*]}', then npm test again."
  exit 1
fi
log "apt-get install ${missing[*]}"
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
