#!/usr/bin/env bash
# Build Finetune Studio for Linux: the one-folder bundle, a .tar.gz of it and a .deb.
#
#   packaging/build_linux.sh [bundle|tar|deb|all]...      (default: all)
#
# Output in dist/ (DIST=… to change): dist/finetune-studio/ (run dist/finetune-studio/finetune-studio),
# dist/finetune-studio-VERSION-linux-ARCH.tar.gz and dist/finetune-studio_VERSION_ARCH.deb.
# Needs the dev venv with PyInstaller (./dev.sh test installs it) and, for the .deb, dpkg-dev
# (dpkg-shlibdeps works out Depends:). DEB_COMPRESS=xz|zstd|gzip picks the .deb's compression
# (default xz: what every dpkg reads; zstd is ~30x faster, needs dpkg >= 1.21.18, i.e. Debian 12+).
# SOURCE_DATE_EPOCH, when set, is the recorded build date (reproducible builds).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

PY=${PYTHON:-$ROOT/.venv/bin/python}
DIST=${DIST:-$ROOT/dist}
WORK=${WORK:-$ROOT/build/pyinstaller}
NAME=finetune-studio
LIBDIR=/usr/lib/$NAME  # where the .deb puts the bundle (Debian policy keeps packages out of /opt)
DEB_COMPRESS=${DEB_COMPRESS:-xz}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

[ -x "$PY" ] || die "no Python at $PY: run ./dev.sh test first (it creates .venv), or set PYTHON"
"$PY" -c 'import PyInstaller' 2>/dev/null || die "PyInstaller is missing: .venv/bin/pip install -e '.[test]'"
VERSION=$("$PY" -c 'import app; print(app.__version__)')
PYPROJECT_VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
[ "$VERSION" = "$PYPROJECT_VERSION" ] || die "app.__version__ ($VERSION) differs from pyproject.toml ($PYPROJECT_VERSION)"
ARCH=$(dpkg --print-architecture 2>/dev/null || uname -m)

# One build at a time: the build info file lives in the source tree while PyInstaller runs.
mkdir -p "$(dirname "$WORK")"
exec 9>"$(dirname "$WORK")/.build-linux.lock"
flock 9

bundle() {
  local t; t=$(now)
  say "bundle: PyInstaller one-folder build into $DIST/$NAME"
  # Translations, built (not in git) before collecting: the window's .ts -> .qm with lrelease, the
  # core's and the command line's .po -> .mo.
  "$PY" tools/build_translations.py --force --quiet || die "could not build the window's translations"
  "$PY" -m app.i18n_msgfmt >/dev/null || die "could not compile the translations"
  # app/_build_info.py (commit, date, module list) exists only while PyInstaller runs.
  trap '"$PY" packaging/write_build_info.py --remove' EXIT
  "$PY" packaging/write_build_info.py
  "$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" \
    packaging/finetune-studio.spec
  "$PY" packaging/write_build_info.py --remove
  trap - EXIT
  "$DIST/$NAME/$NAME" --version >/dev/null || die "the built app does not start"
  say "bundle: $(du -sh "$DIST/$NAME" | cut -f1) in $(took "$t")"
}

tarball() {
  local t out; t=$(now)
  [ -x "$DIST/$NAME/$NAME" ] || die "no bundle in $DIST/$NAME: build it first (packaging/build_linux.sh bundle)"
  out="$DIST/$NAME-$VERSION-linux-$(uname -m).tar.gz"
  say "tar: $out"
  local gz="gzip -6"; command -v pigz >/dev/null && gz="pigz -6"
  tar -C "$DIST" --owner=0 --group=0 --numeric-owner --sort=name \
    ${SOURCE_DATE_EPOCH:+--mtime="@$SOURCE_DATE_EPOCH"} -I "$gz" -cf "$out" "$NAME"
  say "tar: $(du -h "$out" | cut -f1) in $(took "$t")"
}

# Depends: of the .deb: the system libraries the bundle links (dpkg-shlibdeps reads each ELF file
# and maps the libraries found outside the bundle to packages, with minimum versions from their
# symbols files), plus what no ELF header shows.
deb_depends() {
  local stage=$1 tmp
  tmp=$(mktemp -d)
  mkdir -p "$tmp/debian"
  printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$NAME" "$NAME" > "$tmp/debian/control"
  # Optional plugins whose libraries a desktop has or lacks: the GTK theme (native file dialogs on
  # GNOME) loads only where GTK 3 is installed, and Qt skips it quietly elsewhere.
  local elves
  elves=$(cd "$stage" && find ".$LIBDIR" -type f \( -name '*.so*' -o -path "*/$NAME" \) \
    ! -path '*/platformthemes/libqgtk3.so' | sort)
  # The bundle's own libraries (Qt, libpython, OpenSSL…) resolve inside it: -l lists their folders,
  # and a temporary shlibs file says the package itself provides them (-x drops that self-reference);
  # without it dpkg-shlibdeps falls through to the system's copy and depends on its package.
  local libdirs; libdirs=$(find "$stage$LIBDIR" -name '*.so*' -type f -printf '-l%h\n' | sort -u)
  find "$stage$LIBDIR" -name 'lib*.so.*' -type f -printf '%f\n' \
    | sed -nE "s/^(.*)\.so\.([0-9][0-9.]*)\$/\1 \2 $NAME/p" | sort -u > "$stage/DEBIAN/shlibs"
  # shellcheck disable=SC2086 # word splitting of the lists is intended
  (cd "$tmp" && dpkg-shlibdeps -O --ignore-missing-info --warnings=0 -x"$NAME" -S"$stage" $libdirs \
      $(printf -- "-e$stage/%s " $elves) 2>"$tmp/err") > "$tmp/out" \
    || { cat "$tmp/err" >&2; rm -f "$stage/DEBIAN/shlibs"; die "dpkg-shlibdeps failed"; }
  rm -f "$stage/DEBIAN/shlibs"
  sed -n 's/^shlibs:Depends=//p' "$tmp/out"
  rm -rf "$tmp"
}

