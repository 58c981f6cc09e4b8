"""Small layout helpers the views share: rows, columns, splitters, titles, labelled axes."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from diffviz.ui.widgets.images import ImagePanel


def label_axis(panel: ImagePanel, orientation: str, label: str | None = None) -> pg.AxisItem:
    """An axis beside an ImagePanel's view, used only to write labels that stay aligned with the cells."""
    axis = pg.AxisItem(orientation, linkView=panel.view, pen=pg.mkPen("#1e1f22"), textPen="#d0d0d0")
    axis.setStyle(tickLength=0, autoExpandTextSpace=True)
    if label:
        axis.setLabel(label, color="#a0a0a0")
    return axis


def title(text: str) -> QLabel:
    return QLabel(f"<b>{text}</b>", alignment=Qt.AlignHCenter)


def row(*parts: QWidget | int | None) -> QHBoxLayout:
    """Widgets left to right; an int is a gap in pixels, None a stretch."""
    row = QHBoxLayout()
    for part in parts:
        if part is None:
            row.addStretch(1)
        elif isinstance(part, int):
            row.addSpacing(part)
        else:
            row.addWidget(part)
    return row


def column(*parts) -> QWidget:
    """Widgets and layouts top to bottom; only the plots and images take extra height."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QWidget):
            column.addWidget(part, 1 if isinstance(part, pg.GraphicsView) else 0)
        else:
            column.addLayout(part)
    return box


def splitter(orientation, *parts: tuple[QWidget, int]) -> QSplitter:
    splitter = QSplitter(orientation, childrenCollapsible=False)
    for widget, _ in parts:
        splitter.addWidget(widget)
    splitter.setSizes([size for _, size in parts])
    return splitter
