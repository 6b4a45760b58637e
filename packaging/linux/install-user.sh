#!/bin/sh
# Install the unpacked CollabFacil bundle for this user only (no root needed):
#   the program    ~/.local/lib/collabfacil/
#   the command    ~/.local/bin/collabfacil
#   the menu entry, metadata and icons under ~/.local/share (XDG_DATA_HOME)
# Run it from the unpacked folder:   ./install-user.sh        (or --uninstall)
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
APP_ID=uk.org.collabfacil.CollabFacil
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
LIB=$HOME/.local/lib/collabfacil
BIN=$HOME/.local/bin

refresh() {  # let the desktop see the change; harmless where the tools are missing
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" >/dev/null 2>&1 || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$BIN/collabfacil" "$DATA/applications/$APP_ID.desktop" \
          "$DATA/metainfo/$APP_ID.metainfo.xml"
    find "$DATA/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
    rm -rf "$LIB"
    refresh
    echo "CollabFacil removed. Your workshops are kept (see Help > About for where)."
    exit 0
fi

[ -x "$HERE/collabfacil" ] && [ -d "$HERE/share" ] \
    || { echo "install-user.sh: run me from the unpacked collabfacil folder" >&2; exit 1; }
if [ "$HERE" != "$LIB" ]; then
    rm -rf "$LIB"
    mkdir -p "$(dirname "$LIB")"
    cp -a "$HERE" "$LIB"
fi
mkdir -p "$BIN" "$DATA/applications" "$DATA/metainfo" "$DATA/icons"
ln -sf "$LIB/collabfacil" "$BIN/collabfacil"
# The menu entry names the program by its full path: ~/.local/bin is not on
# every desktop session's PATH.
sed -e "s|^Exec=collabfacil|Exec=\"$LIB/collabfacil\"|" \
    -e "s|^TryExec=collabfacil|TryExec=$LIB/collabfacil|" \
    "$LIB/share/applications/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
cp "$LIB/share/metainfo/$APP_ID.metainfo.xml" "$DATA/metainfo/"
cp -R "$LIB/share/icons/hicolor" "$DATA/icons/"
refresh
echo "CollabFacil installed in $LIB; start it from the applications menu or with $BIN/collabfacil"
