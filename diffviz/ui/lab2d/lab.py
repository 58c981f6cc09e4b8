"""The 2-D lab's work: its data, its trained models, and the jobs behind its view.

Why apart from the view: the view collects choices and draws arrays; what runs in workers (training the MLP,
computing a run, exporting it) is started here, as ``window.studies`` does for the Schedule and Compare tabs.
``Lab2D`` is handed what it uses: the view, a way to start jobs, a reporter and the folder to offer.

A trained model belongs to the data and the recipe it was trained on: a new data set or recipe forgets it, so
the lab never shows a model's field over data it has not seen. The first run of a data set uses the perfect
denoiser, which needs no training, so the tab shows a whole run at once.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Callable

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog

from diffviz.core import i18n
from diffviz.core.errors import DiffvizError
from diffviz.core.samplers import get_sampler, samplers_for
from diffviz.core.toy.datasets import make, points_from_strokes, read_points_csv
from diffviz.core.toy.lab import LabRun
from diffviz.core.toy.recipes import get_toy_recipe
from diffviz.ui.lab2d.choices import RunRequest
from diffviz.ui.lab2d.lab_view import PLAY_KEY, Lab2DView
from diffviz.ui.window.job_callbacks import StartJob
from diffviz.ui.window.status import Reporter
from diffviz.workers.lab_jobs import (LabLosses, LabTrained, lab_digits_job, lab_export_job, lab_run_job,
                                      lab_training_job)
from diffviz.workers.messages import Progress
from diffviz.ui.widgets.keys import key_text

JOBS = ("lab-train", "lab-run", "lab-digits", "lab-export")
DRAWN_SPREAD = 0.08  # how far drawn points scatter around a stroke, in the window's units (±3)
# Where the points come from (``Lab2D.source_kind``): a text about them is written whole for each kind, never with
# a phrase for the source put into it. ``Lab2D.source`` names them (a data set's key or a file's name).
NAMED, DRAWING, DIGITS = "named", "drawing", "digits"


def sampler_pair(names: tuple[str, ...]) -> tuple[str, str]:
    """Two samplers to show side by side: one that adds fresh noise every step beside one that does not, when the
    process has both (DDPM beside DDIM); otherwise the first two."""
    stochastic = [name for name in names if get_sampler(name).stochastic]
    steady = [name for name in names if name not in stochastic]
    if stochastic and steady:
        return stochastic[0], steady[0]
    return names[0], names[1] if len(names) > 1 else names[0]


class Lab2D:
    """Runs what the 2-D view asks for and hands it the results."""

    def __init__(self, view: Lab2DView, start: StartJob, busy: Callable[[str], bool], report: Reporter,
                 last_dir: Callable[[], Path], stop_job: Callable[[str], None],
                 image_run: Callable[[], tuple]) -> None:
        self.view = view
        self._start = start
        self._busy = busy
        self._report = report
        self._last_dir = last_dir
        self.points: np.ndarray | None = None
        self.classes: np.ndarray | None = None
        self.source = ""
        self.source_kind = NAMED
        self.trained: LabTrained | None = None
        self._data_version = 0  # a run or training of older data (or another recipe) arriving late is dropped
        self._queued: RunRequest | None = None  # a run asked for while the last one was still stopping
        self.losses = np.zeros(0, np.float32)
        view.dataRequested.connect(self.load_data)
        view.csvRequested.connect(self.choose_csv)
        view.drawingDone.connect(self.use_drawing)
        view.trainRequested.connect(self.train)
        view.runRequested.connect(self.start_run)
        view.stopRequested.connect(self.stop)
        view.exportRequested.connect(self.choose_export)
        view.recipeChanged.connect(self.recipe_changed)
        self._stop_job = stop_job
        self._image_run = image_run  # () -> (the timeline's Trajectory or None, the bundled digits or None, recipe)
        view.digitsRequested.connect(self.show_digits)
        self.recipe_changed(view.recipe_key(), run=False)

    # ----- data and recipe --------------------------------------------------------------------------------------
    def load_data(self, key: str, n: int) -> None:
        """Points of the data set ``key``, then a first run with the perfect denoiser."""
        try:
            points = make(key, n, seed=0)
        except DiffvizError as exc:
            self._report.show_error(str(exc))
            return
        self.set_points(points, None, key)

    def use_drawing(self, strokes: list) -> None:
        """Points along and around the learner's strokes (``datasets.points_from_strokes``) become the data, kept
        in the window's coordinates so they stay where they were drawn."""
        try:
            points = points_from_strokes(strokes, self.view.count.value(), spread=DRAWN_SPREAD)
        except DiffvizError as exc:
            self._report.show_error(str(exc))
            return
        self.view.stop_drawing()
        self.set_points(points, None, "your drawing", DRAWING)

    def show_digits(self) -> None:
        """The timeline's image run in the plane of the bundled digits, beside its noised training digits."""
        trajectory, data, recipe = self._image_run()
        if trajectory is None or data is None or tuple(trajectory.xs.shape[2:]) != tuple(data.images.shape[1:]):
            self.view.set_status(i18n.tr("There is no run of digits on the Timeline to draw: sample one there first "
                                         "(a model of 28x28 grey digits), then choose this again."))
            return
        self._new_data()
        if self._busy("lab-digits"):
            return
        job = lab_digits_job(trajectory, data.images.numpy(), recipe.process)
        if self._start("lab-digits", job, on_done=self._current(self._on_digits)):
            self.view.set_status(i18n.tr("Projecting the Timeline's run onto the plane of the bundled digits…"))

    def _on_digits(self, result: object) -> None:
        if isinstance(result, LabRun):
            self.points, self.classes, self.source = result.data, None, "the bundled digits"
            self.source_kind = DIGITS
            self.forget_model()
            self.view.set_run(result)
            walk = result.walks[0]
            self.view.set_status(i18n.tr("{digits} digits of the Timeline's run ({sampler}, {steps} steps), each a "
                                         "dot in the plane where the bundled digits vary most; grey: {training:,} "
                                         "training digits. Training and runs here are for points.").format(
                digits=walk.n_samples, sampler=walk.sampler, steps=walk.n_steps, training=len(result.data)))

    def choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.view.window(), i18n.tr("Open points (x,y or x,y,class per row)"),
                                              str(self._last_dir()), i18n.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.load_csv(path)

    def load_csv(self, path: str) -> None:
        try:
            points, classes = read_points_csv(path)
        except DiffvizError as exc:
            self._report.show_error(str(exc))  # the points on screen stay as they were
            return
        self.set_points(points, classes, Path(path).name)

    def _new_data(self) -> None:
        """Other data from now on: what runs for the old data is stopped, and dropped if it still arrives."""
        self._data_version += 1
        for name in ("lab-train", "lab-run", "lab-digits"):
            if self._busy(name):
                self._stop_job(name)

    def _current(self, handler: Callable[[object], None]) -> Callable[[object], None]:
        """``handler``, called only if the data it was started for is still the lab's."""
        version = self._data_version
        return lambda result: handler(result) if version == self._data_version else None

    def set_points(self, points: np.ndarray, classes: np.ndarray | None, source: str, kind: str = NAMED) -> None:
        """New data: ``source`` names it (a data set's key, a file's name), ``kind`` says what it is (``NAMED``,
        ``DRAWING``)."""
        self._new_data()
        self.points, self.classes, self.source, self.source_kind = points, classes, source, kind
        self.forget_model()
        self.view.set_data(points, classes)
        text = (i18n.tr("{count:,} points of your drawing. The perfect denoiser needs no training: it is run first; "
                        "train the MLP to compare.") if kind == DRAWING else
                i18n.tr("{count:,} points of {source}. The perfect denoiser needs no training: it is run first; "
                        "train the MLP to compare."))
        self.view.set_status(text.format(count=len(points), source=source))
        self.start_run(RunRequest(self.current_pair(), self.view.steps.value(), self.view.particles.value(),
                                  self.view.seed.value(), "perfect"))

    def recipe_changed(self, recipe: str, run: bool = True) -> None:
        self._new_data()
        names = samplers_for(get_toy_recipe(recipe).process)
        self.view.set_samplers(names, sampler_pair(names))
        self.forget_model()
        if run and self.points is not None:
            self.start_run(RunRequest(self.current_pair(), self.view.steps.value(), self.view.particles.value(),
                                      self.view.seed.value(), "perfect"))

    def current_pair(self) -> tuple[str, str]:
        return tuple(str(box.currentData()) for box in self.view.samplers)  # type: ignore[return-value]

    def forget_model(self) -> None:
        self.trained = None
        self.losses = np.zeros(0, np.float32)
        self.view.set_losses(self.losses)

    # ----- jobs ---------------------------------------------------------------------------------------------------
    def train(self, recipe: str, seconds: float) -> None:
        if self.points is None or self._busy("lab-train"):
            return
        job = lab_training_job(self.points, recipe, seconds, seed=self.view.seed.value())
        if self._start("lab-train", job, {LabLosses: self._current(self._on_losses)},
                       self._current(self._on_trained), finish_on_stop=True):
            self.view.set_status(i18n.tr("Training the MLP ({recipe}) for {seconds:g} s on {count:,} points…")
                                 .format(recipe=recipe, seconds=seconds, count=len(self.points)))

    def _on_losses(self, message: LabLosses) -> None:
        self.losses = message.losses
        self.view.set_losses(message.losses)
        self.view.set_status(i18n.tr("Training: step {step:,}, {seconds:.0f} s, loss {loss:.4f}").format(
            step=len(message.losses), seconds=message.seconds, loss=float(np.mean(message.losses[-20:]))))

    def _on_trained(self, result: object) -> None:
        if not isinstance(result, LabTrained):
            return
        self.trained = result
        self.view.set_status(i18n.tr("Trained {steps:,} steps in {seconds:.0f} s. Running both samplers with the "
                                     "trained MLP…").format(steps=result.steps, seconds=result.seconds))
        self.view.model.setCurrentIndex(self.view.model.findData("trained"))
        self.start_run(RunRequest(self.current_pair(), self.view.steps.value(), self.view.particles.value(),
                                  self.view.seed.value(), "trained"))

    def start_run(self, request: RunRequest) -> None:
        if self.points is None:
            return
        if self._busy("lab-run"):  # still stopping, or the user asked again: run this one when it ends
            self._queued = request
            return
        model = None
        if request.model == "trained":
            if self.trained is None or self.trained.recipe != self.view.recipe_key():
                self.view.set_status(i18n.tr("There is no trained MLP for this data and recipe yet: press Train the "
                                             "MLP (or choose the perfect denoiser)."))
                return
            model = copy.deepcopy(self.trained.model)  # the worker's own copy
        job = lab_run_job(self.points, self.classes, self.view.recipe_key(), model, request.samplers,
                          request.particles, request.steps, request.seed)
        if self._start("lab-run", job, {Progress: self._on_progress}, self._current(self._on_run)):
            first, second = request.samplers
            self.view.set_status(i18n.tr("Walking {count:,} particles with {first} and {second}…").format(
                count=request.particles, first=first, second=second))

    def _on_progress(self, message: Progress) -> None:
        self._report.show_progress(message.done, message.total)

    def _on_run(self, result: object) -> None:
        self._report.hide_progress()
        if isinstance(result, LabRun):
            self.view.set_run(result)
            texts = {
                DRAWING: i18n.tr("{count:,} points of your drawing; {particles:,} particles, {steps} steps. Press Play "
                                 "({shortcut}) or drag the slider."),
                DIGITS: i18n.tr("{count:,} points of the bundled digits; {particles:,} particles, {steps} steps. Press "
                                "Play ({shortcut}) or drag the slider."),
                NAMED: i18n.tr("{count:,} points of {source}; {particles:,} particles, {steps} steps. Press Play "
                               "({shortcut}) or drag the slider.")}
            walk = result.walks[0]
            self.view.set_status(texts[self.source_kind].format(
                count=len(self.points), source=self.source, particles=walk.n_samples, steps=walk.n_steps,
                shortcut=key_text(PLAY_KEY)))

    def stop(self) -> None:
        self._report.hide_progress()
        for name in JOBS:
            if self._busy(name):
                self._stop_job(name)

    def choose_export(self) -> None:
        run = self.view.run
        if run is None or self._busy("lab-export"):
            return
        path, _ = QFileDialog.getSaveFileName(self.view.window(), i18n.tr("Export the 2-D run"),
                                              str(self._last_dir() / "lab2d.gif"),
                                              i18n.tr("GIF animation (*.gif);;WebP animation (*.webp)"))
        if path:
            self.export(path)

    def export(self, path: str) -> None:
        run = self.view.run
        if run is None:
            return
        if self._start("lab-export", lab_export_job(run.walks, run.data, path), {Progress: self._on_progress},
                       self._on_exported):
            self.view.set_status(i18n.tr("Exporting {path}…").format(path=path))

    def _on_exported(self, result: object) -> None:
        self._report.hide_progress()
        self.view.set_status(i18n.tr("Exported {path}").format(path=result) if result else i18n.tr("Export stopped"))

    def jobs_changed(self, names: frozenset[str]) -> None:
        """The window's running jobs changed: the view's buttons follow the lab's own; a run asked for while
        another still ran starts now."""
        self.view.set_busy(any(name in names for name in JOBS))
        if self._queued is not None and "lab-run" not in names:
            request, self._queued = self._queued, None
            # on the next turn of the event loop: the runner is still handling the last run's end, and a job of
            # the same name started from inside that would replace its handle while its thread winds down
            QTimer.singleShot(0, self.view, lambda: self.start_run(request))
