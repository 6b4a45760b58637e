"""Make every packaged icon from the one drawing, resources/icons/collabfacil.svg.

    python packaging/make_icons.py      # needs rsvg-convert (Debian: librsvg2-bin)

Writes, named by the app id (packaging/linux/*.desktop):
- packaging/linux/icons/hicolor/scalable/apps/<app-id>.svg  (a copy of the drawing)
- packaging/linux/icons/hicolor/NxN/apps/<app-id>.png for N in SIZES
- packaging/windows/collabfacil.ico and packaging/macos/collabfacil.icns, built
  here from PNGs (both formats may hold PNG images), so no image library is needed.
The outputs are committed; run this again only when the drawing changes.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "uk.org.collabfacil.CollabFacil"
SOURCE = ROOT / "resources" / "icons" / "collabfacil.svg"
HICOLOR = ROOT / "packaging" / "linux" / "icons" / "hicolor"
SIZES = (16, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 32, 48, 64, 128, 256)
# icns image types that hold PNG data, by pixel size (Apple's icns format)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render(size: int, out: Path) -> bytes:
    """The drawing as a size×size PNG at ``out``; returns its bytes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["rsvg-convert", "--width", str(size), "--height", str(size),
                    "--keep-aspect-ratio", "--output", str(out), str(SOURCE)], check=True)
    return out.read_bytes()


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, data = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        data += png
        offset += len(png)
    return header + entries + data


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG images."""
    body = b"".join(ICNS_TYPES[size] + struct.pack(">I", len(png) + 8) + png
                    for size, png in sorted(images.items()))
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    if shutil.which("rsvg-convert") is None:
        sys.stderr.write("make_icons.py: rsvg-convert is needed (apt-get install librsvg2-bin)\n")
        return 1
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    pngs = {size: render(size, HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
            for size in SIZES}
    with tempfile.TemporaryDirectory() as tmp:
        pngs[512] = render(512, Path(tmp) / "512.png")  # for the Mac's Retina sizes only
    (ROOT / "packaging" / "windows").mkdir(exist_ok=True)
    (ROOT / "packaging" / "windows" / "collabfacil.ico").write_bytes(
        ico({s: pngs[s] for s in ICO_SIZES}))
    (ROOT / "packaging" / "macos").mkdir(exist_ok=True)
    (ROOT / "packaging" / "macos" / "collabfacil.icns").write_bytes(
        icns({s: pngs[s] for s in ICNS_TYPES}))
    sys.stdout.write(f"icons written under {HICOLOR}, packaging/windows and packaging/macos\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
