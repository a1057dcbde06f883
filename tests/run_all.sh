#!/usr/bin/env bash
# The whole check, as CI runs it: lint, import contracts, then pytest inside a private D-Bus
# session with an unlocked GNOME Keyring (the real-keyring test needs a Secret Service).
set -euo pipefail
cd "$(dirname "$0")/.."
V=.venv/bin

if [ "${FTS_IN_KEYRING_SESSION:-}" != 1 ]; then
  export FTS_IN_KEYRING_SESSION=1
  exec dbus-run-session -- bash "$0" "$@"
fi

echo "== ruff"
$V/ruff check app ui tests tools packaging $(ls -d bench 2>/dev/null)


# A throw-away home for the keyring daemon, so tests never touch the user's real keyring.
KR_HOME=$(mktemp -d /tmp/fts-keyring-XXXXXX)
trap 'kill ${GNOME_KEYRING_PID:-} 2>/dev/null || true; rm -rf "$KR_HOME"' EXIT
mkdir -p "$KR_HOME/run" "$KR_HOME/data"
chmod 700 "$KR_HOME/run"
export XDG_RUNTIME_DIR="$KR_HOME/run" XDG_DATA_HOME="$KR_HOME/data"
# HOME only for the daemon (it stores its keyring under HOME/.local/share); the tests keep
# the caller's HOME for pip caches and the like.
eval "$(printf 'throwaway' | HOME="$KR_HOME" gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL GNOME_KEYRING_PID FTS_REAL_KEYRING=1

echo "== pytest"
set +e
QT_QPA_PLATFORM=offscreen $V/python -m pytest "$@"
rc=$?
set -e
exit $rc
