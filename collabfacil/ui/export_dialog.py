"""File ▸ Export the action plan: choose what to print, see the first pages, save.

The dialog lists the board paper's sections that have content, the appendix,
the paper size and whether to leave out participant names, and previews the
first pages of the PDF exactly as it would be written with those choices. The
preview is rendered on a worker thread (a 2,000-note workshop takes about a
second) and rasterised with pypdfium2; without pypdfium2 the pane says so and
saving still works. The dialog writes only the PDF file, never the database.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from collabfacil.domain.errors import CollabFacilError
from collabfacil.domain.exercises import Library
from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import WorkshopData
from collabfacil.export.paper import PaperSection, PdfOptions, paper_sections
from collabfacil.ui import dialogs
from collabfacil.ui.preferences import Preferences

logger = logging.getLogger(__name__)

PREVIEW_PAGES = 3  # the cover and the first pages of content
PREVIEW_PIXEL_WIDTH = 1100  # sharp at about 550 points wide on a 2x screen
DEBOUNCE_MS = 300
STILL_SAVES = "Saving the PDF still works."
# reportlab keeps module-level caches and PDFium is not thread-safe: one PDF at a
# time, whether it is a preview on the worker or the file being saved.
_PDF_LOCK = threading.Lock()


def open_externally(path: Path) -> None:
    """Open ``path`` in the system's PDF viewer (tests replace this)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def run_modal(dialog: ExportDialog) -> Path | None:
    """Show ``dialog`` until it is closed; the file it wrote, or None (tests replace
    this to drive the dialog instead of blocking)."""
    dialog.exec()
    return dialog.written


@frozen
class Preview:
    """What the worker made: the first pages as images and the page count, or why not."""

    options: PdfOptions
    images: tuple[QImage, ...] = ()
    page_count: int = 0
    problem: str = ""


def render_preview(data: WorkshopData, library: Library | None, options: PdfOptions,
                   pages: int = PREVIEW_PAGES, width: int = PREVIEW_PIXEL_WIDTH) -> Preview:
    """The first ``pages`` pages of the PDF as ``options`` say, ``width`` pixels wide.

    Safe to call off the GUI thread (QImage is reentrant); never raises.
    """
    from collabfacil.export.pdf import render_pdf  # reportlab: only when exporting

    try:
        with _PDF_LOCK:
            pdf = render_pdf(data, library=library, options=options)
    except Exception as exc:  # ExportError, or a bug of ours: a line in the pane either way
        if not isinstance(exc, CollabFacilError):
            logger.exception("The PDF for the preview failed")
        return Preview(options, problem=f"The PDF could not be made: {exc}")
    try:
        import pypdfium2
    except ImportError:
        return Preview(options, problem="No preview: pypdfium2, which draws it, is not "
                                        f"installed. {STILL_SAVES}")
    try:
        with _PDF_LOCK:
            images, count = _rasterise(pypdfium2, pdf, pages, width)
    except Exception as exc:  # a broken PDFium build must not take the dialog with it
        logger.exception("The preview could not be drawn")
        return Preview(options, problem=f"No preview: it could not be drawn ({exc}). "
                                        f"{STILL_SAVES}")
    return Preview(options, images, count)


def _rasterise(pypdfium2: object, pdf: bytes, pages: int,
               width: int) -> tuple[tuple[QImage, ...], int]:
    document = pypdfium2.PdfDocument(pdf)  # type: ignore[attr-defined]
    try:
        count = len(document)
        images = []
        for index in range(min(pages, count)):
            page = document[index]
            try:
                # RGBX, whatever the byte order: QImage's Format_RGBX8888 reads it as is
                bitmap = page.render(scale=width / page.get_width(), prefer_bgrx=True,
                                     rev_byteorder=True)
                image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height,
                               bitmap.stride, QImage.Format.Format_RGBX8888)
                images.append(image.copy())  # its own pixels, not the buffer's
                bitmap.close()
            finally:
                page.close()
        return tuple(images), count
    finally:
        document.close()


class _PreviewSignals(QObject):
    """Carries a finished preview from the worker to the GUI thread (queued)."""

    finished = Signal(int, object)  # generation, Preview


