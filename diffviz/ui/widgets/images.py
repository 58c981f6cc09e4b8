"""Showing image grids: a plain pyqtgraph image with fixed levels, and the grid layout helper.

Why fixed levels: when the timeline scrubs, auto-levels would rescale every frame and
make noise look like signal; pixels in [0, 1] are always drawn black to white.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from diffviz.core.export import image_grid, to_uint8

# Arrays are (rows, cols) everywhere in the project, like numpy and PIL.
pg.setConfigOptions(imageAxisOrder="row-major", antialias=False, background="#1e1f22", foreground="#d0d0d0")


def grid_uint8(images: np.ndarray, nrow: int | None = None, low: float = 0.0, high: float = 1.0) -> np.ndarray:
    """(N, 1, H, W) floats -> one uint8 grid image (rows, cols), fixed levels [low, high]."""
    return image_grid(to_uint8(images, low, high), nrow)


class ImagePanel(pg.GraphicsLayoutWidget):
    """A titled, non-interactive image (aspect locked) that shows a 2-D array with fixed levels.

    ``clicked(row, col)`` reports clicks in image pixel coordinates.
    """

    clicked = Signal(int, int)

    def __init__(self, title: str | None = None, levels: tuple[float, float] = (0, 255),
                 colormap: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.ci.setContentsMargins(2, 2, 2, 2)
        self.view = self.addViewBox(lockAspect=True, enableMouse=False, invertY=True)
        self.view.setMenuEnabled(False)
        self.item = pg.ImageItem(levels=levels)
        if colormap:
            self.item.setColorMap(pg.colormap.get(colormap))
        self.view.addItem(self.item)
        self.levels = levels
        self._data: np.ndarray | None = None
        if title:
            self.setToolTip(title)
        self.item.mouseClickEvent = self._on_click  # type: ignore[assignment]

    def set_image(self, array: np.ndarray, levels: tuple[float, float] | None = None) -> None:
        self._data = array
        self.item.setImage(array, autoLevels=False, levels=levels or self.levels)
        self.view.autoRange(padding=0.01)

    def image_data(self) -> np.ndarray | None:
        """What is on screen (for tests and exports)."""
        return self._data

    def _on_click(self, event) -> None:
        pos = event.pos()
        self.clicked.emit(int(pos.y()), int(pos.x()))
        event.accept()


class ExplanationBox(QWidget):
    """A short, collapsible explanation of a view for a learner: a title that toggles rich text."""

    def __init__(self, title: str, html: str, expanded: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton(text=title, checkable=True, checked=expanded)
        self.toggle.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.toggle.setStyleSheet("QToolButton { border: none; font-weight: bold; }")
        self.body = QLabel(html)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.RichText)
        self.body.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.body.setStyleSheet("QLabel { padding: 4px 8px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.body)
        self.toggle.toggled.connect(self._set_expanded)
        self._set_expanded(expanded)

    def _set_expanded(self, expanded: bool) -> None:
        self.toggle.setArrowType(Qt.DownArrow if expanded else Qt.RightArrow)
        self.body.setVisible(expanded)

    def is_expanded(self) -> bool:
        return self.toggle.isChecked()
