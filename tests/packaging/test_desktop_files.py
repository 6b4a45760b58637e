"""Desktop integration files: one app id everywhere, the version from pyproject, every icon size."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "uk.org.collabfacil.CollabFacil"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
HICOLOR = PACKAGING / "linux" / "icons" / "hicolor"
PNG_SIZES = (16, 32, 48, 64, 128, 256)


def pyproject() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in desktop files
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_desktop_entry_launches_the_collabfacil_command_with_the_app_id_icon() -> None:
    """The .desktop file parses, runs the console script, and names the icon by the app id."""
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "CollabFacil"
    assert entry["Icon"] == APP_ID
    command = entry["Exec"].split()[0]
    assert command in pyproject()["project"]["scripts"]
    assert entry["Terminal"] == "false"
    assert "Office" in entry["Categories"].split(";")


def test_the_metainfo_uses_the_same_app_id_and_launches_the_desktop_file() -> None:
    """AppStream id, launchable and file names all agree (STYLE.md 1.7)."""
    root = metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("provides/binary") in pyproject()["project"]["scripts"]


def test_the_metainfo_release_and_licence_are_pyprojects() -> None:
    """The newest release is the package's version, under pyproject.toml's licence."""
    from collabfacil import __version__

    root = metainfo()
    releases = root.findall("releases/release")
    assert releases, "no <release> in the metainfo"
    project = pyproject()["project"]
    assert releases[0].get("version") == __version__
    assert releases[0].get("date")
    assert root.findtext("project_license") == project["license"]


def test_the_metainfo_has_a_summary_description_content_rating_and_screenshots() -> None:
    """Everything a software centre shows, with screenshots that exist in docs/screenshots."""
    root = metainfo()
    assert root.findtext("summary")
    assert root.find("description/p") is not None
    assert root.find("content_rating").get("type") == "oars-1.1"
    images = [image.text for image in root.findall("screenshots/screenshot/image")]
    assert images
    for url in images:
        assert url.startswith("https://")
        assert "/docs/screenshots/" in url
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url


@pytest.mark.parametrize("size", PNG_SIZES)
def test_every_png_icon_size_exists_at_its_size(size: int) -> None:
    """hicolor/NxN/apps/<app-id>.png is an N×N PNG."""
    path = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert path.is_file()
    assert png_size(path) == (size, size)


def test_the_scalable_icon_is_the_apps_own_drawing() -> None:
    """The packaged SVG is resources/icons/collabfacil.svg (run packaging/make_icons.py)."""
    packaged = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    assert packaged.read_bytes() == (ROOT / "resources" / "icons" / "collabfacil.svg").read_bytes()


def test_the_windows_and_macos_icons_hold_the_png_sizes() -> None:
    """The .ico and .icns the PyInstaller spec names exist and hold PNG images."""
    ico = (PACKAGING / "windows" / "collabfacil.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(PNG_SIZES))
    sides = sorted(ico[6 + 16 * i] or 256 for i in range(count))
    assert sides == list(PNG_SIZES)
    icns = (PACKAGING / "macos" / "collabfacil.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic08" in icns  # 256×256


def test_the_pyinstaller_spec_shares_the_app_id_and_reads_the_packages_version() -> None:
    """One app id; the version's one source is collabfacil/__init__.py (pyproject reads
    it from there too); the resources it lists exist."""
    spec = (PACKAGING / "pyinstaller" / "collabfacil.spec").read_text(encoding="utf-8")
    assert f'APP_ID = "{APP_ID}"' in spec
    assert '(ROOT / "collabfacil" / "__init__.py")' in spec
    pyproject_text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'path = "collabfacil/__init__.py"' in pyproject_text
    assert "collect_submodules(\"collabfacil\")" in spec
    for folder in ("exercises", "templates", "fonts", "icons"):
        assert f'"resources/{folder}' in spec
        assert (ROOT / "resources" / folder).is_dir()
    assert "LICENSE-DejaVu.txt" in spec


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (desktop-file-utils)")
def test_the_desktop_file_validates() -> None:
    """desktop-file-validate finds nothing wrong."""
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli is not installed (appstream)")
def test_the_metainfo_validates() -> None:
    """appstreamcli validate (offline) passes."""
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
