#!/usr/bin/env bash
# Build CollabFacil's one-folder bundle with PyInstaller, then smoke-test it as a
# facilitator's machine would run it: no Python on PATH, an empty environment.
#
#   packaging/build.sh                 # build into build/bundle/dist/collabfacil
#
# Environment: PYTHON (default python3; 3.11 or newer) makes the clean build venv;
# BUILD_DIR (default <repo>/build/bundle) holds the venv, PyInstaller's work
# folder, the bundle (dist/collabfacil) and the smoke test's files.
# Linux only as written (the smoke test uses env -i and /usr/bin); on Windows and
# macOS run the same spec by hand: see packaging/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
BUILD_DIR="${BUILD_DIR:-$ROOT/build/bundle}"
VENV="$BUILD_DIR/venv"
DIST="$BUILD_DIR/dist"
BUNDLE="$DIST/collabfacil"
EXE="$BUNDLE/collabfacil"
SMOKE="$BUILD_DIR/smoke"
CHECK=("$VENV/bin/python" "$ROOT/packaging/smoke_checks.py")

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'build.sh: FAILED: %s\n' "$*" >&2; exit 1; }

started=$(date +%s)

step "A clean build venv ($("$PYTHON" --version 2>&1)) with CollabFacil and PyInstaller"
rm -rf "$VENV" "$BUILD_DIR/work" "$DIST" "$SMOKE"
mkdir -p "$BUILD_DIR"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "$ROOT" -r "$ROOT/packaging/requirements-build.txt"
"$VENV/bin/python" -m pip list --disable-pip-version-check 2>/dev/null \
    | grep -Ei '^(collabfacil|pyinstaller|pyside6|shiboken6|reportlab|sqlite-utils) '

step "PyInstaller: packaging/pyinstaller/collabfacil.spec"
(cd "$BUILD_DIR" && "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD_DIR/work" \
    "$ROOT/packaging/pyinstaller/collabfacil.spec")
[ -x "$EXE" ] || fail "no executable at $EXE"
# What a Linux desktop needs beside the program, for install-user.sh
APP_ID=uk.org.collabfacil.CollabFacil
mkdir -p "$BUNDLE/share/applications" "$BUNDLE/share/metainfo" "$BUNDLE/share/icons"
cp "$ROOT/packaging/linux/$APP_ID.desktop" "$BUNDLE/share/applications/"
cp "$ROOT/packaging/linux/$APP_ID.metainfo.xml" "$BUNDLE/share/metainfo/"
cp -R "$ROOT/packaging/linux/icons/hicolor" "$BUNDLE/share/icons/"
cp "$ROOT/packaging/linux/install-user.sh" "$BUNDLE/"
build_seconds=$(( $(date +%s) - started ))

step "What is in the bundle"
# Compare with the package as installed in the build venv (what was bundled),
# not the work tree, which may have changed since.
PACKAGE_ROOT=$("$VENV/bin/python" -c 'import collabfacil, pathlib; print(pathlib.Path(collabfacil.__file__).parent.parent)')
"${CHECK[@]}" bundle-modules "$EXE" "$PACKAGE_ROOT"
for f in resources/exercises/e01-what-brought-me-here.toml \
         resources/templates/masterclass-4h.toml \
         resources/fonts/DejaVuSans.ttf resources/fonts/LICENSE-DejaVu.txt \
         resources/icons/collabfacil.svg; do
    [ -f "$BUNDLE/_internal/$f" ] || fail "$f is not in the bundle"
done
# The app icon is an SVG: Qt draws it through the svg image-format and icon-engine
# plugins, which need QtSvg. Without them the windows would have no icon.
for plugin in imageformats/libqsvg.so iconengines/libqsvgicon.so platforms/libqxcb.so \
              platforms/libqoffscreen.so platforms/libqwayland.so; do
    find "$BUNDLE/_internal" -path "*/plugins/$plugin" | grep -q . \
        || fail "the Qt plugin $plugin is not in the bundle"
done
find "$BUNDLE/_internal" -name 'libQt6Svg.so*' | grep -q . || fail "libQt6Svg is not in the bundle"
# The export dialog's preview: pypdfium2 loads PDFium's own library with ctypes
# (pyinstaller-hooks-contrib's pypdfium2_raw hook collects it, and version.json).
for f in pypdfium2_raw/libpdfium.so pypdfium2_raw/version.json pypdfium2/version.json; do
    [ -f "$BUNDLE/_internal/$f" ] || fail "$f is not in the bundle: the export dialog would have no preview"
done
for unused in WebEngineCore Quick Qml Multimedia 3DCore Network Pdf; do
    if find "$BUNDLE/_internal" -name "libQt6$unused.so*" | grep -q .; then
        printf 'note: libQt6%s is in the bundle (a dependency of something used)\n' "$unused"
    fi
