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


def grey_rgba(grid: np.ndarray) -> np.ndarray:
    """(H, W) uint8 grey -> (H, W, 4) RGBA with the same grey in R, G and B and full alpha; a colour grid
    (H, W, 3), from a colour model, keeps its colours."""
    rgba = np.empty((*grid.shape[:2], 4), dtype=np.uint8)
    rgba[..., :3] = grid if grid.ndim == 3 else grid[..., None]
    rgba[..., 3] = 255
    return rgba


def _is_grey(rgba: np.ndarray) -> bool:
    return bool(np.array_equal(rgba[..., 0], rgba[..., 1]) and np.array_equal(rgba[..., 1], rgba[..., 2]))


class GridPanel(ImagePanel):
    """An ImagePanel for a grey grid handed over as RGBA (``grey_rgba``). Why RGBA: Qt paints a scaled RGBA8888
    image about three times faster than a Grayscale8 one (measured ~0.4 vs ~1.4 ms at 600x600), and the
    timeline's big panels are most of a scrub's paint time. ``image_data()`` still returns the grey grid."""

    _grey: np.ndarray | None = None

    def set_rgba(self, rgba: np.ndarray) -> None:
        same_size = self._grey is not None and self._grey.shape == rgba.shape[:2]
        self._grey = rgba[..., 0] if _is_grey(rgba) else rgba[..., :3]
        self.item.setImage(rgba, autoLevels=False, levels=(0, 255))
        if not same_size:
            self.view.autoRange(padding=0.01)

    def image_data(self) -> np.ndarray | None:
        """The grey (H, W) grid on screen, as ``grid_uint8`` would make it."""
        return self._grey


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
