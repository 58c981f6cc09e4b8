"""The status bar and error boxes: how the window and the studies tell people what is happening.

Why an object of its own: the Schedule and Compare wiring, the window and the job callbacks all
report progress, results and errors, and the rules for doing so are easy to break in one of
them: the texts quote file names and file contents, so they are always plain text, never
markup; an error box must not block the event loop (jobs keep sending results meanwhile). One
``StatusReporter`` keeps those rules; whoever reports gets it, not the window.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton

from diffviz.workers.messages import PrecisionChosen, QualityPoint

if TYPE_CHECKING:
    from diffviz.core.quality import QualityReport  # imports torch; the status bar is up before torch is

log = logging.getLogger(__name__)

QUALITY_TIP = ("recognised: share a digit classifier names with > 90 % confidence; coverage: how evenly the "
               "ten digits appear (1 = all equally); Fréchet: distance to real digits in the classifier's "
               "feature space (lower is better, real digits ~5)")


class Reporter(Protocol):
    """What code that reports needs: a status line and a non-blocking error box."""

    def set_status(self, text: str) -> None: ...

    def show_error(self, text: str) -> QMessageBox: ...


class StatusReporter(QObject):
    """The status line, the quality meter's last verdict, a progress bar with a Cancel button, error boxes."""

    cancelRequested = Signal()

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.last_error: str | None = None
        self.last_quality: QualityReport | None = None
        self.label = QLabel("Ready", textFormat=Qt.PlainText)  # shows file names and metadata: never markup
        self.progress = QProgressBar(maximumWidth=260, textVisible=True)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel", toolTip="Stop the running job (Esc)")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.quality_label = QLabel()
        self.precision_label = QLabel(textFormat=Qt.PlainText)
        self.precision_label.setToolTip("How the network runs on this machine (Precision in the Training box): "
                                        "auto measures fp32, fp32 channels_last and bf16 and keeps the fastest")
        bar = window.statusBar()
        bar.addWidget(self.label, 1)
        bar.addPermanentWidget(self.precision_label)
        bar.addPermanentWidget(self.quality_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)

    def set_status(self, text: str) -> None:
        self.label.setText(text)

    def show_error(self, text: str) -> QMessageBox:
        """Tell the user without blocking the event loop (a window-modal box opened asynchronously).
        Returns the box, so a caller can add a button that offers a way out."""
        self.last_error = text
        log.warning("shown to user: %s", text)
        self.set_status(text)
        box = QMessageBox(QMessageBox.Warning, "diffviz", text, QMessageBox.Ok, self._window)
        box.setTextFormat(Qt.PlainText)  # messages quote file names and file contents
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()
        return box

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.show()
        self.cancel_button.show()

    def hide_progress(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def show_precision(self, message: PrecisionChosen) -> None:
        self.precision_label.setText(f"{message.job}: {message.line}")

    def show_quality(self, report: QualityReport) -> None:
        self.last_quality = report
        self.quality_label.setText(f"quality of the last {report.n} samples: {report.line()}")
        self.quality_label.setToolTip(QUALITY_TIP)

    def show_quality_note(self, reason: str) -> None:
        """The meter does not score this model's images (``core.quality.meter_applies``): say so, not figures."""
        self.last_quality = None
        self.quality_label.setText("quality meter: does not apply")
        self.quality_label.setToolTip(reason[:1].upper() + reason[1:] + ".")

    def show_training_quality(self, point: QualityPoint | None) -> None:
        """While a model trains, the line speaks of *that* model's previews, never of the model sampled before
        (its figures would read as the new model's). None: training started, no preview judged yet."""
        if point is None:
            self.quality_label.setText("training previews' quality: after the first preview")
        else:
            self.quality_label.setText(
                f"training previews ({point.samples} at {point.elapsed:.0f} s): recognised {point.recognised:.2f} · "
                f"coverage {point.coverage:.2f} · Fréchet {point.frechet:.0f}")
        self.quality_label.setToolTip(QUALITY_TIP)