class PageStrip(QWidget):
    """The preview's pages side by side on a grey desk, as tall as the pane allows
    (a little less when that lets the first two fit side by side).

    Pages are scaled once per size (smoothly: text stays legible when reduced)
    and a vertical wheel scrolls sideways, to the pages beyond the first two.
    """

    MARGIN = 12
    GAP = 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: list[QImage] = []
        self._page_height = 0
        self._scaled: list[QImage] = []

    def set_images(self, images: list[QImage]) -> None:
        self.images = images
        self._scaled = []

    def fit(self, *, width: int, height: int) -> None:
        """Lay the pages out for a viewport ``width`` × ``height`` pixels: each page as
        tall as the view, or a little less if that lets the first two fit side by side."""
        room = max(80, height - 2 * self.MARGIN)
        two = (width - 2 * self.MARGIN - self.GAP) / 2  # the width of each of two pages
        shape = self.images[0].height() / max(1, self.images[0].width()) if self.images else 1.4
        self._page_height = max(80, min(room, max(round(two * shape), round(0.75 * room))))
        strip = sum(self._width_of(i) for i in self.images)
        strip += 2 * self.MARGIN + self.GAP * max(0, len(self.images) - 1)
        self.setFixedSize(max(strip, 1), room + 2 * self.MARGIN)
        self.update()

    def _width_of(self, image: QImage) -> int:
        return round(self._page_height * image.width() / max(1, image.height()))

    def _scaled_pages(self) -> list[QImage]:
        ratio = self.devicePixelRatioF()
        height = round(self._page_height * ratio)
        if not self._scaled or self._scaled[0].height() != height:
            self._scaled = [i.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
                            for i in self.images]
        return self._scaled

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#6b6f76"))  # a desk, so white pages stand out
        x = float(self.MARGIN)
        top = (self.height() - self._page_height) / 2
        for image in self._scaled_pages():
            target = QRectF(x, top, image.width() / self.devicePixelRatioF(),
                            self._page_height)
            painter.fillRect(target.translated(2, 3), QColor(0, 0, 0, 70))  # a shadow
            painter.drawImage(target, image)
            painter.setPen(QPen(QColor("#3c3f44"), 1))
            painter.drawRect(target)
            x += target.width() + self.GAP
        painter.end()


class _PreviewArea(QScrollArea):
    """Scrolls the page strip sideways (wheel and arrow keys) and refits it on resize."""

    def __init__(self, pages: PageStrip) -> None:
        super().__init__()
        self.pages = pages
        self.setWidget(pages)
        self.setWidgetResizable(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys reach page 3
        self.horizontalScrollBar().setSingleStep(48)
        self.setStyleSheet("QScrollArea { background: #6b6f76; border: 2px solid #6b6f76; }"
                           "QScrollArea:focus { border-color: palette(highlight); }")

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.refit()

    def refit(self) -> None:
        # Room for the scroll bar whether it shows or not: fitting to the height
        # with it and without it could make it come and go for ever.
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        frame = 2 * self.frameWidth()
        self.pages.fit(width=self.width() - frame, height=self.height() - frame - bar)

    def wheelEvent(self, event: object) -> None:
        delta = event.angleDelta()  # type: ignore[attr-defined]
        if abs(delta.y()) > abs(delta.x()):
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - delta.y())
            event.accept()  # type: ignore[attr-defined]
            return
        super().wheelEvent(event)  # type: ignore[arg-type]


