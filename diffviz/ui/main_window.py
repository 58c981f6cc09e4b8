"""The main window: controls on the left, views in tabs, progress in the status bar.

It owns the app's state (the current model, the last trajectory, the running jobs) and
wires workers to views. Workers get their own copies of what they need; views only
receive signals. Closing the window stops every job and joins its thread (never
``terminate()``), and a model trained in this session is autosaved so nothing is lost.
"""

from __future__ import annotations

import copy
import logging
import time
from pathlib import Path

import numpy as np
import torch
from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar,
                               QPushButton, QScrollArea, QTabWidget)

from diffviz.core.checkpoints import (CheckpointInfo, load_checkpoint, save_checkpoint,
                                      training_metadata)
from diffviz.core.data import DigitData, fixed_batch, load_bundled
from diffviz.core.errors import DataError, DiffvizError
from diffviz.core.features import describe_layers, maps_for_image
from diffviz.core.models import BasicUNet, count_parameters
from diffviz.core.paths import bundled_checkpoint_path
from diffviz.core.quality import QualityReport
from diffviz.core.recipes import RECIPES, Recipe, get_recipe
from diffviz.core.sampling import Trajectory
from diffviz.ui.architecture_view import ArchitectureView
from diffviz.ui.controls import ControlPanel
from diffviz.ui.comparison_view import ComparisonView
from diffviz.ui.window_studies import ScheduleAndComparison
from diffviz.ui.corruption_view import CorruptionView
from diffviz.ui.export_dialog import ExportDialog
from diffviz.ui.inspector_view import InspectorView
from diffviz.ui.job_runner import JobRunner
from diffviz.ui.menus import build_menus
from diffviz.ui.schedule_view import ScheduleView
from diffviz.ui.series import format_seconds
from diffviz.ui.timeline_view import TimelineView
from diffviz.ui.training_view import TrainingView
from diffviz.workers.base import GeneratorWorker
from diffviz.workers.jobs import export_job, sampling_job, training_job
from diffviz.workers.messages import (ModelSnapshot, PredictionStrip, PreviewSamples, Progress, QualityPoint,
                                      TrainingStarted, TrainingUpdate)

log = logging.getLogger(__name__)

TRAIN_THREADS = 2          # measured with `diffviz bench app`: see the benchmark's output
SAMPLE_FEATURE_LIMIT = 16  # feature maps are kept for the first 16 samples (memory stays ~70 MB)


def autosave_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.AppLocalDataLocation)
    return Path(base or Path.home() / ".diffviz") / "autosave.safetensors"


