"""Training from the window: the training job, where its messages go, and pause.

Why apart from ``main_window``: the Training view only shows what it is handed, and the controls only
collect settings; building the job from them, sending each message to the view or the status bar, pausing
and resuming, and offering the bundled digits when a dataset is missing is wired here. ``Training`` is handed
what it uses, as ``window.studies.Studies`` and ``window.edits.Edits`` are.
"""

from __future__ import annotations

from typing import Callable, Mapping

from PySide6.QtWidgets import QMessageBox, QWidget

from diffviz.core import i18n
from diffviz.core.errors import DiffvizError
from diffviz.ui.window.actions import shortcut_text
from diffviz.ui.window.app_state import AppState
from diffviz.ui.widgets.controls import ControlPanel
from diffviz.ui.window.job_callbacks import StartJob
from diffviz.ui.window.model_files import ModelFiles
from diffviz.ui.widgets.series import format_seconds
from diffviz.ui.window.status import StatusReporter
from diffviz.ui.views.training_view import TrainingView
from diffviz.workers.base import WorkerHandle
from diffviz.workers.messages import (ModelSnapshot, PrecisionChosen, PredictionStrip, PreviewSamples, QualityPoint,
                                      TrainingStarted, TrainingUpdate)

JOB = "train"
TRAIN_THREADS = 2  # measured with `diffviz bench app`: see the benchmark's output


class Training:
    """Trains a fresh model with the controls' settings; its messages reach the Training view and the status."""

    def __init__(self, state: AppState, controls: ControlPanel, view: TrainingView, files: ModelFiles,
                 start: StartJob, handles: Callable[[], Mapping[str, WorkerHandle]], report: StatusReporter,
                 show_view: Callable[[QWidget], None]) -> None:
        self.state = state
        self.controls = controls
        self.view = view
        self._files = files
        self._start = start
        self._handles = handles
        self._report = report
        self._show_view = show_view
        controls.forgetPrecisionRequested.connect(self.forget_precision)

    def forget_precision(self) -> None:
        """Forget what auto measured on this machine: the next training or sampling run measures again."""
        from diffviz.core.errors import DiffvizError
        from diffviz.core.precision import forget_verdicts

        try:
            count = forget_verdicts()
        except DiffvizError as exc:
            self._report.show_error(str(exc))
            return
        self._report.set_status(i18n.tr("Forgot %n remembered precision verdict(s): auto measures again on the "
                                        "next run", None, count))

    def start(self) -> bool:
        """Train a fresh model; a recipe that cannot learn the chosen image shape is refused before any job
        starts. False when nothing started."""
        from diffviz.core.recipes import get_recipe
        from diffviz.workers.jobs import training_job

        config = self.controls.train_config()
        spec = self.controls.data_spec()
        try:
            job = training_job(spec, config, get_recipe(self.controls.recipe_name()),
                               precision=self.controls.precision_choice(), **self.controls.image_choice())
        except DiffvizError as exc:
            self._report.show_error(str(exc))
            return False
        self.view.reset(steps_per_epoch=1, total_steps=None)
        on = {TrainingStarted: self.on_started,
              TrainingUpdate: self.on_update,
              PredictionStrip: self.view.set_strip,
              PreviewSamples: self.view.add_preview,
              QualityPoint: self.on_quality,
              ModelSnapshot: self._files.adopt_snapshot,  # yielded by a diverged run: its last finite weights
              PrecisionChosen: self._report.show_precision}
        if not self._start(JOB, job, on, on_done=self.on_trained, progress=1000, threads=TRAIN_THREADS,
                           finish_on_stop=True):
            return False
        self._show_view(self.view)
        self._report.show_training_quality(None)
        self._report.set_status(i18n.tr("Training on {data}…").format(data=spec))
        return True

    def on_started(self, message: TrainingStarted) -> None:
        self.view.reset(message.steps_per_epoch, message.total_steps)
        if message.quality_note:
            self._report.show_quality_note(message.quality_note)
        if message.data_notes:  # each note is a whole sentence of its own
            self._report.set_status(i18n.tr("Training on {data}: {notes}").format(
                data=message.data_name, notes=i18n.tr("; ", "between the notes on how the data was read")
                .join(message.data_notes)))

    def on_quality(self, point: QualityPoint) -> None:
        self.view.add_quality(point.elapsed, point.recognised, point.coverage)
        self._report.show_training_quality(point)

    def on_update(self, message: TrainingUpdate) -> None:
        self.view.add_update(message)
        self._report.progress.setValue(int(message.progress * 1000))
        figures = {"step": int(message.steps[-1]), "loss": message.losses[-1], "speed": message.images_per_sec,
                   "left": format_seconds(message.eta)}
        if self.state.paused and message.eta is not None:
            text = i18n.tr("Paused: step {step}, loss {loss:.4f}, {speed:.0f} img/s, {left} left")
        elif self.state.paused:
            text = i18n.tr("Paused: step {step}, loss {loss:.4f}, {speed:.0f} img/s")
        elif message.eta is not None:
            text = i18n.tr("Training: step {step}, loss {loss:.4f}, {speed:.0f} img/s, {left} left")
        else:
            text = i18n.tr("Training: step {step}, loss {loss:.4f}, {speed:.0f} img/s")
        self._report.set_status(text.format(**figures))

    def on_trained(self, snapshot: ModelSnapshot | None) -> None:
        if snapshot is not None:
            self._files.adopt_snapshot(snapshot)

    def finished(self) -> None:
        self._report.set_status(i18n.tr("Training finished — Sample ({shortcut}) to see what the model draws now")
                                .format(shortcut=shortcut_text("run.sample")))

    def toggle_pause(self) -> None:
        handle = self._handles().get(JOB)
        if handle is None or not handle.is_running():
            return
        if self.state.paused:
            handle.worker.resume()
            self.state.set_paused(False)
            self._report.set_status(i18n.tr("Training resumed"))
        else:
            handle.worker.pause()
            self.state.set_paused(True)
            self._report.set_status(i18n.tr("Paused — Resume ({shortcut}) to go on, Stop to keep the model as it is")
                                    .format(shortcut=shortcut_text("run.pause")))

    def offer_bundled_data(self, message: str) -> None:
        """A dataset is missing or damaged: say what was expected (the engine's message names the files) and
        offer, in the same non-blocking box, to train on the bundled digits instead."""
        box = self._report.show_error(i18n.tr("{error}\n\nThe 10,000 bundled MNIST digits need no files: you can "
                                              "train on them instead.").format(error=message))
        button = box.addButton(i18n.tr("Train on the bundled digits"), QMessageBox.AcceptRole)
        button.clicked.connect(self.train_on_bundled_data)

    def train_on_bundled_data(self) -> None:
        """Switch the data source to the bundled digits and start training."""
        self.controls.source.setCurrentIndex(self.controls.source.findData("bundled"))
        self.start()
