"""Exporting the run on the timeline from the window: the dialog, the export job, and where it ends.

Why apart from ``main_window``: the dialog collects the options and ``core.export`` writes the file; choosing
the default name and folder, checking the options against the run before a job starts, and saying how it went
is wired here, as the other jobs are in ``window.training``, ``window.sampling``, ``window.edits``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QWidget

from diffviz.core import i18n
from diffviz.core.errors import DiffvizError
from diffviz.core.export import captions_in_language
from diffviz.ui.window.app_state import ENGINE_READY, AppState
from diffviz.ui.widgets.export_dialog import ExportDialog
from diffviz.ui.window.job_callbacks import StartJob
from diffviz.ui.window.status import StatusReporter

JOB = "export"


class Exports:
    """Exports the run on screen as a GIF, a WebP or PNG frames."""

    def __init__(self, state: AppState, parent: QWidget, start: StartJob, busy: Callable[[str], bool],
                 last_dir: Callable[[], Path], report: StatusReporter) -> None:
        self.state = state
        self._parent = parent
        self._start = start
        self._busy = busy
        self._last_dir = last_dir
        self._report = report
        self._said_captions = False  # captions drawn in English for want of a CJK font: said once a session

    def dialog(self) -> None:
        trajectory = self.state.trajectory
        if trajectory is None:
            self._report.show_error(i18n.tr("Sample first: the animation is exported from the timeline."))
            return
        default = str(self._last_dir() / f"diffviz_{trajectory.n_steps}steps.gif")
        dialog = ExportDialog(trajectory.layer_names, default, self._parent, n_frames=trajectory.n_frames,
                              n_samples=max(1, trajectory.feature_samples))
        if dialog.exec():
            self.start(dialog.path(), dialog.options(), dialog.as_frames())

    def start(self, path: str, options, as_frames: bool = False) -> bool:
        """Export the run on screen to ``path``; options that do not fit the run are refused in a message."""
        trajectory = self.state.trajectory
        if trajectory is None or self._busy(JOB) or self.state.engine != ENGINE_READY:
            return False
        from diffviz.workers.jobs import export_job

        try:
            options.validate(trajectory)
        except DiffvizError as exc:
            self._report.show_error(str(exc))
            return False
        if not self._start(JOB, export_job(trajectory, path, options, as_frames), on_done=self.done,
                           progress=trajectory.n_frames):
            return False
        self._report.set_status(i18n.tr("Exporting {path}…").format(path=path))
        return True

    def done(self, result: object) -> None:
        if result and not captions_in_language() and not self._said_captions:  # once a session
            self._said_captions = True
            self._report.set_status(i18n.tr("Exported {path}. Its captions are in English: no font with Chinese "
                                            "glyphs is installed (README names fonts that work).").format(path=result))
            return
        self._report.set_status(i18n.tr("Exported {path}").format(path=result) if result else i18n.tr("Export stopped"))
