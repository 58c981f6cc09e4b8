"""The Schedule and Compare tabs' work: the jobs behind them and where their results go.

Why apart from ``main_window``: both views only collect choices and show results; what runs
in workers (ᾱ tables, comparison runs, the comparison GIF) is wired here, so the window keeps
to training, sampling, checkpoints and export. ``Studies`` is handed everything it uses (the
app state, a way to start jobs, the two views, a reporter, the folder to offer, a way to show
a view) instead of borrowing them from the window it used to be mixed into.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QFileDialog, QWidget

from diffviz.core import i18n
from diffviz.core.checkpoints import read_checkpoint_info
from diffviz.core.errors import DiffvizError
from diffviz.core.recipes import RECIPES, Recipe, get_recipe
from diffviz.ui.window.app_state import AppState
from diffviz.ui.views.comparison_view import ComparisonView
from diffviz.ui.window.job_callbacks import StartJob
from diffviz.ui.views.schedule_view import ScheduleView
from diffviz.ui.window.status import Reporter
from diffviz.workers.jobs import comparison_export_job, comparison_job, schedule_job


class RowRecipes:
    """A comparison row's model key -> that model's recipe (its samplers, whether it is told the class):
    the model on screen's, a checkpoint file's (from its metadata) or a bundled one's."""

    def __init__(self, state: AppState) -> None:
        self._state = state
        self._files: dict[str, Recipe] = {}  # "file:PATH" -> the recipe its metadata names

    def __call__(self, key: str) -> Recipe:
        if key == "current":
            return self._state.recipe
        if key.startswith("file:"):
            return self._files.get(key, RECIPES["course"])
        return RECIPES[key.split(":", 1)[1]]

    def read_file(self, path: str) -> None:
        """Read a checkpoint's metadata (not its weights); raises DiffvizError for a file that is not one."""
        self._files[f"file:{path}"] = get_recipe(read_checkpoint_info(Path(path)).recipe)


class Studies:
    """Runs what the Schedule and Compare views ask for and hands them the results."""

    def __init__(self, state: AppState, start: StartJob, busy: Callable[[str], bool], schedule: ScheduleView,
                 comparison: ComparisonView, recipes: RowRecipes, report: Reporter,
                 last_dir: Callable[[], Path], show_view: Callable[[QWidget], None]) -> None:
        self.state = state
        self._start = start
        self._busy = busy
        self.schedule = schedule
        self.comparison = comparison
        self.recipes = recipes
        self._report = report
        self._last_dir = last_dir
        self._show_view = show_view
        schedule.scheduleRequested.connect(self.compute_schedule)
        comparison.runRequested.connect(self.start_comparison)
        comparison.exportRequested.connect(self.export_comparison)
        comparison.fileRequested.connect(self.choose_comparison_file)
        state.modelChanged.connect(comparison.refresh_samplers)

    def compute_schedule(self, key: str) -> None:
        """The Schedule view lacks the schedule of process ``key``: make it in a worker (DDPM's imports
        diffusers) and hand it over."""
        def show(result: object) -> None:
            if result:
                self.schedule.set_schedule(*result)

        self._start(f"schedule:{key}", schedule_job(key), on_done=show)

    def choose_comparison_file(self, index: int) -> None:
        """A row asked for a checkpoint: read its metadata (not its weights) to know its samplers."""
        path, _ = QFileDialog.getOpenFileName(self.comparison.window(), i18n.tr("Checkpoint to compare"),
                                              str(self._last_dir()),
                                              ";;".join((i18n.tr("diffviz checkpoints (*.safetensors)"),
                                                         i18n.tr("All files (*)"))))
        if path:
            try:
                self.recipes.read_file(path)
            except DiffvizError as exc:
                self._report.show_error(str(exc))
                path = ""
        self.comparison.set_row_file(index, path or None)

    def start_comparison(self) -> None:
        if self._busy("compare"):
            return
        runs = [(key, sampler, steps, guidance, self.comparison.run_label(key, sampler, steps, guidance))
                for key, sampler, steps, guidance in self.comparison.runs()]
        if len(runs) < 2:
            self._report.show_error(i18n.tr("Tick at least two runs to compare."))
            return
        current = (copy.deepcopy(self.state.model), self.state.recipe)  # the worker's own copy
        if self._start("compare", comparison_job(runs, current, n=8, seed=self.comparison.seed.value()),
                       on_done=self._on_compared, progress=len(runs)):
            self._report.set_status(i18n.tr("Comparing {count} runs from the same noise…").format(count=len(runs)))

    def _on_compared(self, result: object) -> None:
        if result:
            self.comparison.set_results(*result)
            self._show_view(self.comparison)
            self._report.set_status(i18n.tr("Comparison ready: drag Progress to move every run together"))

    def export_comparison(self) -> None:
        if not self.comparison.trajectories or self._busy("compare-export"):
            return
        path, _ = QFileDialog.getSaveFileName(self.comparison.window(), i18n.tr("Export comparison"),
                                              str(self._last_dir() / "comparison.gif"),
                                              i18n.tr("GIF animation (*.gif)"))
        if path:
            self.start_comparison_export(path)

    def start_comparison_export(self, path: str) -> None:
        job = comparison_export_job(self.comparison.trajectories, self.comparison.labels, path)
        if self._start("compare-export", job, on_done=self._on_exported):
            self._report.set_status(i18n.tr("Exporting {path}…").format(path=path))

    def _on_exported(self, result: object) -> None:
        self._report.set_status(i18n.tr("Exported {path}").format(path=result) if result else i18n.tr("Export stopped"))