deb() {
  local t stage out depends size; t=$(now)
  [ -x "$DIST/$NAME/$NAME" ] || die "no bundle in $DIST/$NAME: build it first (packaging/build_linux.sh bundle)"
  command -v dpkg-shlibdeps >/dev/null || die "dpkg-shlibdeps is missing: apt-get install dpkg-dev"
  stage="$ROOT/build/deb/${NAME}_${VERSION}_$ARCH"
  out="$DIST/${NAME}_${VERSION}_$ARCH.deb"
  say "deb: $out"
  rm -rf "$stage"
  mkdir -p "$stage/DEBIAN" "$stage$LIBDIR" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/mime/packages" "$stage/usr/share/doc/$NAME" "$stage/usr/share/lintian/overrides" \
    "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/man/man1"
  cp -a "$DIST/$NAME/." "$stage$LIBDIR/"
  # Shared libraries need no execute bit (lintian: shared-library-is-executable); the bootloader does.
  find "$stage$LIBDIR/_internal" -type f -name '*.so*' -exec chmod 0644 {} +
  ln -s "../lib/$NAME/$NAME" "$stage/usr/bin/$NAME"
  gzip -9n < packaging/linux/$NAME.1 > "$stage/usr/share/man/man1/$NAME.1.gz"
  install -m644 packaging/linux/$NAME.desktop "$stage/usr/share/applications/"
  install -m644 packaging/linux/$NAME.xml "$stage/usr/share/mime/packages/"
  install -m644 packaging/icons/$NAME.svg "$stage/usr/share/icons/hicolor/scalable/apps/"
  for s in 16 24 32 48 64 128 256 512; do
    install -D -m644 "packaging/icons/$NAME-$s.png" "$stage/usr/share/icons/hicolor/${s}x$s/apps/$NAME.png"
  done
  printf 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: Finetune Studio\n\nFiles: *\nCopyright: 2026 Finetune Studio authors\nLicense: proprietary\n See the licence that came with the application. The bundle in %s also\n contains Python, Qt for Python (LGPLv3) and other libraries under their own licences.\n' \
    "$LIBDIR" > "$stage/usr/share/doc/$NAME/copyright"
  printf '%s (%s) stable; urgency=medium\n\n  * Release %s.\n\n -- Finetune Studio <packaging@finetune-studio.invalid>  %s\n' \
    "$NAME" "$VERSION" "$VERSION" "$(date -R ${SOURCE_DATE_EPOCH:+-d "@$SOURCE_DATE_EPOCH"})" \
    | gzip -9n > "$stage/usr/share/doc/$NAME/changelog.gz"
  install -m644 packaging/linux/lintian-overrides "$stage/usr/share/lintian/overrides/$NAME"
  depends=$(deb_depends "$stage")
  [ -n "$depends" ] || die "could not work out Depends:"
  # ca-certificates: HTTPS to the provider (see check_tls in app/selftest.py). No ELF file shows it.
  depends="$depends, ca-certificates"
  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  cat > "$stage/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: Finetune Studio <packaging@finetune-studio.invalid>
Installed-Size: $size
Depends: $depends
Recommends: gnome-keyring | kwalletmanager, xdg-utils
Section: science
Priority: optional
Description: desktop studio for building fine-tuning data
 Finetune Studio lets a domain expert (a lawyer, a physician, a support
 lead) turn know-how into a fine-tuned model: build and clean the training
 data, judge model answers side by side, launch and watch training, and
 compare the result with the base model. Projects are single SQLite files;
 API keys live in the system keyring (Secret Service, e.g. GNOME Keyring).
EOF
  dpkg-deb --root-owner-group -Z"$DEB_COMPRESS" --build "$stage" "$out" >/dev/null
  say "deb: $(du -h "$out" | cut -f1) ($DEB_COMPRESS) in $(took "$t")"
  say "deb: Depends: $depends"
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(all)
for target in "${targets[@]}"; do
  case $target in
    bundle) bundle ;;
    tar) tarball ;;
    deb) deb ;;
    all) bundle; tarball; deb ;;
    *) die "usage: packaging/build_linux.sh [bundle|tar|deb|all]..." ;;
  esac
done
