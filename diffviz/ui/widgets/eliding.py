"""A one-line label that gives way: when its row is short of room it ends in "…" and its tooltip holds the whole
text, so the status bar's segments share the width instead of cutting one another off (a longer language
would otherwise push the last segment out of the window)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MINIMUM_WIDTH = 80  # what a segment keeps however short the row: a few words and the "…"


class ElidingLabel(QLabel):
    """``text()`` is always the whole text; what is painted is elided to the width it gets."""

    def __init__(self, text: str = "", parent: QWidget | None = None, tip: str = "",
                 widest: int | None = None) -> None:
        """``widest``: the most width it asks for (its text may be longer: it is then elided, whole in the tip)."""
        super().__init__(text, parent)
        self._widest = widest
        self.setTextFormat(Qt.PlainText)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        self._tip = tip

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self._update_tip()
        self.updateGeometry()

    def setToolTip(self, tip: str) -> None:  # noqa: N802 - Qt's name
        self._tip = tip
        self._update_tip()

    def _update_tip(self) -> None:
        whole = self.text()
        super().setToolTip("\n\n".join(part for part in (whole if self._elided() else "", self._tip) if part))

    def _elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(min(hint.width(), self._widest), hint.height()) if self._widest else hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(min(MINIMUM_WIDTH, super().sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._update_tip()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.ElideRight, rect.width())
        painter.drawText(rect, int(self.alignment() | Qt.AlignVCenter), shown)