done
echo "ok: resources, fonts with their licence, the icon, the Qt plugins it needs, and PDFium"
# The spec leaves out plugins a laptop never uses and the libraries only they
# link to: check that nothing left in the bundle links to a library it lacks,
# other than the basic ones PyInstaller always leaves to the system (libc, libGL...).
bundled=$(find "$BUNDLE" \( -type f -o -type l \) -printf '%f\n' | sort -u)
from_system=()
while read -r lib; do
    grep -qxF "$lib" <<<"$bundled" && continue
    case "$lib" in
        libQt6*|libpyside6*|libshiboken6*|libpython*|libicu*|libcairo*|libpango*|libgtk*|\
        libgdk*|libatk*|libpixman*|libfribidi*|libdatrie*|libthai*|libepoxy*)
            fail "a bundled binary needs $lib, which is not in the bundle" ;;
    esac
    from_system+=("$lib")
done < <(find "$BUNDLE" -type f \( -name '*.so*' -o -path "$EXE" \) -exec readelf -d {} + \
             2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)
echo "ok: every library the bundle links to is in it, but these from the system: ${from_system[*]}"

step "Smoke test: the bundle alone (env -i, PATH without Python)"
mkdir -p "$SMOKE/home" "$SMOKE/bin"
# A PATH of /usr/bin and /bin as a facilitator's machine has them, but without
# Python: this machine's /usr/bin has a python3, so link everything else.
for dir in /usr/bin /bin; do
    for tool in "$dir"/*; do
        name=$(basename "$tool")
        case "$name" in python*|pip*|pydoc*|pyvenv*|idle*|2to3*) continue ;; esac
        [ -e "$SMOKE/bin/$name" ] || ln -s "$tool" "$SMOKE/bin/$name"
    done
done
if env -i PATH="$SMOKE/bin" sh -c 'command -v python3 || command -v python' >/dev/null; then
    fail "Python is still on the smoke test's PATH"
fi
bare() {  # run the bundle with nothing of this shell's environment
    env -i HOME="$SMOKE/home" PATH="$SMOKE/bin" LANG=C.UTF-8 "$@"
}
DB="$SMOKE/workshops.db"
last_line() { tail -n 1 | tr -d '[:space:]'; }

version=$(bare "$EXE" --version)
echo "collabfacil --version: $version"
want=$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("collabfacil"))')
[[ "$version" == *"$want"* ]] || fail "--version printed '$version', not $want"

bare QT_QPA_PLATFORM=offscreen QT_DEBUG_PLUGINS=1 "$EXE" --db "$DB" --exit-after-startup \
    2> "$SMOKE/startup-plugins.txt" || fail "--exit-after-startup exited $?"
echo "ok: --exit-after-startup (offscreen) exited 0 on a fresh database"
# run_app sets the SVG icon on the windows: the bundle's svg icon engine must load.
grep -q 'iconengines/libqsvgicon.so" loaded library' "$SMOKE/startup-plugins.txt" \
    || fail "the svg icon engine did not load: the windows would have no icon"
echo "ok: the app icon (SVG) loaded through the bundled svg icon engine"
# The export dialog's preview of the PDF: after the app has started and exited,
# COLLABFACIL_SMOKE_PREVIEW (read only by the bundle's entry point, for this test)
# makes the bundle draw the demo's first pages with its pypdfium2 and PDFium.
status=0
bare QT_QPA_PLATFORM=offscreen COLLABFACIL_SMOKE_PREVIEW="$SMOKE/preview" "$EXE" --db "$DB" \
    --exit-after-startup > "$SMOKE/preview.txt" 2>&1 || status=$?
[ "$status" -eq 0 ] || { cat "$SMOKE/preview.txt"; fail "the preview self-check exited $status"; }
grep '^preview: ' "$SMOKE/preview.txt" || fail "the preview self-check printed nothing"
"${CHECK[@]}" preview "$SMOKE/preview" 3

demo_id=$(bare "$EXE" demo --db "$DB" | last_line)
[[ "$demo_id" =~ ^[0-9]+$ ]] || fail "demo printed no id"
echo "ok: demo created workshop $demo_id"
new_id=$(bare "$EXE" new --template masterclass-4h --title "Smoke test" --db "$DB" | last_line)
[[ "$new_id" =~ ^[0-9]+$ ]] || fail "new printed no id"
echo "ok: new --template masterclass-4h created workshop $new_id"

bare "$EXE" export "$demo_id" --pdf "$SMOKE/demo.pdf" --db "$DB"
"${CHECK[@]}" pdf "$SMOKE/demo.pdf" "Home First" "Northshire" "Riverside Community Hub"
bare "$EXE" export "$new_id" --pdf "$SMOKE/masterclass-4h.pdf" --db "$DB"
"${CHECK[@]}" pdf "$SMOKE/masterclass-4h.pdf" "Smoke test"

# Every step type through the bundle's registries (found with pkgutil/importlib
# by name): one workshop with the demo's data, the 4-hour agenda and a review.
bare "$EXE" export "$demo_id" --json "$SMOKE/demo.json" --db "$DB"
bare "$EXE" export "$new_id" --json "$SMOKE/new.json" --db "$DB"
"${CHECK[@]}" every-step-type "$SMOKE/every.json" "$SMOKE/demo.json" "$SMOKE/new.json"
every_id=$(bare "$EXE" import "$SMOKE/every.json" --db "$DB" | last_line)
bare "$EXE" export "$every_id" --json "$SMOKE/every-again.json" --db "$DB"
"${CHECK[@]}" step-types "$SMOKE/every-again.json" "$PACKAGE_ROOT"
bare "$EXE" export "$every_id" --pdf "$SMOKE/every.pdf" --db "$DB"
"${CHECK[@]}" pdf "$SMOKE/every.pdf" "Every step type" "Actions from last time"
for format in csv md; do
    bare "$EXE" export "$every_id" "--$format" "$SMOKE/every.$format" --db "$DB"
    [ -s "$SMOKE/every.$format" ] || fail "export --$format wrote nothing"
done
bare QT_QPA_PLATFORM=offscreen "$EXE" --db "$DB" --workshop "$every_id" --exit-after-startup \
    || fail "--exit-after-startup --workshop $every_id exited $?"
echo "ok: csv and md exports, and the app opened on that workshop"

bare "$EXE" exercises --json > "$SMOKE/exercises.json"
"${CHECK[@]}" exercises "$SMOKE/exercises.json" 14
bare "$EXE" list --db "$DB" > /dev/null

set +e
bare "$EXE" export 9999 --pdf "$SMOKE/none.pdf" --db "$DB" 2> "$SMOKE/error.txt"
status=$?
set -e
[ "$status" -eq 1 ] || fail "export of an unknown workshop exited $status, not 1"
grep -q "Traceback" "$SMOKE/error.txt" && fail "a traceback on a user-facing error"
echo "ok: an unknown workshop exits 1 with one line: $(cat "$SMOKE/error.txt")"

step "Per-user install (install-user.sh into a scratch HOME)"
INSTALL_HOME="$SMOKE/install-home"
env -i HOME="$INSTALL_HOME" PATH="$SMOKE/bin" "$BUNDLE/install-user.sh"
installed="$INSTALL_HOME/.local/share/applications/$APP_ID.desktop"
[ -f "$installed" ] || fail "install-user.sh wrote no menu entry"
[ -f "$INSTALL_HOME/.local/share/icons/hicolor/256x256/apps/$APP_ID.png" ] \
    || fail "install-user.sh installed no icon"
env -i HOME="$INSTALL_HOME" PATH="$SMOKE/bin" "$INSTALL_HOME/.local/bin/collabfacil" --version \
    | grep -qF "$want" || fail "the installed command does not run"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$installed" || fail "the installed menu entry does not validate"
fi
env -i HOME="$INSTALL_HOME" PATH="$SMOKE/bin" "$INSTALL_HOME/.local/lib/collabfacil/install-user.sh" --uninstall
[ ! -e "$INSTALL_HOME/.local/bin/collabfacil" ] || fail "--uninstall left the command"
echo "ok: installed per user, ran from ~/.local/bin, and uninstalled"

step "Size and start-up time"
size=$(du -sh "$BUNDLE" | cut -f1)
echo "bundle: $size in $BUNDLE ($(find "$BUNDLE" -type f | wc -l) files)"
archive="$BUILD_DIR/collabfacil-$want-linux-$(uname -m).tar.gz"
tar -C "$DIST" -czf "$archive" collabfacil
echo "to hand out: $archive ($(du -sh "$archive" | cut -f1))"
startup_cmd="env -i HOME=$SMOKE/home PATH=$SMOKE/bin QT_QPA_PLATFORM=offscreen $EXE --db $DB --exit-after-startup"
bare_qt="$VENV/bin/python -c 'from PySide6.QtWidgets import QApplication, QWidget; a = QApplication([]); w = QWidget(); w.show(); a.processEvents()'"
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 2 --runs 10 --export-markdown "$SMOKE/startup.md" \
        -n "bundle --exit-after-startup" "$startup_cmd" \
        -n "bare PySide6 window (build venv, for comparison)" "QT_QPA_PLATFORM=offscreen $bare_qt"
else
    for run in 1 2 3 4 5; do
        t0=$(date +%s%N); $startup_cmd; t1=$(date +%s%N)
        echo "run $run: $(( (t1 - t0) / 1000000 )) ms"
    done
fi
echo
echo "build (venv, install, PyInstaller): ${build_seconds}s; bundle: $size ($(du -sh "$archive" | cut -f1) as .tar.gz)"
echo "build.sh: all smoke tests passed"