class ExportDialog(QDialog):
    """Choose the sections, appendix, paper and names; preview; Save as… writes the PDF.

    Owns a debounce timer and at most one preview job on the global thread pool.
    ``written`` is the file saved, once saved.
    """

    def __init__(self, data: WorkshopData, *, library: Library | None,
                 preferences: Preferences, suggested: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.library = library
        self.preferences = preferences
        self.suggested = suggested
        self.written: Path | None = None
        self.sections: list[PaperSection] = paper_sections(data, library)
        self.preview: Preview | None = None  # the preview on show, once there is one
        self._generation = 0
        self._busy = False  # a preview job is running
        self._stale = False  # the choices changed while it ran
        self._closed = False
        self._signals = _PreviewSignals()
        self._signals.finished.connect(self._on_preview_finished)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start_preview)

        self.setWindowTitle("Export the action plan")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addLayout(self._build_choices(), 0)
        top.addWidget(self._build_preview(), 1)
        layout.addLayout(top, 1)
        layout.addLayout(self._build_buttons())
        # Enter saves, Esc cancels (QDialog's own). Made default once inside the dialog,
        # so the dialog knows it as its main default and restores it when the focus
        # leaves Cancel: otherwise Enter on a checkbox after tabbing past Cancel cancels.
        self.save_button.setDefault(True)
        self._fit_to_screen()
        self._on_choice_changed()
        self._timer.stop()
        self._start_preview()  # the first one at once

    # ------------------------------------------------------------------ layout

    def _build_choices(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(12)

        group = QGroupBox("Sections to print")
        sections = QVBoxLayout(group)
        self.section_boxes: dict[int, QCheckBox] = {}
        for section in self.sections:
            box = QCheckBox(section.title)
            box.setChecked(True)
            steps = ", ".join(step.title for step in section.steps)
            if steps:
                box.setToolTip(f"From: {steps}")
                box.setAccessibleDescription(f"From: {steps}")
            box.toggled.connect(self._on_choice_changed)
            sections.addWidget(box)
            self.section_boxes[section.number] = box
        if self.sections:
            quick = QHBoxLayout()
            self.all_button = QPushButton("Tick all")
            self.none_button = QPushButton("Untick all")
            for button, on in ((self.all_button, True), (self.none_button, False)):
                button.setAutoDefault(False)  # Enter stays Save as…
                button.clicked.connect(lambda _=False, on=on: self._tick_all(on))
                quick.addWidget(button)
            quick.addStretch(1)
            sections.addLayout(quick)
        else:
            empty = QLabel("Nothing was captured in this workshop yet.")
            empty.setWordWrap(True)
            sections.addWidget(empty)
        self.appendix_box = QCheckBox("Include the &appendix (every contribution, by step)")
        self.appendix_box.setChecked(True)
        self.appendix_box.toggled.connect(self._on_choice_changed)
        sections.addSpacing(6)
        sections.addWidget(self.appendix_box)
        column.addWidget(group)

        options = QGroupBox("Options")
        rows = QVBoxLayout(options)
        paper = QHBoxLayout()
        paper_label = QLabel("Paper size:")
        paper.addWidget(paper_label)
        self.a4_button = QRadioButton("A&4")
        self.letter_button = QRadioButton("US &Letter")
        self._paper_group = QButtonGroup(self)
        for button in (self.a4_button, self.letter_button):
            button.setAccessibleDescription("Paper size")
            self._paper_group.addButton(button)
            paper.addWidget(button)
        paper.addStretch(1)
        rows.addLayout(paper)
        remembered = self.preferences.export_paper
        (self.letter_button if remembered == "Letter" else self.a4_button).setChecked(True)
        self.a4_button.toggled.connect(self._on_choice_changed)

        self.anonymise_box = QCheckBox("Leave out participant &names")
        self.anonymise_box.setToolTip("Action owners and any participant named in a note "
                                      "are printed as “[name withheld]”.")
        self.anonymise_box.toggled.connect(self._on_choice_changed)
        rows.addWidget(self.anonymise_box)
        self.open_box = QCheckBox("&Open the PDF when done")
        self.open_box.setChecked(self.preferences.open_pdf_when_done)
        rows.addWidget(self.open_box)
        column.addWidget(options)
        column.addStretch(1)
        return column

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.hint = QLabel("Tick a section or the appendix: there is nothing to print.")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.hint, 1)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("&Save as…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save_as)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        return row

    def _build_preview(self) -> QWidget:
        pane = QWidget()
        box = QVBoxLayout(pane)
        box.setContentsMargins(0, 0, 0, 0)
        self.preview_status = QLabel("Preparing the preview…")
        self.preview_status.setAccessibleName("Preview status")
        box.addWidget(self.preview_status)
        self.pages = PageStrip()
        self.pages.setAccessibleName("Preview of the first pages")
        self._preview_area = _PreviewArea(self.pages)
        self._preview_area.setAccessibleName("Preview of the first pages")
        self.preview_message = QLabel()
        self.preview_message.setWordWrap(True)
        self.preview_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_message.setMargin(24)
        self._preview_stack = QStackedWidget()
        self._preview_stack.addWidget(self._preview_area)
        self._preview_stack.addWidget(self.preview_message)
        self._preview_stack.setMinimumWidth(320)
        box.addWidget(self._preview_stack, 1)
        return pane

    def _fit_to_screen(self) -> None:
        """Large enough to read the preview, never larger than the screen."""
        screen = (self.parentWidget().screen() if self.parentWidget() is not None
                  else QGuiApplication.primaryScreen())
        if screen is None:
            self.resize(1100, 720)
            return
        room = screen.availableGeometry()
        self.resize(min(1280, int(room.width() * 0.92)), min(900, int(room.height() * 0.92)))

    # ------------------------------------------------------------------ choices

    def options(self) -> PdfOptions:
        """The choices as the PDF export takes them."""
        ticked = frozenset(n for n, box in self.section_boxes.items() if box.isChecked())
        every = ticked == frozenset(self.section_boxes)
        return PdfOptions(paper="Letter" if self.letter_button.isChecked() else "A4",
                          sections=None if every else ticked,
                          appendix=self.appendix_box.isChecked(),
                          anonymise=self.anonymise_box.isChecked())

    def has_something_to_print(self) -> bool:
        return (self.appendix_box.isChecked() or not self.section_boxes
                or any(box.isChecked() for box in self.section_boxes.values()))

    def _tick_all(self, on: bool) -> None:
        for box in self.section_boxes.values():
            box.blockSignals(True)
            box.setChecked(on)
            box.blockSignals(False)
        self._on_choice_changed()

    def _on_choice_changed(self, *_: object) -> None:
        self._number_sections()
        self._update_save()
        self._timer.start()  # (re)start: one preview once the clicking stops

    def _number_sections(self) -> None:
        """Number the ticked sections as the PDF will: consecutively, in print order."""
        printed = 0
        for section in self.sections:
            box = self.section_boxes[section.number]
            if box.isChecked():
                printed += 1
                box.setText(f"{printed}. {section.title}")
            else:
                box.setText(section.title)

    def _update_save(self) -> None:
        ok = self.has_something_to_print()
        self.save_button.setEnabled(ok)
        self.save_button.setToolTip("" if ok else self.hint.text())
        self.hint.setVisible(not ok)

    # ------------------------------------------------------------------ preview

    def _start_preview(self) -> None:
        if self._closed:
            return
        if self._busy:  # one job at a time; the newest choices follow when it ends
            self._stale = True
            return
        self._busy, self._stale = True, False
        self._generation += 1
        self.preview_status.setText("Updating the preview…")
        generation, signals = self._generation, self._signals
        data, library, options = self.data, self.library, self.options()

        def job() -> None:
            result = render_preview(data, library, options)
            signals.finished.emit(generation, result)

        QThreadPool.globalInstance().start(job)

    def _on_preview_finished(self, generation: int, preview: Preview) -> None:
        self._busy = False
        if self._closed:
            return
        if self._stale:
            self._start_preview()
            return
        if generation != self._generation:
            return
        self.show_preview(preview)

    def show_preview(self, preview: Preview) -> None:
        """Put ``preview``'s pages (or why there are none) in the pane."""
        self.preview = preview
        if preview.problem or not preview.images:
            self.preview_message.setText(preview.problem or "The PDF has no pages.")
            self._preview_stack.setCurrentIndex(1)
            self.preview_status.setText("Preview")
            self.pages.set_images([])
            return
        self.pages.set_images(list(preview.images))
        self._preview_area.refit()
        self._preview_stack.setCurrentIndex(0)
        shown, total = len(preview.images), preview.page_count
        pages = "page" if total == 1 else "pages"
        self.preview_status.setText(
            f"Preview: the first {shown} of {total} {pages}" if shown < total
            else f"Preview: all {total} {pages}")

    def preview_ready(self) -> bool:
        """True once the pane shows the current choices (tests wait on this)."""
        return (self.preview is not None and self.preview.options == self.options()
                and not self._busy and not self._stale and not self._timer.isActive())

    # ------------------------------------------------------------------ save

    def _save_as(self) -> None:
        if not self.has_something_to_print():
            return
        path = dialogs.save_file(self, "Export the action plan", self.suggested,
                                 "PDF (*.pdf)")
        if path is None:
            return  # back to the choices
        options = self.options()
        from collabfacil.export.pdf import write_pdf

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with _PDF_LOCK:
                write_pdf(self.data, path, library=self.library, options=options)
        except CollabFacilError as exc:
            QGuiApplication.restoreOverrideCursor()
            dialogs.tell(self, "The action plan was not written", str(exc))
            return
        QGuiApplication.restoreOverrideCursor()
        self.written = path
        if self.open_box.isChecked():
            open_externally(path)
        self.accept()

    def done(self, result: int) -> None:
        self._closed = True
        self._timer.stop()
        self.preferences.export_paper = "Letter" if self.letter_button.isChecked() else "A4"
        self.preferences.open_pdf_when_done = self.open_box.isChecked()
        super().done(result)

