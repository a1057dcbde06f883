#!/usr/bin/env bash
# Finetune Studio — set up and run.   ./dev.sh run   |   ./dev.sh test [pytest args]
# Both commands do the whole set-up first: system packages (Debian/Ubuntu), a virtual
# environment in .venv, the app and its test tools. Re-running is cheap: finished steps are skipped.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Qt's runtime libraries (offscreen and X11), a virtual screen for screenshots, and a real
# Secret Service keyring for the keyring test.
RUN_PKGS="libglib2.0-0 libgl1 libegl1 libx11-6 libx11-xcb1 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 fonts-dejavu-core
 gnome-keyring dbus dbus-x11 python3-venv"
TEST_PKGS="xvfb xauth libsecret-tools"

need_python() {
  for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  die "Python 3.11 or newer is needed. On Debian/Ubuntu: sudo apt-get install python3 python3-venv"
}

system_packages() {
  command -v dpkg-query >/dev/null || { say "not a Debian-like system: install Qt's runtime libraries, gnome-keyring and xvfb yourself"; return 0; }
  local missing=()
  for p in $*; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing system packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "these system packages are missing: ${missing[*]}. Install them as root: apt-get install ${missing[*]}"
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

venv() {
  local py; py=$(need_python)
  if [ ! -x .venv/bin/python ]; then
    say "creating .venv with $py"
    "$py" -m venv .venv || die "could not create a virtual environment (on Debian: apt-get install python3-venv)"
  fi
  local stamp=.venv/.installed-$1 hash
  hash=$(cat pyproject.toml | sha256sum | cut -c1-16)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
    say "installing Python packages ($1)"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e ".[$1]"
    echo "$hash" > "$stamp"
  fi
}

# The command line's translations: resources/locale/*/LC_MESSAGES/*.po -> .mo (build outputs, not in git).
catalogues() { .venv/bin/python -m app.i18n_msgfmt >/dev/null || die "could not compile the translations"; }

# The .qm translation catalogues are build outputs: compiled from resources/translations/*.ts when a .ts
# is newer (a second or so; nothing to do otherwise).
translations() {
  .venv/bin/python tools/build_translations.py --quiet || die "could not build the translations (tools/build_translations.py)"
}

cmd=${1:-run}; shift || true
case $cmd in
  run)
    system_packages "$RUN_PKGS"
    venv test
    translations
    catalogues
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      say "no display found: starting on a virtual screen is pointless; set DISPLAY or use ./dev.sh test"
      exit 1
    fi
    exec .venv/bin/finetune-studio "$@"
    ;;
  test)
    system_packages "$RUN_PKGS $TEST_PKGS"
    venv test
    translations
    catalogues
    exec bash tests/run_all.sh "$@"
    ;;
  *) die "usage: ./dev.sh run | ./dev.sh test [pytest args]" ;;
esac
