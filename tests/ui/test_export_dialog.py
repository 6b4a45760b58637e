"""The export dialog: choose sections, appendix, paper and names, preview, save."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pypdf
import pytest
import shiboken6
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from collabfacil.domain.demo import build_demo
from collabfacil.domain.exercises import Library
from collabfacil.domain.model import WorkshopData
from collabfacil.export.anonymise import WITHHELD
from collabfacil.export.paper import paper_sections
from collabfacil.resources import load_shipped_library
from collabfacil.storage.repository import WorkshopRepository
from collabfacil.ui import dialogs, export_dialog
from collabfacil.ui.export_dialog import ExportDialog
from collabfacil.ui.preferences import Preferences

DEMO_SECTIONS = ["1. Purpose and shared goal", "2. Barriers and what we will stop doing",
                 "3. Other discussion", "4. The action plan",
                 "5. Reflections and relationship commitments"]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_shipped_library()


@pytest.fixture
def demo(repo: WorkshopRepository, library: Library) -> WorkshopData:
    """The demo workshop, as the app loads it from the database."""
    return repo.load(repo.insert_workshop_data(build_demo(library)))


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the dialog asked the system to open (none is really opened)."""
    files: list[Path] = []
    monkeypatch.setattr(export_dialog, "open_externally", files.append)
    return files


@pytest.fixture
def make_dialog(qtbot: QtBot, demo: WorkshopData, library: Library, tmp_path: Path,
                opened: list[Path]) -> Iterator[Callable[..., ExportDialog]]:
    """Build the dialog on the demo workshop, shown, with its first preview drawn.

    Takes ``preferences`` (default: fresh, in memory). Teardown waits for any preview
    still rendering, so no worker outlives its test.
    """
    def make(preferences: Preferences | None = None) -> ExportDialog:
        dialog = ExportDialog(demo, library=library, preferences=preferences or Preferences(),
                              suggested=tmp_path / "suggested.pdf")
        qtbot.addWidget(dialog)
        dialog.show()
        settle(qtbot, dialog)
        return dialog

    yield make
    QThreadPool.globalInstance().waitForDone(20000)


def settle(qtbot: QtBot, dialog: ExportDialog) -> None:
    """Wait until the preview shows the dialog's current choices."""
    qtbot.waitUntil(dialog.preview_ready, timeout=20000)


def save_to(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: target)


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def labels(dialog: ExportDialog) -> list[str]:
    return [box.text() for box in dialog.section_boxes.values()]


def test_the_sections_listed_are_the_workshops_numbered_as_printed(
        make_dialog: Callable[..., ExportDialog], demo: WorkshopData,
        library: Library) -> None:
    """One ticked box per section with content, in print order, numbered 1, 2, 3…"""
    dialog = make_dialog()
    assert list(dialog.section_boxes) == [s.number for s in paper_sections(demo, library)]
    assert labels(dialog) == DEMO_SECTIONS
    assert all(box.isChecked() for box in dialog.section_boxes.values())
    assert dialog.appendix_box.isChecked()
    assert dialog.a4_button.isChecked()
    assert not dialog.anonymise_box.isChecked()
    assert dialog.options().sections is None  # every section


def test_unticking_a_section_renumbers_the_rest(
        make_dialog: Callable[..., ExportDialog]) -> None:
    """The numbers follow what will be printed: the left-out section has none."""
    dialog = make_dialog()
    dialog.section_boxes[7].setChecked(False)
    assert labels(dialog) == ["1. Purpose and shared goal",
                              "Barriers and what we will stop doing", "2. Other discussion",
                              "3. The action plan", "4. Reflections and relationship commitments"]
    assert dialog.options().sections == frozenset({1, 0, 10, 11})