class MainWindow(ScheduleAndComparison, QMainWindow):
    """diffviz's window. ``checkpoint`` opens that file instead of the bundled model."""

    def __init__(self, checkpoint: Path | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setWindowTitle("diffviz — watch a diffusion model learn and create")
        self.settings = settings or QSettings()
        self.model: torch.nn.Module = BasicUNet()
        self.model_info: CheckpointInfo | None = None
        self.model_unsaved = False
        self.trajectory: Trajectory | None = None
        self.data: DigitData | None = None
        self.jobs = JobRunner(self)
        self.jobs.finished.connect(self._job_finished)
        self.jobs.failed.connect(self._job_failed)
        self.last_error: str | None = None
        self.error_relay = None
        self._job_started = 0.0
        self._comparison_recipes: dict[str, Recipe] = {}  # "file:PATH" -> the recipe its metadata names

        self.controls = ControlPanel()
        dock = QDockWidget("Controls", self)
        dock.setObjectName("controls")
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.controls)
        dock.setWidget(scroll)
        self.addDockWidget(Qt.LeftDockWidgetArea, dock)

        self.training_view = TrainingView()
        self.timeline = TimelineView()
        self.inspector = InspectorView()
        self.architecture = ArchitectureView()
        self.corruption = CorruptionView()
        self.schedule = ScheduleView()
        self.comparison = ComparisonView(self._recipe_for)
        self.tabs = QTabWidget()
        for view, title in ((self.training_view, "Training"), (self.timeline, "Timeline"),
                            (self.inspector, "Inspector"), (self.architecture, "Architecture"),
                            (self.corruption, "Corruption"), (self.schedule, "Schedule"),
                            (self.comparison, "Compare")):
            self.tabs.addTab(view, title)
        self.setCentralWidget(self.tabs)

        self.status = QLabel("Ready", textFormat=Qt.PlainText)  # shows file names and metadata: never markup
        self.progress = QProgressBar(maximumWidth=260, textVisible=True)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel", toolTip="Stop the running job (Esc)")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.stop_jobs)
        self.quality_label = QLabel()
        self.last_quality = None
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().addPermanentWidget(self.quality_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

        build_menus(self)
        self._connect()
        self.controls.load_settings(self.settings)
        self._restore_geometry()
        self._load_initial_model(checkpoint)
        QTimer.singleShot(0, self._load_data_for_views)

    # ----- construction -------------------------------------------------------------------------
    def timeline_key(self, slot) -> None:
        """Timeline keys act on the timeline or the inspector tab, and leave other views' keys alone."""
        if self.tabs.currentWidget() in (self.timeline, self.inspector):
            slot()

    def _connect(self) -> None:
        c = self.controls
        c.trainRequested.connect(self.start_training)
        c.pauseRequested.connect(self.toggle_pause)
        c.stopRequested.connect(self.stop_jobs)
        c.sampleRequested.connect(self.start_sampling)
        c.openRequested.connect(self.open_checkpoint)
        c.saveRequested.connect(self.save_checkpoint_dialog)
        c.bundledRequested.connect(self.use_bundled_model)
        self.schedule.scheduleRequested.connect(self._compute_schedule)
        self.comparison.runRequested.connect(self.start_comparison)
        self.comparison.exportRequested.connect(self.export_comparison)
        self.comparison.fileRequested.connect(self._choose_comparison_file)
        self.timeline.frameChanged.connect(self.inspector.set_frame)
        self.architecture.layerClicked.connect(self._show_layer)
        self.inspector.set_training_provider(self._training_maps)

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        try:
            if geometry is None or not self.restoreGeometry(geometry):
                self.resize(1400, 900)
            if state is not None:
                self.restoreState(state)
        except TypeError:  # junk in the settings file: keep the defaults
            self.resize(1400, 900)
        try:
            self.tabs.setCurrentIndex(int(self.settings.value("window/tab", 0)))
        except (TypeError, ValueError):
            pass

    # ----- the model ---------------------------------------------------------------------------
    def _load_initial_model(self, checkpoint: Path | None) -> None:
        path = checkpoint or bundled_checkpoint_path()
        try:
            self._set_model(*load_checkpoint(path), source=path.name)
        except DiffvizError as exc:
            self._set_model(BasicUNet(), None, source="untrained")
            self.show_error(f"Could not open {path.name}: {exc}. Starting with an untrained model.")

    def _set_model(self, model: torch.nn.Module, info: CheckpointInfo | None, source: str,
                   unsaved: bool = False) -> None:
        self.model = model.eval()
        self.model_info = info
        self.model_unsaved = unsaved
        summary = info.summary() if info else f"untrained {type(model).__name__}"
        star = " (unsaved)" if unsaved else ""
        self.controls.set_model_text(f"{source}{star}", summary)
        self.controls.set_samplers(self.recipe.samplers, self.recipe.sampler)
        self.controls.set_class_choice(self.recipe.classes)
        self.comparison.refresh_samplers()
        self.architecture.set_layers(describe_layers(self.model), title=type(self.model).__name__,
                                     parameters=count_parameters(self.model))
        self.set_status(f"Model: {source}{star} — {summary}")

    @property
    def recipe(self) -> Recipe:
        """The recipe of the model on screen (the course's for an untrained one)."""
        return get_recipe(self.model_info.recipe) if self.model_info else RECIPES["course"]

    def open_checkpoint(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open checkpoint", str(self._last_dir()),
                                              "diffviz checkpoints (*.safetensors);;All files (*)")
        if path:
            self.load_checkpoint_file(Path(path))

    def load_checkpoint_file(self, path: Path) -> bool:
        """Open a checkpoint; on any problem show why and keep the current model untouched."""
        try:
            model, info = load_checkpoint(path)
        except DiffvizError as exc:
            self.show_error(str(exc))
            return False
        self._set_model(model, info, source=path.name)
        self.settings.setValue("paths/last_dir", str(path.parent))
        return True

    def use_bundled_model(self) -> None:
        self.load_checkpoint_file(bundled_checkpoint_path())

    def use_course_model(self) -> None:
        """The course recipe's shipped model: BasicUNet as the course trains it, for comparison."""
        self.load_checkpoint_file(bundled_checkpoint_path("course"))

    def open_autosave(self) -> None:
        if autosave_path().is_file():
            self.load_checkpoint_file(autosave_path())
        else:
            self.show_error("There is no autosaved model yet: one is written whenever training ends.")

    def save_checkpoint_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save checkpoint", str(self._last_dir() / "model.safetensors"),
                                              "diffviz checkpoints (*.safetensors)")
        if path:
            if not path.endswith(".safetensors"):
                path += ".safetensors"
            self.save_model(Path(path))

    def save_model(self, path: Path) -> bool:
        info = self.model_info
        try:
            save_checkpoint(path, self.model, recipe=info.recipe if info else "course",
                            hyperparameters=info.hyperparameters if info else {},
                            training=info.training if info else {})
        except DiffvizError as exc:
            self.show_error(str(exc))
            return False
        self.model_unsaved = False
        self.settings.setValue("paths/last_dir", str(path.parent))
        self._set_model(self.model, info, source=path.name)
        return True

    def _last_dir(self) -> Path:
        value = self.settings.value("paths/last_dir")
        return Path(value) if isinstance(value, str) and Path(value).is_dir() else Path.home()

    # ----- jobs ---------------------------------------------------------------------------------
    @property
    def handles(self):
        return self.jobs.handles

    def busy(self, name: str | None = None) -> bool:
        return self.jobs.busy(name)

    def _start(self, name: str, job, threads: int | None = None, finish_on_stop: bool = False) -> GeneratorWorker:
        self._job_started = time.perf_counter()
        return self.jobs.start(name, job, threads, finish_on_stop)

    def start_training(self) -> None:
        if self.busy("train"):
            return
        config = self.controls.train_config()
        spec = self.controls.data_spec()
        self.training_view.reset(steps_per_epoch=1, total_steps=None)
        recipe = get_recipe(self.controls.recipe_name())
        worker = self._start("train", training_job(spec, config, recipe), threads=TRAIN_THREADS, finish_on_stop=True)
        worker.yielded.connect(self._on_training_message)
        worker.returned.connect(self._on_training_done)
        self.controls.set_state("training")
        self.tabs.setCurrentWidget(self.training_view)
        self.set_status(f"Training on {spec}…")
        self._show_progress(0, 1000)

    def _on_training_message(self, message: object) -> None:
        if isinstance(message, TrainingUpdate):
            self.training_view.add_update(message)
            self.progress.setValue(int(message.progress * 1000))
            eta = f", {format_seconds(message.eta)} left" if message.eta is not None else ""
            state = "Paused" if self.controls.pause_button.text() == "Resume" else "Training"
            self.set_status(f"{state}: step {int(message.steps[-1])}, loss {message.losses[-1]:.4f}, "
                            f"{message.images_per_sec:.0f} img/s{eta}")
        elif isinstance(message, PredictionStrip):
            self.training_view.set_strip(message)
        elif isinstance(message, PreviewSamples):
            self.training_view.add_preview(message)
        elif isinstance(message, QualityPoint):
            self.training_view.add_quality(message.elapsed, message.recognised, message.coverage)
        elif isinstance(message, TrainingStarted):
            self.training_view.reset(message.steps_per_epoch, message.total_steps)
        elif isinstance(message, ModelSnapshot):
            self._adopt_snapshot(message)  # a diverged run: its last finite weights

    def _on_training_done(self, snapshot: object) -> None:
        if isinstance(snapshot, ModelSnapshot):
            self._adopt_snapshot(snapshot)

    def _adopt_snapshot(self, snapshot: ModelSnapshot) -> None:
        model = get_recipe(snapshot.recipe).make_model()
        model.load_state_dict({k: torch.from_numpy(v) for k, v in snapshot.state.items()})
        training = training_metadata(snapshot.steps, snapshot.images, snapshot.seconds, snapshot.epoch_losses,
                                     snapshot.data_name)
        info = CheckpointInfo(architecture=type(model).__name__, model_config=model.config(),
                              recipe=snapshot.recipe, hyperparameters=snapshot.hyperparameters, training=training)
        self._set_model(model, info, source="trained in this session", unsaved=True)
        try:
            autosave_path().parent.mkdir(parents=True, exist_ok=True)
            save_checkpoint(autosave_path(), model, recipe=snapshot.recipe, hyperparameters=snapshot.hyperparameters,
                            training=training)
        except (DiffvizError, OSError) as exc:
            log.warning("autosave failed: %s", exc)

    def toggle_pause(self) -> None:
        handle = self.handles.get("train")
        if handle is None or not handle.is_running():
            return
        if handle.worker.paused:
            handle.worker.resume()
            self.controls.set_state("training")
            self.set_status("Training resumed")
        else:
            handle.worker.pause()
            self.controls.set_state("paused")
            self.set_status("Paused — Resume (Ctrl+P) to go on, Stop to keep the model as it is")

    def start_sampling(self) -> None:
        if self.busy("sample"):
            return
        n, steps, seed = self.controls.sample_settings()
        model = copy.deepcopy(self.model)  # the worker's own copy: training may replace self.model meanwhile
        worker = self._start("sample", sampling_job(model, n, steps, seed, features=min(n, SAMPLE_FEATURE_LIMIT),
                                                    recipe=self.recipe, sampler=self.controls.sampler_name(),
                                                    **self.controls.class_choice()))
        worker.yielded.connect(self._on_progress)
        worker.yielded.connect(self._on_quality)
        worker.returned.connect(self._on_sampled)
        if not self.busy("train"):
            self.controls.set_state("sampling")
        self.set_status(f"Sampling {n} images in {steps} steps…")
        self._show_progress(0, steps + 1)

    def _on_sampled(self, trajectory: object) -> None:
        if not isinstance(trajectory, Trajectory):
            self.set_status("Sampling stopped")
            return
        self.show_trajectory(trajectory)
        self.set_status(f"Sampled {trajectory.n_samples} images in {trajectory.n_steps} steps "
                        f"({time.perf_counter() - self._job_started:.1f} s) — scrub with ←/→, play with Space")

    def _on_quality(self, report: object) -> None:
        if isinstance(report, QualityReport):
            self.last_quality = report
            self.quality_label.setText(f"quality of the last {report.n} samples: {report.line()}")
            self.quality_label.setToolTip(
                "recognised: share a digit classifier names with > 90 % confidence; coverage: how evenly the "
                "ten digits appear (1 = all equally); Fréchet: distance to real digits in the classifier's "
                "feature space (lower is better, real digits ~5)")

    def show_trajectory(self, trajectory: Trajectory) -> None:
        self.trajectory = trajectory
        self.timeline.set_trajectory(trajectory)
        self.inspector.set_trajectory(trajectory)
        self.tabs.setCurrentWidget(self.timeline)

    def export_dialog(self) -> None:
        if self.trajectory is None:
            self.show_error("Sample first: the animation is exported from the timeline.")
            return
        default = str(self._last_dir() / f"diffviz_{self.trajectory.n_steps}steps.gif")
        dialog = ExportDialog(self.trajectory.layer_names, default, self, n_frames=self.trajectory.n_frames,
                              n_samples=max(1, self.trajectory.feature_samples))
        if dialog.exec():
            self.start_export(dialog.path(), dialog.options(), dialog.as_frames())

    def start_export(self, path: str, options, as_frames: bool = False) -> None:
        if self.trajectory is None or self.busy("export"):
            return
        try:
            options.validate(self.trajectory)
        except DiffvizError as exc:
            self.show_error(str(exc))
            return
        worker = self._start("export", export_job(self.trajectory, path, options, as_frames))
        worker.yielded.connect(self._on_progress)
        worker.returned.connect(self._on_exported)
        if not self.busy("train"):
            self.controls.set_state("exporting")
        self.set_status(f"Exporting {path}…")
        self._show_progress(0, self.trajectory.n_frames)

    def _on_exported(self, result: object) -> None:
        self.set_status(f"Exported {result}" if result else "Export stopped")

    def _on_progress(self, message: object) -> None:
        if isinstance(message, Progress):
            self._show_progress(message.done, message.total)

    def _job_failed(self, message: str, details: str, kind: str) -> None:
        log.error("job failed: %s\n%s", message, details)
        if kind == DataError.__name__ and self.controls.data_spec() != "bundled":
            self._offer_bundled_data(message)  # a missing or damaged dataset: the bundled digits need no files
        else:
            self.show_error(message)

    def _offer_bundled_data(self, message: str) -> None:
        """A dataset is missing or damaged: say what was expected (the engine's message names the
        files) and offer, in the same non-blocking box, to train on the bundled digits instead."""
        box = self.show_error(f"{message}\n\nThe 10,000 bundled MNIST digits need no files: "
                              "you can train on them instead.")
        button = box.addButton("Train on the bundled digits", QMessageBox.AcceptRole)
        button.clicked.connect(self.train_on_bundled_data)

    def train_on_bundled_data(self) -> None:
        """Switch the data source to the bundled digits and start training."""
        self.controls.source.setCurrentIndex(self.controls.source.findData("bundled"))
        self.start_training()

    def _job_finished(self, name: str) -> None:
        if self.busy("train"):
            self.controls.set_state("paused" if self.handles["train"].worker.paused else "training")
        elif not self.busy():
            self.controls.set_state("idle")
            self.progress.hide()
            self.cancel_button.hide()
        if name == "train":
            self.set_status("Training finished — Sample (Ctrl+R) to see what the model draws now")

    def stop_jobs(self) -> None:
        """Ask every running job to stop; they end between two steps and keep their results."""
        self.jobs.stop_all()

    def shutdown(self) -> None:
        """Stop and join every worker thread (see JobRunner.shutdown)."""
        self.jobs.shutdown()

    # ----- helpers for the views ----------------------------------------------------------------
    def _load_data_for_views(self) -> None:
        try:
            self.data = load_bundled()
        except DiffvizError as exc:
            self.show_error(str(exc))
            return
        self.corruption.set_images(fixed_batch(self.data, 8).numpy())
        self.schedule.set_images(fixed_batch(self.data, 8).numpy())

    def _training_maps(self, amount: float, index: int) -> dict[str, np.ndarray]:
        """Feature maps of training image ``index`` corrupted by ``amount`` (one tiny forward pass)."""
        if self.data is None:
            return {}
        return maps_for_image(self.model, self.recipe, self.data.images[index % len(self.data)], amount, index)

    def _show_layer(self, name: str) -> None:
        self.inspector.select_layer(name)
        self.tabs.setCurrentWidget(self.inspector)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.show()
        self.cancel_button.show()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def show_error(self, text: str) -> QMessageBox:
        """Tell the user without blocking the event loop (a window-modal box opened asynchronously).
        Returns the box, so a caller can add a button that offers a way out."""
        self.last_error = text
        log.warning("shown to user: %s", text)
        self.set_status(text)
        box = QMessageBox(QMessageBox.Warning, "diffviz", text, QMessageBox.Ok, self)
        box.setTextFormat(Qt.PlainText)  # messages quote file names and file contents
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()
        return box

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.shutdown()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        self.controls.save_settings(self.settings)
        self.settings.sync()
        event.accept()

