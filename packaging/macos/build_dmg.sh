#!/usr/bin/env bash
# Build "Finetune Studio.app" and a .dmg on macOS; sign and notarise both when credentials are given.
#
#   packaging/macos/build_dmg.sh
#
# Runs on macOS only (PyInstaller cannot cross-build; hdiutil, codesign and notarytool are Apple's).
# Needs: the dev venv (python3.11 -m venv .venv && .venv/bin/pip install -e '.[test]'), Xcode's
# command-line tools. Build on the oldest macOS you support, once per architecture (arm64, x86_64):
# the bundle runs on the architecture of the Python that built it.
#
# Signing and notarisation (all optional; without them the .dmg is built unsigned, which Gatekeeper
# blocks on other Macs unless the user right-clicks → Open):
#   CODESIGN_IDENTITY  "Developer ID Application: Your Org (TEAMID)" — a Developer ID certificate in
#                      the login keychain (Xcode → Settings → Accounts → Manage Certificates).
#   NOTARY_PROFILE     a notarytool keychain profile, made once with
#                      xcrun notarytool store-credentials finetune-notary --apple-id you@example.com \
#                        --team-id TEAMID --password <app-specific password from appleid.apple.com>
# Steps when both are set: PyInstaller signs every binary and the .app inside-out with the hardened
# runtime and packaging/macos/entitlements.plist (codesign_identity in the spec); this script checks
# the signature, builds and signs the .dmg, submits it to Apple's notary service and waits, staples
# the ticket to the .dmg (so it verifies offline), and checks the result with Gatekeeper (spctl).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
[ "$(uname -s)" = Darwin ] || { echo "error: build_dmg.sh runs on macOS only" >&2; exit 1; }

PY=${PYTHON:-$ROOT/.venv/bin/python}
DIST=${DIST:-$ROOT/dist}
APP="$DIST/Finetune Studio.app"
VERSION=$("$PY" -c 'import app; print(app.__version__)')
DMG="$DIST/finetune-studio-$VERSION-macos-$(uname -m).dmg"
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

say "PyInstaller: $APP"
# Translations, built (not in git) before collecting: the window's .ts -> .qm, the core's .po -> .mo.
"$PY" tools/build_translations.py --force --quiet  # set -e stops the build if it fails
"$PY" -m app.i18n_msgfmt >/dev/null
trap '"$PY" packaging/write_build_info.py --remove' EXIT
"$PY" packaging/write_build_info.py
# The spec reads these two to sign while it builds (FTS_CODESIGN_IDENTITY empty: unsigned build).
FTS_CODESIGN_IDENTITY=${CODESIGN_IDENTITY:-} \
  "$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" \
  packaging/finetune-studio.spec
"$PY" packaging/write_build_info.py --remove
trap - EXIT

say "self-test of the built app"
"$APP/Contents/MacOS/finetune-studio" --version
"$APP/Contents/MacOS/finetune-studio" --self-test

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  say "verify the app's signature"
  codesign --verify --deep --strict --verbose=2 "$APP"
fi

say "disk image: $DMG"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"  # drag-to-install
rm -f "$DMG"
hdiutil create -volname "Finetune Studio" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  say "sign the disk image"
  codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
  if [ -n "${NOTARY_PROFILE:-}" ]; then
    say "notarise (usually a few minutes)"
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
  else
    say "NOTARY_PROFILE not set: signed but not notarised (Gatekeeper will warn on other Macs)"
  fi
else
  say "CODESIGN_IDENTITY not set: unsigned build, for testing on this Mac only"
fi
say "done: $DMG ($(du -h "$DMG" | cut -f1))"