def test_an_unticked_section_is_left_out_of_the_pdf(
        make_dialog: Callable[..., ExportDialog], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Unticking "Barriers" and saving: its heading is nowhere in the file."""
    dialog = make_dialog()
    target = tmp_path / "plan.pdf"
    save_to(monkeypatch, target)
    dialog.section_boxes[7].setChecked(False)
    dialog.save_button.click()
    assert dialog.written == target
    assert dialog.result() == QDialog.DialogCode.Accepted
    text = pdf_text(target)
    assert "Purpose and shared goal" in text
    assert "Barriers and what we will stop doing" not in text


def test_without_the_appendix_the_contributions_are_not_repeated(
        make_dialog: Callable[..., ExportDialog], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The appendix of every contribution is there by default and gone when unticked."""
    dialog = make_dialog()
    with_it, without = tmp_path / "with.pdf", tmp_path / "without.pdf"
    save_to(monkeypatch, with_it)
    dialog.save_button.click()
    dialog = make_dialog()
    dialog.appendix_box.setChecked(False)
    save_to(monkeypatch, without)
    dialog.save_button.click()
    assert "every contribution" in pdf_text(with_it)
    assert "every contribution" not in pdf_text(without)


def test_us_letter_gives_letter_pages(make_dialog: Callable[..., ExportDialog], qtbot: QtBot,
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """US Letter: 612 × 792 points; the preview's pages have that shape too."""
    dialog = make_dialog()
    dialog.letter_button.click()
    assert dialog.options().paper == "Letter"
    settle(qtbot, dialog)
    image = dialog.pages.images[0]
    assert image.height() / image.width() == pytest.approx(792 / 612, abs=0.01)
    target = tmp_path / "letter.pdf"
    save_to(monkeypatch, target)
    dialog.save_button.click()
    sizes = {(round(p.mediabox.width), round(p.mediabox.height))
             for p in pypdf.PdfReader(target).pages}
    assert sizes == {(612, 792)}


def test_leaving_out_names_withholds_them(make_dialog: Callable[..., ExportDialog],
                                          tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """An action owner is named by default and withheld when names are left out."""
    dialog = make_dialog()
    named, anonymous = tmp_path / "named.pdf", tmp_path / "anonymous.pdf"
    save_to(monkeypatch, named)
    dialog.save_button.click()
    dialog = make_dialog()
    dialog.anonymise_box.setChecked(True)
    save_to(monkeypatch, anonymous)
    dialog.save_button.click()
    assert "Dr Helen Marsh" in pdf_text(named)
    text = pdf_text(anonymous)
    assert "Helen Marsh" not in text
    assert WITHHELD in text


@pytest.mark.parametrize("open_it", [True, False])
def test_the_pdf_is_opened_when_done_only_if_asked(
        make_dialog: Callable[..., ExportDialog], opened: list[Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, open_it: bool) -> None:
    """"Open the PDF when done" hands the written file to the system's viewer."""
    dialog = make_dialog()
    dialog.open_box.setChecked(open_it)
    target = tmp_path / "plan.pdf"
    save_to(monkeypatch, target)
    dialog.save_button.click()
    assert target.is_file()
    assert opened == ([target] if open_it else [])


def test_the_preview_shows_the_first_pages(make_dialog: Callable[..., ExportDialog]) -> None:
    """Three pages with ink on them, and the pane says how many there are in all."""
    dialog = make_dialog()
    assert dialog.preview is not None
    assert not dialog.preview.problem
    assert len(dialog.pages.images) == export_dialog.PREVIEW_PAGES
    assert all(ink(image) > 0.002 for image in dialog.pages.images)
    assert dialog.preview_status.text().startswith(f"Preview: the first 3 of "
                                                   f"{dialog.preview.page_count} pages")
    shown = dialog.pages.grab().toImage()
    assert ink(shown, dark=100) > 0.01  # drawn in the pane, not only held


def ink(image: QImage, *, dark: int = 160) -> float:
    """The share of sampled pixels darker than ``dark`` (text, rules, charts)."""
    step = 3
    samples = inked = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            samples += 1
            inked += image.pixelColor(x, y).lightness() < dark
    return inked / samples


def test_the_preview_follows_the_choices(make_dialog: Callable[..., ExportDialog],
                                         qtbot: QtBot) -> None:
    """Quick changes are rendered once they stop, and the pane ends on the last choice."""
    dialog = make_dialog()
    first = dialog.preview
    for _ in range(3):
        dialog.anonymise_box.toggle()
    assert not dialog.preview_ready()
    settle(qtbot, dialog)
    assert dialog.preview is not first
    assert dialog.preview is not None
    assert dialog.preview.options.anonymise


def test_without_pypdfium2_the_pane_says_so(make_dialog: Callable[..., ExportDialog],
                                            monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            qtbot: QtBot) -> None:
    """No preview library: a plain message in the pane, and saving still works."""
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import fails
    dialog = make_dialog()
    assert "pypdfium2" in dialog.preview_message.text()
    assert dialog.preview_message.isVisible()
    target = tmp_path / "plan.pdf"
    save_to(monkeypatch, target)
    dialog.save_button.click()
    assert target.read_bytes().startswith(b"%PDF")


def test_nothing_ticked_disables_save_and_says_why(
        make_dialog: Callable[..., ExportDialog]) -> None:
    """No section and no appendix: Save as… is off, with the reason beside it."""
    dialog = make_dialog()
    assert not dialog.hint.isVisible()
    dialog.none_button.click()
    assert dialog.save_button.isEnabled()  # the appendix is still there
    dialog.appendix_box.setChecked(False)
    assert not dialog.save_button.isEnabled()
    assert dialog.hint.isVisible()
    assert "nothing to print" in dialog.hint.text()
    dialog.section_boxes[10].setChecked(True)
    assert dialog.save_button.isEnabled()
    assert not dialog.hint.isVisible()
    dialog.all_button.click()
    assert all(box.isChecked() for box in dialog.section_boxes.values())


def test_a_failed_write_says_why_and_leaves_no_file(
        make_dialog: Callable[..., ExportDialog], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, opened: list[Path]) -> None:
    """A folder that does not exist: the reason is shown, nothing is written or opened,
    and the dialog stays open to try elsewhere."""
    told: list[str] = []
    monkeypatch.setattr(dialogs, "tell", lambda parent, title, message: told.append(message))
    target = tmp_path / "missing" / "plan.pdf"
    save_to(monkeypatch, target)
    dialog = make_dialog()
    dialog.save_button.click()
    assert len(told) == 1
    assert "does not exist" in told[0]
    assert not target.exists()
    assert not (tmp_path / "missing").exists()
    assert dialog.written is None
    assert dialog.isVisible()
    assert opened == []


def test_cancelling_the_file_chooser_returns_to_the_choices(
        make_dialog: Callable[..., ExportDialog], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: None)
    dialog = make_dialog()
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.written is None


def test_paper_and_opening_are_remembered(make_dialog: Callable[..., ExportDialog],
                                          tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The next export starts on the paper size and "open when done" chosen last."""
    preferences = Preferences()
    assert preferences.export_paper == "A4"
    assert preferences.open_pdf_when_done
    dialog = make_dialog(preferences)
    dialog.letter_button.click()
    dialog.open_box.setChecked(False)
    save_to(monkeypatch, tmp_path / "plan.pdf")
    dialog.save_button.click()
    assert (preferences.export_paper, preferences.open_pdf_when_done) == ("Letter", False)
    again = make_dialog(preferences)
    assert again.letter_button.isChecked()
    assert not again.open_box.isChecked()
    assert again.options().paper == "Letter"


def test_enter_saves_and_escape_cancels(make_dialog: Callable[..., ExportDialog],
                                        qtbot: QtBot, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Enter is Save as… (from a checkbox too); Esc closes without writing."""
    target = tmp_path / "plan.pdf"
    save_to(monkeypatch, target)
    dialog = make_dialog()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not target.exists()
    dialog = make_dialog()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setFocus(Qt.FocusReason.TabFocusReason)  # tabbing past Cancel…
    dialog.anonymise_box.setFocus(Qt.FocusReason.TabFocusReason)
    assert dialog.save_button.isDefault()  # …leaves Save as… the default
    qtbot.keyClick(dialog.anonymise_box, Qt.Key.Key_Return)
    assert dialog.written == target
    assert target.is_file()


def test_controls_have_names_a_screen_reader_can_read(
        make_dialog: Callable[..., ExportDialog]) -> None:
    dialog = make_dialog()
    assert dialog.windowTitle() == "Export the action plan"
    assert dialog.save_button.text().replace("&", "") == "Save as…"
    assert dialog.pages.accessibleName() == "Preview of the first pages"
    assert dialog.section_boxes[7].accessibleDescription().startswith("From: ")


def test_closing_while_the_preview_renders_is_safe(qtbot: QtBot, demo: WorkshopData,
                                                   library: Library, tmp_path: Path) -> None:
    """Cancel at once and the dialog is deleted: the worker's late result is dropped."""
    dialog = ExportDialog(demo, library=library, preferences=Preferences(),
                          suggested=tmp_path / "plan.pdf")
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    assert QThreadPool.globalInstance().waitForDone(20000)
    qtbot.wait(50)  # the finished signal, if still queued, has nowhere to go
