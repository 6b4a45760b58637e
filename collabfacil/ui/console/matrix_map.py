"""The small 2×2 map on the console: shows the points, and moves the selected one
with the arrow keys or by dragging."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from collabfacil.domain.matrix_maps import Point

STEP = 0.01  # an arrow key's move: a hundredth of the map
BIG_STEP = 0.05  # with Shift
DISPOSITION_FILLS = {"+": "#009E73", "0": "#BBBBBB", "-": "#D55E00", "": "#56B4E9"}
MARK = {"+": "+", "0": "0", "-": "−", "": ""}


class MiniMap(QWidget):
    """Draws the points on the 2×2 (y grows upwards) and reports what the facilitator
    does to them: ``moved(uid, x, y, target)`` once a drag ends or an arrow is
    pressed, ``selected(uid)`` on a click. Other keys go to ``on_key``."""

    moved = Signal(str, float, float, bool)  # uid, x, y, whether the desired position
    selected = Signal(str)

    def __init__(self, on_key: Callable[[QKeyEvent], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_key = on_key
        self.points: list[Point] = []
        self.current = ""
        self.target_mode = False
        self.quadrant_names: list[str] = ["", "", "", ""]
        self._drag: tuple[str, QPointF, QPointF] | None = None  # uid, from, to
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(260, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Map: arrows move the selected point")

    def sizeHint(self) -> QSize:
        return QSize(420, 320)

    def show_points(self, points: list[Point], current: str) -> None:
        self.points = points
        self.current = current
        self.update()

    # ------------------------------------------------------------ geometry

    def _map(self) -> QRectF:
        return QRectF(self.rect()).adjusted(8, 8, -8, -8)

    def to_screen(self, x: float, y: float) -> QPointF:
        m = self._map()
        return QPointF(m.left() + x * m.width(), m.bottom() - y * m.height())

    def to_map(self, pos: QPointF) -> tuple[float, float]:
        m = self._map()
        x = (pos.x() - m.left()) / max(1.0, m.width())
        y = (m.bottom() - pos.y()) / max(1.0, m.height())
        return round(min(1.0, max(0.0, x)), 4), round(min(1.0, max(0.0, y)), 4)

    def point_at(self, pos: QPointF) -> str:
        best, best_d = "", 14.0 ** 2
        for p in self.points:
            s = self.to_screen(p.x, p.y)
            d = (s.x() - pos.x()) ** 2 + (s.y() - pos.y()) ** 2
            if d <= best_d:
                best, best_d = p.uid, d
        return best

    # ------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = self._map()
        p.fillRect(self.rect(), QColor("#FFFFFF"))
        half_w, half_h = m.width() / 2, m.height() / 2
        for i, tint in enumerate(("#F3F6FA", "#EAF2EA", "#F7F7F7", "#F3F6FA")):
            p.fillRect(QRectF(m.left() + (i % 2) * half_w, m.top() + (i // 2) * half_h,
                              half_w, half_h), QColor(tint))
        p.setPen(QPen(QColor("#999999"), 1))
        p.drawRect(m)
        p.drawLine(QPointF(m.center().x(), m.top()), QPointF(m.center().x(), m.bottom()))
        p.drawLine(QPointF(m.left(), m.center().y()), QPointF(m.right(), m.center().y()))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        p.setPen(QColor("#777777"))
        for i, name in enumerate(self.quadrant_names):
            box = QRectF(m.left() + (i % 2) * half_w + 4, m.top() + (i // 2) * half_h + 2,
                         half_w - 8, 18)
            align = Qt.AlignmentFlag.AlignRight if i % 2 else Qt.AlignmentFlag.AlignLeft
            p.drawText(box, int(align | Qt.AlignmentFlag.AlignTop), f"{i + 1} {name}")
        p.setFont(self.font())
        for point in self.points:
            at = self.to_screen(point.x, point.y)
            if point.target is not None:
                to = self.to_screen(*point.target)
                p.setPen(QPen(QColor("#555555"), 1.5, Qt.PenStyle.DashLine))
                p.drawLine(at, to)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawEllipse(to, 5, 5)
            chosen = point.uid == self.current
            p.setPen(QPen(QColor("#000000"), 2.5 if chosen else 1))
            p.setBrush(QColor(DISPOSITION_FILLS.get(point.disposition, "#56B4E9")))
            r = 8 if chosen else 6
            p.drawEllipse(at, r, r)
            p.setPen(QColor("#000000"))
            text = f"{MARK.get(point.disposition, '')} {point.label}".strip()
            font = QFont(self.font())
            font.setBold(chosen)
            p.setFont(font)
            metrics = QFontMetrics(font)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, 160)
            wide = metrics.horizontalAdvance(shown) + 4
            if at.x() + r + 3 + wide <= self.rect().right():
                box = QRectF(at.x() + r + 3, at.y() - 9, wide, 18)
                align = Qt.AlignmentFlag.AlignLeft
            else:  # near the right edge: the name goes on the left of its marker
                box, align = QRectF(at.x() - r - 3 - wide, at.y() - 9, wide, 18), (
                    Qt.AlignmentFlag.AlignRight)
            p.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), shown)
            p.setFont(self.font())
        if self._drag is not None:
            p.setPen(QPen(QColor("#0072B2"), 2, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(self._drag[2], 8, 8)
        if self.hasFocus():
            p.setPen(QPen(QColor("#0072B2"), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    # ------------------------------------------------------------ input

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                 | Qt.KeyboardModifier.KeypadModifier):
            super().keyPressEvent(event)  # Ctrl+arrows move between steps
            return
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                 Qt.Key.Key_Up: (0, 1), Qt.Key.Key_Down: (0, -1)}
        step = BIG_STEP if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else STEP
        move = moves.get(Qt.Key(event.key()))
        point = next((p for p in self.points if p.uid == self.current), None)
        if move is not None and point is not None:
            x, y = (point.target if self.target_mode and point.target is not None
                    else (point.x, point.y))
            x = round(min(1.0, max(0.0, x + move[0] * step)), 4)
            y = round(min(1.0, max(0.0, y + move[1] * step)), 4)
            self.moved.emit(point.uid, x, y, self.target_mode)
            event.accept()
            return
        if move is None and self.on_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        uid = self.point_at(event.position())
        if uid:
            self.selected.emit(uid)
            self._drag = (uid, event.position(), event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self._drag = (self._drag[0], self._drag[1], event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            return
        uid, start, _ = self._drag
        self._drag = None
        self.update()
        end = event.position()
        if abs(end.x() - start.x()) + abs(end.y() - start.y()) < 4:
            return  # a click selects; only a drag moves
        x, y = self.to_map(end)
        point = next((p for p in self.points if p.uid == uid), None)
        if point is not None and (x, y) != (point.x, point.y):
            target = self.target_mode or bool(event.modifiers()
                                               & Qt.KeyboardModifier.ShiftModifier)
            self.moved.emit(uid, x, y, target)
