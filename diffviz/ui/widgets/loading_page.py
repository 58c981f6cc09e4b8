"""The page a view that needs the engine shows until it has loaded: what is loading, and what comes.

Why a page and not an empty view: the Inspector, Architecture, Schedule and Compare views import
torch (their modules reach the models, the noising processes and the samplers), so the window
builds them only once the engine is ready (``ui.engine``). Until then their tab says, in words,
that the engine is loading and what the tab will show, rather than an empty grey area that looks
broken. If the engine cannot load, the page says so.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from diffviz.core import i18n

# The page's markup, with its words translated one paragraph at a time
LOADING = "<h2 style='font-weight:600'>{title}</h2><p>{detail}</p><p style='color:#8a9099'>{promise}</p>"
FAILED = "<h2 style='font-weight:600'>{title}</h2><p>{error}</p><p style='color:#8a9099'>{detail}</p>"


class LoadingPage(QWidget):
    """A centred note with a busy bar; ``promise`` says what the view will show (plain words, translated)."""

    def __init__(self, promise: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        text = LOADING.format(
            title=html.escape(i18n.tr("Loading the engine…")),
            detail=html.escape(i18n.tr("PyTorch and the model load in the background; this takes a few seconds.")),
            promise=html.escape(i18n.tr("This tab will show {promise}.").format(promise=promise)))
        self.note = QLabel(text, alignment=Qt.AlignCenter, wordWrap=True)
        self.note.setMaximumWidth(520)
        self.busy = QProgressBar(minimum=0, maximum=0, textVisible=False, maximumWidth=260)  # 0..0: busy
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.note, 0, Qt.AlignHCenter)
        layout.addWidget(self.busy, 0, Qt.AlignHCenter)
        layout.addStretch(3)

    def show_failure(self, error: str) -> None:
        self.note.setText(FAILED.format(
            title=html.escape(i18n.tr("The engine did not load")), error=html.escape(error),
            detail=html.escape(i18n.tr("This tab needs it. The log file has the details."))))
        self.busy.hide()
