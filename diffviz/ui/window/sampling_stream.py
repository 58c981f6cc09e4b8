"""A sampling run shown while it is computed: the glue between the sampling job's messages and the views.

The job (``workers.jobs.sampling_job``) sends ``SamplingStarted(trajectory)`` once frame 0 is made, then
``FramesMade`` at most ~30 times a second, and returns the finished run (the same object) or, when stopped,
the frames made cut from it (``SamplingFailed`` carries those when it fails instead). One ``SamplingStream``
per run turns these into what the learner sees:

- the first puts the growing trajectory in the ``AppState`` (so the timeline and the inspector, which
  follow ``trajectoryChanged``, open on frame 0 at once, and an export asked for meanwhile is refused
  with a clear message rather than reading frames not yet written);
- each count tells the views that more frames are made (``frames_arrived``: a few label and slider
  updates, no torch, and no frame is ever read past the count the view took);
- the result replaces it in the state: the finished run is the same object (the state does not announce
  it again; the views just learn it is complete), a stopped run continues it (``Trajectory.continues``),
  so the views keep the learner's frame either way.

How a run is started with it (``window.sampling.Sampling.run``, and ``window.edits.Edits.start`` for edits;
``on_done`` then gets the finished run, the stopped run, or None when not even frame 0 was made, and
should say "stopped after step k/n" (``core.captions.status_text``) when ``trajectory.stopped``)::

    from diffviz.ui.window.sampling_stream import SamplingStream

    stream = SamplingStream(self.state, (self.timeline, self.inspector),
                            on_started=lambda trajectory: self.tabs.setCurrentWidget(self.timeline))
    return self.start_job("sample", job, {**stream.handlers(), QualityReport: self.reporter.show_quality,
                                          PrecisionChosen: self.reporter.show_precision},
                          on_done=lambda result: on_done(stream.done(result)), progress=steps + 1,
                          finish_on_stop=True)

One stream per run: the closures in the job's callbacks keep it alive until the job ends.
``finish_on_stop`` states the intent; the job keeps its stopped run without it too, and ``done(None)``
after a run was shown still hands over the frames made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Protocol

from diffviz.workers.messages import FramesMade, SamplingFailed, SamplingStarted

if TYPE_CHECKING:
    from diffviz.core.trajectory import Trajectory
    from diffviz.ui.window.app_state import AppState


class GrowingView(Protocol):
    """What the stream asks of a view beyond following the state's trajectory."""

    def frames_arrived(self) -> None: ...


class SamplingStream:
    """One sampling run's messages, turned into the state's trajectory and the views' frame counts."""

    def __init__(self, state: AppState, views: Iterable[GrowingView] = (),
                 on_started: Callable[[Trajectory], None] | None = None) -> None:
        self._state = state
        self._views = tuple(views)
        self._on_started = on_started
        self._live: Trajectory | None = None  # the run being recorded, until its result arrives

    def handlers(self) -> dict[type, Callable[[Any], None]]:
        """The message handlers for ``start_job(..., on=...)``."""
        return {SamplingStarted: self.started, FramesMade: self.advance, SamplingFailed: self.failed}

    @property
    def live(self) -> Trajectory | None:
        """The run still being recorded, or None once its result (or its failure) has arrived."""
        return self._live

    def started(self, message: SamplingStarted) -> None:
        self._live = message.trajectory
        self._state.set_trajectory(message.trajectory)
        if self._on_started is not None:
            self._on_started(message.trajectory)

    def advance(self, message: FramesMade | None = None) -> None:
        """More frames are made; the views read the count from the trajectory itself, so a late message
        never shows fewer frames than a view already has."""
        if self._live is None:
            return
        for view in self._views:
            view.frames_arrived()

    def failed(self, message: SamplingFailed) -> None:
        """The job fails after making some frames: keep them, as a stop would."""
        self.done(message.trajectory)

    def done(self, result: Trajectory | None) -> Trajectory | None:
        """The job's result: put it on the views, keeping the learner's frame, and return it. None after a run
        was shown (a job stopped without handing back its frames) keeps the frames made, as a stopped run."""
        live, self._live = self._live, None
        if result is None and live is not None:
            result = live.stopped_at()
        if result is None:
            return None
        self._state.set_trajectory(result)  # the same object: no signal; a stopped run: the views continue
        for view in self._views:
            view.frames_arrived()
        return result
