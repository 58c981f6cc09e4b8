"""The Edit tab's work: the edit job behind it, and where its run goes.

Why apart from ``main_window``: the Edit view only collects a request (``core.edit_modes.EditRequest``)
and shows results; running it in a worker, streaming its frames into the timeline and the inspector
(the same ``SamplingStream`` as sampling: an edit's run is an ordinary ``Trajectory``), and telling
the view when it ends is wired here. ``Edits`` is handed what it uses, as ``window.studies.Studies`` is.
"""

from __future__ import annotations

import copy
import time
from typing import Callable, Iterable

from PySide6.QtWidgets import QWidget

from diffviz.core import i18n
from diffviz.core.edit_modes import EditRequest
from diffviz.core.trajectory import Trajectory
from diffviz.ui.window.actions import shortcut_text
from diffviz.ui.window.app_state import AppState
from diffviz.ui.edit.edit_view import EditView
from diffviz.ui.window.job_callbacks import StartJob
from diffviz.ui.window.sampling_stream import GrowingView, SamplingStream
from diffviz.ui.window.status import StatusReporter
from diffviz.workers.jobs import edit_job
from diffviz.workers.messages import PrecisionChosen

JOB = "edit"
FEATURE_LIMIT = 16  # as sampling: the inspector keeps the first 16 images' feature maps


class Edits:
    """Runs what the Edit view asks for; its run plays in the timeline as it is computed."""

    def __init__(self, state: AppState, view: EditView, start: StartJob, busy: Callable[[str], bool],
                 stop: Callable[[], None], views: Iterable[GrowingView], timeline: QWidget, report: StatusReporter,
                 show_view: Callable[[QWidget], None], precision: Callable[[], str]) -> None:
        self.state = state
        self.view = view
        self._start = start
        self._busy = busy
        self._views = tuple(views)
        self._timeline = timeline
        self._report = report
        self._show_view = show_view
        self._precision = precision
        self._started_at = 0.0
        view.runRequested.connect(self.start)
        view.stopRequested.connect(stop)
        state.modelChanged.connect(self.model_changed)
        state.jobsChanged.connect(lambda names: view.set_running(JOB in names))
        state.trajectoryChanged.connect(self.last_run_changed)
        state.jobsChanged.connect(self.last_run_changed)
        self.model_changed()
        self.last_run_changed()

    def model_changed(self) -> None:
        """Tell the view what the model on screen can do: its samplers, whether it knows digits, inverts, and the
        shape of the images it makes (the canvas holds that shape: a pipeline folder's colour 32 px, say)."""
        from diffviz.core.sampling import image_shape_of

        recipe = self.state.recipe
        self.view.set_recipe(recipe.name, recipe.samplers, recipe.sampler, recipe.classes,
                             recipe.process.invertible)
        self.view.set_image_shape(image_shape_of(self.state.model))

    def last_run_changed(self, *_ignored) -> None:
        """The run on the timeline changed, or a job ended (a finished run is the same object, now complete):
        the view's "Take a result of the last run" offers its images."""
        self.view.set_last_run(self.state.trajectory)

    def start(self, request: EditRequest) -> bool:
        """Run ``request`` with a copy of the model on screen (training may replace it meanwhile)."""
        if self._busy(JOB) or self._busy("sample"):
            self.view.show_message(i18n.tr("A run is already being computed: wait for it, or Stop it ({shortcut}).")
                                   .format(shortcut=shortcut_text("run.stop")))
            return False
        job = edit_job(copy.deepcopy(self.state.model), request, self.state.recipe,
                       features=min(request.samples, FEATURE_LIMIT), precision=self._precision())
        stream = SamplingStream(self.state, self._views,
                                on_started=lambda _trajectory: self._show_view(self._timeline))
        self._started_at = time.perf_counter()
        started = self._start(JOB, job, {**stream.handlers(), PrecisionChosen: self._report.show_precision},
                              on_done=lambda result: self.done(stream.done(result)), progress=request.frames,
                              finish_on_stop=True)
        if started:
            self.view.set_running(True)
            self.view.clear_result()
            self._report.set_status(i18n.tr("{edit}: computing {frames} frames…").format(
                edit=i18n.tr(request.edit_mode.title), frames=request.frames))
        return started

    def done(self, trajectory: Trajectory | None) -> None:
        self.view.set_running(False)
        self.last_run_changed()
        if trajectory is None:
            self._report.set_status(i18n.tr("The edit stopped before its first step"))
            return
        self.view.show_result(trajectory)
        edit = i18n.tr(trajectory.edit.edit_mode.title) if trajectory.edit is not None else i18n.tr("Edit")
        if trajectory.stopped:
            self._report.set_status(i18n.tr("{edit} stopped after step {step}/{steps}: the frames made are on the "
                                            "timeline").format(edit=edit, step=trajectory.n_steps,
                                                               steps=trajectory.planned_steps))
            return
        self._report.set_status(i18n.tr("{edit}: %n image(s), {steps} steps ({seconds:.1f} s) — scrub with ←/→ "
                                        "on the timeline, play with Space", None, trajectory.n_samples)
                                .format(edit=edit, steps=trajectory.n_steps,
                                        seconds=time.perf_counter() - self._started_at))
