#!/usr/bin/env bash
# Install the .deb into a bare Debian (debootstrap --variant=minbase) and run the app there: proves
# the package's Depends: bring everything the bundle needs, on a system that has nothing else.
#
#   sudo packaging/deb_in_debootstrap.sh [dist/finetune-studio_VERSION_ARCH.deb]
#
# Needs root (chroot, mount), debootstrap and a Debian mirror (MIRROR=…, default deb.debian.org;
# SUITE=bookworm). The bare root is made once and kept in build/debootstrap/ (~200 MB, ~45 s);
# each run installs into a fresh copy of it, which is removed afterwards (KEEP_ROOT=1 keeps it).
# Checks, in the chroot, as an ordinary user with no D-Bus session (as a fresh install would be):
#   apt-get install --no-install-recommends ./the.deb   (Depends: resolve and install)
#   finetune-studio --version, finetune-studio --self-test (keyring is a warning: no Secret Service)
#   the app itself, offscreen, for 6 s, then SIGTERM: it must exit 0 with no traceback on stderr
#   the .desktop entry, icon, man page and MIME type are where the desktop looks for them
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SUITE=${SUITE:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
CACHE=${CACHE:-$ROOT/build/debootstrap}
DEB=${1:-$(ls -t "$ROOT"/dist/finetune-studio_*.deb 2>/dev/null | head -1)}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (chroot and mount need it)"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
[ -n "$DEB" ] && [ -f "$DEB" ] || die "no .deb given and none in dist/: run packaging/build_linux.sh deb"

BASE="$CACHE/$SUITE-minbase"
if [ ! -x "$BASE/usr/bin/apt-get" ]; then
  say "debootstrap --variant=minbase $SUITE from $MIRROR (once; kept in $BASE)"
  rm -rf "$BASE.partial"
  mkdir -p "$CACHE"
  debootstrap --variant=minbase "$SUITE" "$BASE.partial" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
    || { tail -20 "$CACHE/debootstrap.log" >&2; die "debootstrap failed (log: $CACHE/debootstrap.log)"; }
  mv "$BASE.partial" "$BASE"
fi

R=$(mktemp -d "$CACHE/run-XXXXXX")
cleanup() {
  umount "$R/dev/shm" 2>/dev/null || true
  umount "$R/proc" 2>/dev/null || true
  if [ -n "${KEEP_ROOT:-}" ]; then say "kept the root for a look: $R"; else rm -rf --one-file-system "$R"; fi
}
trap cleanup EXIT
cp -a "$BASE/." "$R/"
mount -t proc proc "$R/proc"
mount -t tmpfs -o mode=1777 tmpfs "$R/dev/shm"  # multiprocessing's semaphores live here
cp /etc/resolv.conf "$R/etc/resolv.conf"
cp "$DEB" "$R/tmp/app.deb"
in_root() { chroot "$R" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

before=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)
say "bare $SUITE: $before packages, $(du -sh --exclude=proc "$R" | cut -f1)"
say "apt-get install --no-install-recommends $(basename "$DEB")"
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends /tmp/app.deb >"$R/tmp/install.log" 2>&1 \
  || { tail -30 "$R/tmp/install.log" >&2; die "apt-get install failed"; }
after=$(in_root dpkg-query -W -f='${Package}\n' | wc -l)
say "installed: $((after - before)) packages with the app, root now $(du -sh --exclude=proc "$R" | cut -f1)"

for f in /usr/bin/finetune-studio /usr/share/applications/finetune-studio.desktop \
  /usr/share/icons/hicolor/256x256/apps/finetune-studio.png /usr/share/icons/hicolor/scalable/apps/finetune-studio.svg \
  /usr/share/man/man1/finetune-studio.1.gz /usr/share/mime/packages/finetune-studio.xml; do
  [ -e "$R$f" ] || die "missing after install: $f"
done

in_root useradd --create-home --shell /bin/sh expert
as_user() {
  chroot --userspec=expert:expert "$R" env -i PATH=/usr/bin:/bin HOME=/home/expert LANG=C.UTF-8 \
    XDG_RUNTIME_DIR=/tmp/expert-run QT_QPA_PLATFORM=offscreen "$@"
}
mkdir -p -m 700 "$R/tmp/expert-run"
chroot "$R" chown expert:expert /tmp/expert-run

say "finetune-studio --version"
as_user finetune-studio --version
say "finetune-studio --self-test"
as_user finetune-studio --self-test || die "the self-test failed in the bare $SUITE"

say "the app, offscreen, until its project is open and 5 s more, then SIGTERM"
# SIGTERM is handled once the window is up (logged as "opened project"); wait for that, not a
# fixed time: a busy machine starts the app slower.
LOG=/home/expert/.local/state/FinetuneStudio/log/finetune-studio.log
as_user sh -c "finetune-studio >/tmp/app.out 2>/tmp/app.err & p=\$!
  for i in \$(seq 120); do grep -q 'opened project' $LOG 2>/dev/null && break; sleep 0.5; done
  sleep 5; kill -TERM \$p; wait \$p" \
  || { cat "$R/tmp/app.err" "$R$LOG" >&2; die "the app did not exit cleanly"; }
if grep -q "Traceback" "$R/tmp/app.err"; then
  cat "$R/tmp/app.err" >&2
  die "the app wrote a traceback"
fi
grep -q "Finetune Studio closed" "$R$LOG" \
  || die "the app's log does not show a clean start and close"
[ -s "$R/tmp/app.err" ] && { say "stderr of the app (no traceback):"; cat "$R/tmp/app.err" >&2; }
say "passed: $(basename "$DEB") installs and runs in a bare $SUITE"
