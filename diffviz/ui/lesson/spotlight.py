"""The lesson's spotlight: the window dimmed except the widgets the current step is about, and the lesson itself.

Why our own (about forty lines) and not the ``qt-tour`` package: what that package would give us is the
same translucent overlay with a cut-out, but it brings ``qtpy`` as a dependency, its popover's buttons
are English texts set in its code (outside our translation path), and its steps have one target widget
and no task, check, question or code; the lesson panel already does all of that. The overlay lets every
click through (``WA_TransparentForMouseEvents``): it shows where to look, it never stands in the way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QWidget

DIM = QColor(0, 0, 0, 110)
MARGIN = 4       # the lit area reaches this far beyond each widget
RADIUS = 6.0


def widget_at(window: QWidget, path: str) -> QWidget | None:
    """``"controls.train_button"``: the window's ``controls``, then its ``train_button`` (None if missing); a
    method on the way is called (``"menuBar"``: Qt hands some widgets out only by a getter)."""
    found: object = window
    for name in path.split("."):
        found = getattr(found, name, None)
        if callable(found) and not isinstance(found, QWidget):
            found = found()
        if found is None:
            return None
    return found if isinstance(found, QWidget) else None


def _visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` inside each of its ancestors up to ``window``, in the window's coordinates (what a
    scroll area hides is left out). Not ``visibleRegion``: a widget its own child covers whole, as a graphics
    view's viewport covers the view, has an empty one. QWidget's own methods are called by name: a widget may
    shadow one with an attribute (the controls' image ``size`` box)."""
    def area(w: QWidget) -> QRect:
        return QRect(QWidget.mapTo(w, window, QPoint(0, 0)), QWidget.size(w))

    rect = area(widget)
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect &= area(parent)
        parent = parent.parentWidget()
    return rect


class Spotlight(QWidget):
    """Covers ``window`` and dims all but ``holes`` (rectangles in the window's coordinates)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WA_NoSystemBackground)
        self.holes: list[QRect] = []
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parent() and event.type() == QEvent.Resize:
            self.setGeometry(self.parent().rect())
        return False

    def light(self, widgets: list[QWidget]) -> None:
        """Light these widgets (those not on screen now, e.g. in another tab, are left out)."""
        window = self.parent()
        holes = []
        for widget in widgets:
            if widget is None or not widget.isVisible() or widget.window() is not window:
                continue  # hidden, or a window of its own (the lesson floating beside a small screen)
            visible = _visible_rect(widget, window)
            if visible.isEmpty():
                continue
            holes.append(visible.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
        if holes != self.holes:
            self.holes = holes
            self.update()
        self.raise_()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        path = QPainterPath()
        path.addRect(QRectF(self.rect()))
        for hole in self.holes:
            cut = QPainterPath()
            cut.addRoundedRect(QRectF(hole), RADIUS, RADIUS)
            path = path.subtracted(cut)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillPath(path, DIM)
