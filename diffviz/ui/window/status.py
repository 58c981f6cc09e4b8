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
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressBar, QPushButton

from diffviz.core import i18n
from diffviz.ui.widgets.eliding import ElidingLabel
from diffviz.ui.window.actions import shortcut_text
from diffviz.workers.messages import PrecisionChosen, QualityPoint

if TYPE_CHECKING:
    from diffviz.core.quality import QualityReport  # imports torch; the status bar is up before torch is

log = logging.getLogger(__name__)

QUALITY_TIP = i18n.QT_TR_NOOP("recognised: share a digit classifier names with > 90 % confidence; coverage: how "
                             "evenly the ten digits appear (1 = all equally); Fréchet: distance to real digits in "
                             "the classifier's feature space (lower is better, real digits ~5)")


class Reporter(Protocol):
    """What code that reports needs: a status line and a non-blocking error box."""

    def set_status(self, text: str) -> None: ...

    def show_error(self, text: str) -> QMessageBox: ...


SEGMENT_WIDTH = 340  # the most the precision and quality segments ask for: the status line itself comes first
PRECISION_LINES = {"train": i18n.QT_TR_NOOP("train: {line}"), "sample": i18n.QT_TR_NOOP("sample: {line}")}  # by job


class StatusReporter(QObject):
    """The status line, the quality meter's last verdict, a progress bar with a Cancel button, error boxes."""

    cancelRequested = Signal()

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.last_error: str | None = None
        self.last_quality: QualityReport | None = None
        self.label = ElidingLabel(i18n.tr("Ready"))  # plain text: it shows file names and metadata, never markup
        self.progress = QProgressBar(maximumWidth=260, textVisible=True)
        self.progress.hide()
        self.cancel_button = QPushButton(i18n.tr("Cancel"), toolTip=i18n.tr("Stop the running job ({shortcut})")
                                         .format(shortcut=shortcut_text("run.stop")))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancelRequested)
        # The three segments share the bar's width: each ends in "…" when short of room, its tooltip whole.
        self.quality_label = ElidingLabel(widest=SEGMENT_WIDTH)
        self.precision_label = ElidingLabel(widest=SEGMENT_WIDTH)
        self.precision_label.setToolTip(i18n.tr("How the network runs on this machine (Precision in the Training "
                                                "box): auto measures fp32, fp32 channels_last and bf16 and keeps "
                                                "the fastest"))
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
        box = QMessageBox(QMessageBox.Warning, "diffviz", text, QMessageBox.Ok, self._window)  # the app's name
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
        """``message.job`` names the job ("train" or "sample"): each has its own line."""
        self.precision_label.setText(i18n.tr(PRECISION_LINES[message.job]).format(line=message.line))

    def show_quality(self, report: QualityReport) -> None:
        self.last_quality = report
        self.quality_label.setText(i18n.tr("quality of the last {count} samples: {figures}")
                                   .format(count=report.n, figures=report.line()))
        self.quality_label.setToolTip(i18n.tr(QUALITY_TIP))

    def show_quality_note(self, reason: str) -> None:
        """The meter does not score this model's images (``core.quality.meter_applies``): say so, not figures."""
        self.last_quality = None
        self.quality_label.setText(i18n.tr("quality meter: does not apply"))
        self.quality_label.setToolTip(i18n.tr("The meter shows no figures: {reason}.").format(reason=reason))

    def show_training_quality(self, point: QualityPoint | None) -> None:
        """While a model trains, the line speaks of *that* model's previews, never of the model sampled before
        (its figures would read as the new model's). None: training started, no preview judged yet."""
        if point is None:
            self.quality_label.setText(i18n.tr("training previews' quality: after the first preview"))
        else:
            self.quality_label.setText(
                i18n.tr("training previews ({samples} at {seconds:.0f} s): recognised {recognised:.2f} · "
                        "coverage {coverage:.2f} · Fréchet {frechet:.0f}")
                .format(samples=point.samples, seconds=point.elapsed, recognised=point.recognised,
                        coverage=point.coverage, frechet=point.frechet))
        self.quality_label.setToolTip(i18n.tr(QUALITY_TIP))
