"""Sampling from the window: the sampling job, its run streamed into the timeline and the inspector.

Why apart from ``main_window``: a run is started from the controls (Sample) or by the opening run, streams its
frames into the views while it is computed (``sampling_stream``), and ends with a status line that says how it
went and how long it took; all of that is wired here, as ``window.edits.Edits`` wires the Edit lab's runs.
Each run keeps its own start time, so a run's "(x s)" is its own even when another job starts meanwhile.
"""

from __future__ import annotations

import copy
import time
from typing import Callable, Iterable, Mapping

from PySide6.QtWidgets import QWidget

from diffviz.core import i18n
from diffviz.core.trajectory import Trajectory
from diffviz.ui.window.actions import shortcut_text
from diffviz.ui.window.app_state import AppState
from diffviz.ui.widgets.controls import ControlPanel
from diffviz.ui.window.job_callbacks import Handler, StartJob
from diffviz.ui.window.sampling_stream import GrowingView, SamplingStream
from diffviz.ui.window.status import StatusReporter
from diffviz.workers.messages import PrecisionChosen

JOB = "sample"
FEATURE_LIMIT = 16  # feature maps are kept for the first 16 samples (memory stays ~70 MB)


class Sampling:
    """Samples the model on screen; its run plays in the timeline as it is computed."""

    def __init__(self, state: AppState, controls: ControlPanel, views: Iterable[GrowingView], timeline: QWidget,
                 start: StartJob, busy: Callable[[str], bool], report: StatusReporter,
                 show_view: Callable[[QWidget], None], training_digits: Callable[[], object] = lambda: None) -> None:
        self.state = state
        self._training_digits = training_digits  # () -> the bundled digits (core.data.DigitData) or None
        self.controls = controls
        self._views = tuple(views)
        self._timeline = timeline
        self._start = start
        self._busy = busy
        self._report = report
        self._show_view = show_view
        self._started_at = 0.0

    def start(self) -> bool:
        """Sample with the controls' settings; False when nothing started (a run or an edit is computed)."""
        if self._busy(JOB):
            return False
        if self._busy("edit"):
            self._report.set_status(i18n.tr("An edit is being computed: Sample when it ends, or Stop it ({shortcut})")
                                    .format(shortcut=shortcut_text("run.stop")))
            return False
        n, steps, seed = self.controls.sample_settings()
        if not self.run(n, steps, seed, self.controls.sampler_name(), self.controls.class_choice(),
                        on_done=self.done):
            return False
        self._report.set_status(i18n.tr("Sampling %n image(s) in {steps} steps…", None, n).format(steps=steps))
        return True

    def run(self, n: int, steps: int, seed: int, sampler: str, class_choice: Mapping[str, object],
            on_done: Handler, follow: bool = True) -> bool:
        """Sample the model on screen in a worker (which gets its own copy: training may replace the model
        meanwhile). The run streams (``sampling_stream``): the timeline and inspector open on its first frames
        while the rest are computed (``follow`` brings the timeline to the front then), and ``on_done`` gets
        the finished run, the frames made when stopped, or None when not even the first frame was."""
        from diffviz.core.quality import QualityReport, meter_applies
        from diffviz.core.sampling import image_shape_of
        from diffviz.workers.jobs import sampling_job

        model = copy.deepcopy(self.state.model)
        info = self.state.info
        quality_note = meter_applies(info.training if info else None, image_shape_of(model))
        if quality_note:
            self._report.show_quality_note(quality_note)
        job = sampling_job(model, n, steps, seed, features=min(n, FEATURE_LIMIT), recipe=self.state.recipe,
                           sampler=sampler, precision=self.controls.precision_choice(), judge=not quality_note,
                           **class_choice)
        stream = SamplingStream(self.state, self._views,
                                on_started=(lambda _trajectory: self._show_view(self._timeline)) if follow else None)
        self._started_at = time.perf_counter()
        return self._start(JOB, job, {**stream.handlers(), QualityReport: self._report.show_quality,
                                         PrecisionChosen: self._report.show_precision},
                              on_done=lambda result: on_done(stream.done(result)), progress=steps + 1,
                              finish_on_stop=True)

    def done(self, trajectory: Trajectory | None) -> None:
        if trajectory is None:
            self._report.set_status(i18n.tr("Sampling stopped before its first step"))
            return
        self.show(trajectory)
        self.find_nearest(trajectory)
        if trajectory.stopped:
            self._report.set_status(i18n.tr("Sampling stopped after step {step}/{steps}: the frames made are on the "
                                            "timeline — scrub with ←/→, play with Space")
                                    .format(step=trajectory.n_steps, steps=trajectory.planned_steps))
            return
        wanted = min(trajectory.n_samples, FEATURE_LIMIT)
        kept = trajectory.feature_samples
        if kept >= wanted:
            text = i18n.tr("Sampled %n image(s) in {steps} steps ({seconds:.1f} s) — scrub with ←/→, play with "
                           "Space", None, trajectory.n_samples)
        elif kept:
            text = i18n.tr("Sampled %n image(s) in {steps} steps ({seconds:.1f} s) · feature maps kept for {kept} of "
                           "the first {wanted} samples (a model this large would not fit in memory) — scrub with "
                           "←/→, play with Space", None, trajectory.n_samples)
        else:
            text = i18n.tr("Sampled %n image(s) in {steps} steps ({seconds:.1f} s) · feature maps kept for none of "
                           "the first {wanted} samples (a model this large would not fit in memory) — scrub with "
                           "←/→, play with Space", None, trajectory.n_samples)
        self._report.set_status(text.format(steps=trajectory.n_steps, seconds=time.perf_counter() - self._started_at,
                                            kept=kept, wanted=wanted))

    def find_nearest(self, trajectory: Trajectory) -> None:
        """Look up, in a worker, the training digit nearest to each result, for the timeline to show beside the
        run (a finished run of images shaped like the bundled digits only)."""
        data = self._training_digits()
        if trajectory.stopped or data is None or tuple(trajectory.xs.shape[2:]) != tuple(data.images.shape[1:]):
            return
        from diffviz.workers.jobs import nearest_job

        def show(result: object) -> None:
            if result is not None:
                indices, distances = result
                self._timeline.set_nearest(trajectory, data.images[indices].numpy(), distances)

        self._start("nearest", nearest_job(trajectory.final, data.images), on_done=show)

    def show(self, trajectory: Trajectory) -> None:
        self.state.set_trajectory(trajectory)
        self._show_view(self._timeline)
