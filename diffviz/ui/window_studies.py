"""The main window's Schedule and Compare tabs: the jobs behind them and their results.

Why apart from ``main_window``: both views only collect choices and show results; what runs
in workers (ᾱ tables, comparison runs, the comparison GIF) is wired here, as a mixin of the
window, so the window module keeps to training, sampling, checkpoints and export.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from diffviz.core.checkpoints import read_checkpoint_info
from diffviz.core.errors import DiffvizError
from diffviz.core.recipes import RECIPES, Recipe, get_recipe
from diffviz.workers.jobs import comparison_export_job, comparison_job, schedule_job


class ScheduleAndComparison:
    """Mixed into MainWindow: uses its ``_start``, ``busy``, ``recipe``, ``model``, status and error helpers."""

    def _compute_schedule(self, beta_schedule: str) -> None:
        if self.busy(f"schedule:{beta_schedule}"):
            return
        worker = self._start(f"schedule:{beta_schedule}", schedule_job(beta_schedule))
        worker.returned.connect(self._on_schedule)

    def _on_schedule(self, result: object) -> None:
        if result:
            self.schedule.set_alpha_bars(*result)

    def _recipe_for(self, key: str) -> Recipe:
        """The recipe of a comparison row's model (its samplers, whether it is told the class): the model on
        screen's, a checkpoint file's (from its metadata) or a bundled one's."""
        if key == "current":
            return self.recipe if getattr(self, "model_info", None) is not None else RECIPES["course"]
        if key.startswith("file:"):
            return self._comparison_recipes.get(key, RECIPES["course"])
        return RECIPES[key.split(":", 1)[1]]

    def _choose_comparison_file(self, index: int) -> None:
        """A row asked for a checkpoint: read its metadata (not its weights) to know its samplers."""
        path, _ = QFileDialog.getOpenFileName(self, "Checkpoint to compare", str(self._last_dir()),
                                              "diffviz checkpoints (*.safetensors);;All files (*)")
        if path:
            try:
                info = read_checkpoint_info(Path(path))
                self._comparison_recipes[f"file:{path}"] = get_recipe(info.recipe)
            except DiffvizError as exc:
                self.show_error(str(exc))
                path = ""
        self.comparison.set_row_file(index, path or None)

    def start_comparison(self) -> None:
        if self.busy("compare"):
            return
        runs = [(key, sampler, steps, guidance, self.comparison.run_label(key, sampler, steps, guidance))
                for key, sampler, steps, guidance in self.comparison.runs()]
        if len(runs) < 2:
            self.show_error("Tick at least two runs to compare.")
            return
        current = (copy.deepcopy(self.model), self.recipe)
        worker = self._start("compare", comparison_job(runs, current, n=8, seed=self.comparison.seed.value()))
        worker.yielded.connect(self._on_progress)
        worker.returned.connect(self._on_compared)
        self.set_status(f"Comparing {len(runs)} runs from the same noise…")
        self._show_progress(0, len(runs))

    def _on_compared(self, result: object) -> None:
        if result:
            self.comparison.set_results(*result)
            self.tabs.setCurrentWidget(self.comparison)
            self.set_status("Comparison ready: drag Progress to move every run together")

    def export_comparison(self) -> None:
        if not self.comparison.trajectories or self.busy("compare-export"):
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export comparison", str(self._last_dir() / "comparison.gif"),
                                              "GIF animation (*.gif)")
        if path:
            self.start_comparison_export(path)

    def start_comparison_export(self, path: str) -> None:
        worker = self._start("compare-export", comparison_export_job(self.comparison.trajectories,
                                                                     self.comparison.labels, path))
        worker.returned.connect(self._on_exported)
        self.set_status(f"Exporting {path}…")
