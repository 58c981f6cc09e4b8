"""The main window: controls on the left, views in tabs, progress in the status bar.

It wires three things and keeps none of the app's state itself: the app state
(``app_state.AppState``: the model, the trajectory, the running jobs, the pause) to the views
that show it; the controls' and menus' requests to the controllers that run each kind of job
(``window.training``, ``window.sampling``, ``window.export``, ``window.edits``, ``window.studies``,
``lab2d.lab``, each handed what it uses); and each job's messages to where they go (one handler per message
type, given when the job starts: ``job_callbacks``). Workers get their own copies of what they need. Closing the window stops every job and joins its thread
(never ``terminate()``), and a model trained in this session is autosaved so nothing is lost.

The window is on screen before PyTorch has loaded: this module and everything it builds in its
constructor import no torch nor pyqtgraph (tests/ui/test_startup.py checks it), so the window
itself (menus, controls, tabs) is up in about a second. The views come in two waves after its
first paint: ``build_timeline`` makes the timeline (pyqtgraph's import alone is half a second of
CPU) and starts the opening run (``opening_run``); the engine (``ui.engine``: torch, the model,
the bundled digits) then loads in a thread, and on ``ready`` every other view (Training,
Inspector, Architecture, Corruption, Schedule, Compare, Edit, 2-D lab: they need the engine, or only
matter once it runs) replaces the ``LoadingPage`` its tab shows meanwhile. A Train or Sample asked for
while the engine loads is queued and run on ``ready``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from diffviz.core import i18n
from diffviz.core.errors import DataError
from diffviz.ui.widgets.controls import ControlPanel
from diffviz.ui.window import geometry
from diffviz.ui.widgets.scrolling import scroll_column
from diffviz.ui.window.actions import VIEW, Commands, Player, main_actions, playback_keys
from diffviz.ui.window.dock import controls_dock
from diffviz.ui.window.app_state import ENGINE_FAILED, ENGINE_LOADING, ENGINE_READY, AppState
from diffviz.ui.window.engine import Engine, LoadedEngine
from diffviz.ui.window.export import Exports
from diffviz.ui.window.job_callbacks import Handler, Job, JobCallbacks
from diffviz.ui.window.job_runner import JobRunner
from diffviz.ui.lesson.panel import Lesson
from diffviz.ui.window.language_menu import language_menu
from diffviz.ui.window.menus import build_menus, show_about
from diffviz.ui.window.model_files import ModelFiles
from diffviz.ui.window.opening_run import OpeningRun
from diffviz.ui.window.status import StatusReporter
from diffviz.ui.window.tabs import TABS, Tabs
from diffviz.workers.base import WorkerHandle
from diffviz.workers.messages import Progress

if TYPE_CHECKING:  # imported where they are built: pyqtgraph after the first paint, torch by the engine
    from diffviz.core.trajectory import Trajectory
    from diffviz.ui.views.timeline_view import TimelineView
    from diffviz.ui.window.engine_views import EngineViews

log = logging.getLogger(__name__)

TRAINING_JOB = "train"     # the job's name, as window.training runs it
WAITING = {"train": i18n.QT_TR_NOOP("Train starts as soon as the engine has loaded…"),  # said while it waits
           "sample": i18n.QT_TR_NOOP("Sample starts as soon as the engine has loaded…")}
# Menu commands that need the engine (the model, torch): off until it is ready. Train and Sample are not
# here: asked for while the engine loads, they are queued.
ENGINE_ACTIONS = ("file.open", "file.open_folder", "file.save", "file.export_pipeline", "file.bundled",
                  "file.course", "file.autosave", "file.export")


class MainWindow(QMainWindow):
    """diffviz's window. ``checkpoint`` opens that file instead of the bundled model.

    ``background``: the window comes up bare (menus, controls, tabs); ``build_timeline`` then makes the
    timeline and ``self.engine.start()`` loads the engine in a thread (``run_app`` calls both once the
    window has painted, so that neither competes with its first paint). Otherwise
    all of it happens here, before the constructor returns (tests, benchmarks, scripts). ``opening``:
    play the opening run when the window opens (``opening_run``): recorded for the bundled model, drawn
    live once the engine is ready for any other checkpoint, so every model shows what it draws. Only the
    app's launch asks for it: a script or a test starts from a quiet window."""

    def __init__(self, checkpoint: Path | None = None, settings: QSettings | None = None, *,
                 background: bool = False, opening: bool = False) -> None:
        super().__init__()
        self.setWindowTitle(i18n.tr("diffviz — watch a diffusion model learn and create"))
        self.settings = settings or QSettings()
        self.state = AppState(self)
        self.jobs = JobRunner(self)
        self.jobs.finished.connect(self._job_finished)
        self.jobs.failed.connect(self._job_failed)
        self._callbacks: dict[str, JobCallbacks] = {}  # the latest job of each name's; kept while it runs
        self.error_relay = None

        self.controls = ControlPanel()
        self.controls.follow(self.state)
        self.addDockWidget(Qt.LeftDockWidgetArea, controls_dock(self, scroll_column(self.controls)))

        self.timeline: TimelineView | None = None  # built by ``build_timeline``: its tab is blank until then
        self.views: EngineViews | None = None  # built on ``ready``: their tabs hold a LoadingPage until then
        self.tabs = Tabs()
        self.setCentralWidget(self.tabs)

        self.reporter = StatusReporter(self)
        self.reporter.cancelRequested.connect(self.stop_jobs)
        self.files = ModelFiles(self.state, self.settings, self.reporter, self, self.start_job, self.busy)
        self.status, self.progress, self.quality_label = (self.reporter.label, self.reporter.progress,
                                                          self.reporter.quality_label)
        self.opening: OpeningRun | None = (
            OpeningRun(self.state, self.reporter, self._show_opening,  # its own run: the opening decides the tab
                       lambda *args, **kw: self.sampling.run(*args, follow=False, **kw)) if opening else None)
        self.exports = Exports(self.state, self, self.start_job, self.busy, self.files.last_dir, self.reporter)
        self.lesson = Lesson(self, self.settings)  # Help → Lesson; run_app offers it at the first launch

        self._build_menus()
        self._connect()
        self.controls.load_settings(self.settings)
        geometry.restore(self, self.tabs, self.settings)
        self.engine = Engine(checkpoint, self)
        self.engine.ready.connect(self._engine_ready)
        self.engine.failed.connect(self._engine_failed)
        self._engine_changed(ENGINE_LOADING)
        self.set_status(i18n.tr("Loading the engine (PyTorch and the model)…"))
        if not background:
            self.build_timeline()
            self.engine.load_now()

    def build_timeline(self) -> None:
        """Build the timeline in place of its blank tab and start the opening run's recording: the view
        that needs no engine and shows the model at work; a second call does nothing."""
        if self.timeline is not None:
            return
        from diffviz.ui.views.timeline_view import TimelineView

        self.timeline = TimelineView()
        self.tabs.swap({"timeline": self.timeline})
        self.state.trajectoryChanged.connect(self.timeline.set_trajectory)
        if self.opening is not None:
            self.opening.play_recording(self.engine.path)

    # ----- construction -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        """Menus and shortcuts from the declared table (``actions``), with this window's callbacks."""
        commands = Commands(
            open_checkpoint=self.files.open_dialog, open_pipeline_folder=self.files.open_folder_dialog,
            save_checkpoint=self.files.save_dialog, export_pipeline_folder=self.files.export_pipeline_dialog,
            use_bundled_model=self.files.use_bundled, use_course_model=self.files.use_course,
            use_perfect_denoiser=self.files.use_perfect,
            open_autosave=self.files.open_autosave, export_animation=self.exports.dialog, quit=self.close,
            train=self.start_training, pause_or_resume=self.toggle_pause, stop=self.stop_jobs,
            sample=self.start_sampling, lesson=self.lesson.open, about=lambda: show_about(self))
        views = [(tab.key, i18n.tr(tab.title), lambda key=tab.key: self.tabs.show_key(key)) for tab in TABS]
        self.menu_actions = build_menus(self, main_actions(commands, views, playback_keys(self._player),
                                                           lambda: self._player() is not None),
                                        {VIEW: language_menu(self, self.settings)})

    def _player(self) -> Player | None:
        """What the playback keys drive: the timeline (the inspector follows it), or a tab that plays its own."""
        current = self.tabs.currentWidget()
        if self.timeline is not None and current in (self.timeline, self.inspector):
            return self.timeline
        return current if self.tabs.current_tab().plays else None

    def _connect(self) -> None:
        """What can be wired before the engine is ready (``engine_views`` wires the rest)."""
        c = self.controls
        c.trainRequested.connect(self.start_training)
        c.pauseRequested.connect(self.toggle_pause)
        c.stopRequested.connect(self.stop_jobs)
        c.sampleRequested.connect(self.start_sampling)
        c.openRequested.connect(self.files.open_dialog)
        c.saveRequested.connect(self.files.save_dialog)
        c.bundledRequested.connect(self.files.use_bundled)
        self.state.jobsChanged.connect(self._jobs_changed)
        self.state.engineChanged.connect(self._engine_changed)

    # ----- the engine (``engine``) and the views that need it ---------------------------------------
    def _engine_ready(self, loaded: LoadedEngine) -> None:
        """The engine has loaded: build the views that need torch, show the model and the digits, then run
        what was queued meanwhile (or, if nothing was and nothing plays yet, the opening run)."""
        from diffviz.ui.window.engine_views import EngineViews  # the engine's thread imported its views

        self.build_timeline()
        self.views = EngineViews(self.state, self.settings, self.controls, self.files, self.reporter, self.tabs,
                                 self.timeline, self.start_job, self.busy, self.stop_jobs, lambda: self.handles)
        self.views.set_data(loaded.data)
        self.files.adopt_initial(loaded)
        if loaded.data_error:
            self.show_error(loaded.data_error)
        self.state.set_engine(ENGINE_READY)
        waiting = self.state.take_waiting()
        for request in waiting:
            self._requests()[request]()
        if self.opening is not None and not waiting and loaded.model_error is None:
            self.opening.engine_ready()

    def _engine_failed(self, message: str) -> None:
        """No torch, no engine: say so where the engine's views and buttons would be; the rest stays usable."""
        self.state.take_waiting()
        self.state.set_engine(ENGINE_FAILED, message)
        self.tabs.show_failure(message)
        self.show_error(i18n.tr("The engine could not load ({error}). Train, Sample and the views that need the "
                                "model are unavailable; the details are in the log file.").format(error=message))

    def _engine_changed(self, status: str) -> None:
        for name in ENGINE_ACTIONS:
            self.menu_actions[name].setEnabled(status == ENGINE_READY)

    def _requests(self) -> dict[str, Callable[[], None]]:
        """What a request waiting for the engine (``AppState.waiting``) runs."""
        return {"train": self.start_training, "sample": self.start_sampling}

    def _waits_for_engine(self, request: str) -> bool:
        """True while the engine is not ready: the request is queued (loading) or refused (failed)."""
        if self.state.engine == ENGINE_READY:
            return False
        if self.state.engine == ENGINE_LOADING and self.state.wait_for_engine(request):
            self.set_status(i18n.tr(WAITING[request]))
        return True

    def _show_opening(self) -> None:
        """Play the opening run (``OpeningRun``) in the timeline, and bring it to the front unless the tab
        restored from the last session shows something of its own (the user chose it: leave it)."""
        if not self.tabs.current_tab().content_of_its_own:
            self.tabs.setCurrentWidget(self.timeline)
        if not self.timeline.is_playing():
            self.timeline.play_pause()

    # ----- the state, read-only, for scripts and tests (the state object is the one copy) --------
    model = property(lambda self: self.state.model)
    model_info = property(lambda self: self.state.info)
    model_unsaved = property(lambda self: self.state.unsaved)
    recipe = property(lambda self: self.state.recipe)
    trajectory = property(lambda self: self.state.trajectory)
    data = property(lambda self: self.views.data if self.views else None)
    # the views built on ``ready`` and the controllers of their jobs (``engine_views``); None until then
    training_view = property(lambda self: self.views and self.views.training_view)
    inspector = property(lambda self: self.views and self.views.inspector)
    architecture = property(lambda self: self.views and self.views.architecture)
    corruption = property(lambda self: self.views and self.views.corruption)
    schedule = property(lambda self: self.views and self.views.schedule)
    comparison = property(lambda self: self.views and self.views.comparison)
    edit_view = property(lambda self: self.views and self.views.edit_view)
    studies = property(lambda self: self.views and self.views.studies)
    edits = property(lambda self: self.views and self.views.edits)
    training = property(lambda self: self.views and self.views.training)
    sampling = property(lambda self: self.views and self.views.sampling)
    last_quality = property(lambda self: self.reporter.last_quality)
    last_error = property(lambda self: self.reporter.last_error,  # a script clears it to notice the next one
                          lambda self, text: setattr(self.reporter, "last_error", text))

    # ----- the model (``model_files`` does the work) -----------------------------------------------
    def load_checkpoint_file(self, path: Path) -> bool:
        """Open a checkpoint; on any problem show why and keep the current model untouched."""
        return self.files.load(path)

    use_bundled_model = property(lambda self: self.files.use_bundled)  # window.use_bundled_model()
    use_course_model = property(lambda self: self.files.use_course)

    # ----- jobs ---------------------------------------------------------------------------------
    @property
    def handles(self) -> dict[str, WorkerHandle]:
        return self.jobs.handles

    def busy(self, name: str | None = None) -> bool:
        return self.jobs.busy(name)

    def start_job(self, name: str, job: Job, on: Mapping[type, Handler] | None = None,
                  on_done: Handler | None = None, *, progress: int | None = None, threads: int | None = None,
                  finish_on_stop: bool = False) -> bool:
        """Run ``job`` as ``name``: each message it yields goes to ``on[type(message)]`` (``Progress`` to the
        progress bar unless ``on`` says otherwise), its result to ``on_done``. ``progress``: show the bar
        at 0 of that many. False, and nothing started, while a job of that name runs."""
        if self.busy(name):
            return False
        callbacks = JobCallbacks({Progress: self._on_progress, **(on or {})}, on_done)
        self._callbacks[name] = callbacks
        callbacks.attach(self.jobs.start(name, callbacks.gate(job), threads, finish_on_stop))
        self.state.set_jobs({n for n in self.handles if self.busy(n)})
        if progress is not None:
            self.reporter.show_progress(0, progress)
        return True

    def start_training(self) -> None:
        """Train a fresh model with the controls' settings (queued while the engine loads; ``window.training``)."""
        if not self._waits_for_engine("train"):
            self.training.start()

    def toggle_pause(self) -> None:
        if self.training is not None:
            self.training.toggle_pause()

    def start_sampling(self) -> None:
        """Sample with the controls' settings (queued while the engine loads; ``window.sampling``)."""
        if not self._waits_for_engine("sample"):
            self.sampling.start()

    def show_trajectory(self, trajectory: Trajectory) -> None:
        self.sampling.show(trajectory)

    def export_dialog(self) -> None:
        self.exports.dialog()

    def start_export(self, path: str, options, as_frames: bool = False) -> None:
        self.exports.start(path, options, as_frames)

    def _on_progress(self, message: Progress) -> None:
        self.reporter.show_progress(message.done, message.total)

    def _job_failed(self, message: str, details: str, kind: str) -> None:
        log.error("job failed: %s\n%s", message, details)
        if kind == DataError.__name__ and self.controls.data_spec() != "bundled" and self.training is not None:
            self.training.offer_bundled_data(message)  # a missing or damaged dataset: the bundled digits need none
        else:
            self.show_error(message)

    def _job_finished(self, name: str) -> None:
        self.state.set_jobs({n for n in self.handles if self.busy(n)})
        if name == TRAINING_JOB:
            self.training.finished()

    def _jobs_changed(self, names: frozenset[str]) -> None:
        if not names:
            self.reporter.hide_progress()

    def stop_jobs(self) -> None:
        """Ask every running job to stop; they end between two steps and keep their results."""
        self.jobs.stop_all()

    def shutdown(self) -> None:
        """Stop and join every worker thread (see JobRunner.shutdown), and the engine's loading thread (an
        import cannot be interrupted: it ends within seconds)."""
        self.jobs.shutdown()
        self.engine.wait()
        self.lesson.shutdown()

    def set_status(self, text: str) -> None:
        self.reporter.set_status(text)

    def show_error(self, text: str) -> QMessageBox:
        """A non-blocking, plain-text error box (see ``StatusReporter.show_error``)."""
        return self.reporter.show_error(text)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.shutdown()
        geometry.remember(self, self.tabs, self.settings)
        self.controls.save_settings(self.settings)
        if self.edit_view is not None:
            self.edit_view.save_settings(self.settings)
        self.settings.sync()
        event.accept()
