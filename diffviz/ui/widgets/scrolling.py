"""A column of controls that scrolls up and down but is never cut at the side.

Why: a scroll area sized by its dock or splitter can be narrower than the controls in it, and then their right edge
(a combo box's arrow, a Stop button) is silently cut off. This one is at least as wide as the controls' minimum
plus its own frame and vertical scroll bar; only height scrolls. No Qt module is imported beyond QtWidgets, so the
window can use it before the engine loads.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget


def scroll_column(widget: QWidget, width: int | None = None) -> QScrollArea:
    """``widget`` in a vertical scroll area at least as wide as it needs (``width``: exactly this many pixels,
    which must fit it too)."""
    scroll = QScrollArea(widgetResizable=True, horizontalScrollBarPolicy=Qt.ScrollBarAlwaysOff)
    scroll.setWidget(widget)
    needed = widget.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth()
    if width is None:
        scroll.setMinimumWidth(needed)
    else:
        scroll.setFixedWidth(max(width, needed))
    return scroll
