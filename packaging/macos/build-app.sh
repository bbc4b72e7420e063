#!/usr/bin/env bash
# Build schemadesk.app and schemadesk-<version>.dmg on macOS, optionally signed and notarized.
#
#   packaging/macos/build-app.sh
#
# Run on the oldest macOS the .dmg should support's architecture (an arm64 Mac builds an arm64
# app; PyInstaller does not cross-build). Needs Python 3.11+ from python.org or Homebrew and the
# Xcode command-line tools (iconutil, hdiutil, codesign, xcrun).
# Environment:
#   PYTHON               interpreter to make the build venv with (default python3)
#   CODESIGN_IDENTITY    e.g. "Developer ID Application: Example Ltd (TEAMID)": sign the .app
#                        and the .dmg with the hardened runtime; unset: unsigned (local use)
#   NOTARY_PROFILE       a notarytool keychain profile (xcrun notarytool store-credentials ...):
#                        notarize and staple the .dmg; needs CODESIGN_IDENTITY
# Output: packaging/out/dist/schemadesk.app and packaging/out/schemadesk-<version>.dmg
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
OUT=$PWD/packaging/out
VENV=$OUT/venv-macos
PYTHON=${PYTHON:-python3}

[[ $(uname) == Darwin ]] || { echo "build-app.sh: run this on macOS" >&2; exit 2; }
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q -e ".[packaging]"
VERSION=$("$VENV/bin/python" -c 'import schemadesk; print(schemadesk.__version__)')

# Icon: Qt renders the SVG to an .iconset, iconutil makes the .icns.
rm -rf "$OUT/icons/schemadesk.iconset"
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" packaging/render_icons.py \
    resources/icons/schemadesk.svg --iconset "$OUT/icons/schemadesk.iconset"
iconutil -c icns "$OUT/icons/schemadesk.iconset" -o "$OUT/icons/schemadesk.icns"

# The oldest macOS the bundled Qt runs on, read off QtCore itself, goes into Info.plist.
QTCORE=$("$VENV/bin/python" -c 'import PySide6, pathlib; print(next(pathlib.Path(PySide6.__file__).parent.glob("Qt/lib/QtCore.framework/Versions/A/QtCore")))')
MACOS_MIN=$(otool -l "$QTCORE" | awk '/LC_BUILD_VERSION/{f=1} f && /minos/{print $2; exit}')
echo "schemadesk $VERSION; Qt needs macOS ${MACOS_MIN:-unknown} or later"

rm -rf "$OUT/dist" "$OUT/build"
SCHEMADESK_ICON="$OUT/icons/schemadesk.icns" SCHEMADESK_MACOS_MIN="$MACOS_MIN" \
    "$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/build" packaging/schemadesk.spec
APP=$OUT/dist/schemadesk.app
/usr/libexec/PlistBuddy -c 'Print :CFBundleIdentifier' "$APP/Contents/Info.plist"

# Smoke test of the .app's own executable (offscreen; needs PostgreSQL server binaries, e.g.
# 'brew install postgresql@17'; skipped with a note when there are none).
"$APP/Contents/MacOS/schemadesk" --version
if QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/schemadesk" demo --smoke-test; then
    echo "demo smoke test passed"
else
    echo "demo smoke test failed (exit $?; 4 means no PostgreSQL server binaries here)" >&2
fi

if [[ -n ${CODESIGN_IDENTITY:-} ]]; then
    # Hardened runtime (required for notarization), secure timestamp, every nested binary.
    codesign --force --deep --options runtime --timestamp \
        --sign "$CODESIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
fi

# The .dmg: the app and a link to /Applications to drag it onto.
STAGE=$OUT/dmg
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG=$OUT/schemadesk-$VERSION.dmg
rm -f "$DMG"
hdiutil create -volname "schemadesk $VERSION" -srcfolder "$STAGE" -ov -format UDZO "$DMG"
rm -rf "$STAGE"

if [[ -n ${CODESIGN_IDENTITY:-} ]]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
    if [[ -n ${NOTARY_PROFILE:-} ]]; then
        xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
        xcrun stapler staple "$DMG"
        spctl --assess --type open --context context:primary-signature --verbose "$DMG"
    fi
fi
ls -lh "$DMG"
