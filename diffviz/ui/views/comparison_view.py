"""Comparison: two to four sampling runs from the same starting noise, on one progress slider.

Why: the differences worth teaching (a 1-step run versus 40 steps, DDPM versus DDIM, the
course's model versus the flow model, guidance 0 versus 4) are only visible side by side, from the same noise,
lined up by progress rather than by step number. The view only collects choices and
shows results: the window samples in a worker (``core.comparison``) and writes the GIF
in one too. Each column's grid and caption come from ``comparison_panels``, the GIF's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QSlider, QSpinBox, QVBoxLayout, QWidget)

from diffviz.core import i18n
from diffviz.core.comparison import MAX_RUNS, comparison_panels
from diffviz.core.paths import bundled_checkpoint_path
from diffviz.core.recipes import Recipe
from diffviz.core.samplers import get_sampler
from diffviz.core.sampling import MAX_GUIDANCE
from diffviz.core.trajectory import Trajectory
from diffviz.ui.widgets.images import ExplanationBox, ImagePanel

PROGRESS_STEPS = 100
SAMPLER_PRESET_CALLS = 20  # "Every sampler": each run gets as many steps as 20 model calls buy (Heun: 10)
MODEL_CHOICES = ((i18n.QT_TR_NOOP("Current model"), "current"),  # (text shown, translated where shown; key)
                 (i18n.QT_TR_NOOP("Bundled flow-class model"), "bundled:flow-class"),
                 (i18n.QT_TR_NOOP("Bundled flow model"), "bundled:flow"),
                 (i18n.QT_TR_NOOP("Bundled course model"), "bundled:course"),
                 (i18n.QT_TR_NOOP("Bundled course-unet2d model"), "bundled:course-unet2d"),
                 (i18n.QT_TR_NOOP("Bundled DDPM model"), "bundled:ddpm"),
                 (i18n.QT_TR_NOOP("Checkpoint file…"), "file"))

EXPLANATION = i18n.QT_TR_NOOP("""
<p>Every column starts from <b>the same noise</b> (the same seed) and the slider moves all of them by
<b>progress</b>: at 0.5 a 10-step run has taken 5 steps and a 40-step run 20. Try the presets: few steps
give blurry averages (each step jumps to the model's guess), a model that was told the amount sharpens in
fewer steps, and <b>BasicUNet · UNet2DModel</b> sets the course's small network beside diffusers' larger one,
both trained on the course's corruption. <b>Every sampler</b> gives each sampler the same 20 model calls: for a blend model that is 20
course (Euler) steps against 10 Heun steps, which look twice per step and follow the path more closely; for
DDPM models DDIM and DPM-Solver++ reach a clean digit where DDPM's own sampler is still noisy. For a model told the digit (flow-class), <b>guidance</b> mixes its guesses with and without the label:
0 ignores the label, 1 uses it as it is, and higher scales push each column toward clearer, but more alike,
digits.</p>
""")


Run = tuple[str, "str | None", int, "float | None"]  # (model key, sampler or None for its default, steps, guidance)


def _step_counts(recipe_for: Callable[[str], Recipe]) -> list[Run]:
    return [("current", None, steps, None) for steps in (1, 5, 10, 40)]


def _every_sampler(recipe_for: Callable[[str], Recipe]) -> list[Run]:
    """Every sampler of the current model at the same number of model calls, so the comparison is fair."""
    names = recipe_for("current").samplers
    runs = [("current", name, get_sampler(name).steps_within(SAMPLER_PRESET_CALLS), None) for name in names[:MAX_RUNS]]
    return runs if len(runs) >= 2 else [("current", names[0], 10, None), ("current", names[0], 40, None)]


def _three_recipes(recipe_for: Callable[[str], Recipe]) -> list[Run]:
    return [(model, None, 40, None) for model in ("bundled:course", "bundled:flow", "bundled:flow-class")]


def _two_networks(recipe_for: Callable[[str], Recipe]) -> list[Run]:
    """The course's own comparison: its BasicUNet and diffusers' UNet2DModel, trained the same way."""
    return [(model, None, 40, None) for model in ("bundled:course", "bundled:course-unet2d")]


def _guidance_scales(recipe_for: Callable[[str], Recipe]) -> list[Run]:
    """Four guidance scales, of the current model when it is told the class, else of the bundled one."""
    model = "current" if recipe_for("current").classes else "bundled:flow-class"
    return [(model, None, 40, scale) for scale in (0.0, 1.0, 2.0, 4.0)]


@dataclass(frozen=True)
class ComparisonPreset:
    """A button that fills the run rows: ``runs(recipe_for)`` gives one ``Run`` per row it turns on."""

    key: str
    title: str   # marked, translated where shown
    tip: str
    runs: Callable[[Callable[[str], Recipe]], list[Run]]


PRESETS: dict[str, ComparisonPreset] = {preset.key: preset for preset in (
    ComparisonPreset("steps", i18n.QT_TR_NOOP("1 · 5 · 10 · 40 steps"),
                     i18n.QT_TR_NOOP("The current model with more and more steps"), _step_counts),
    ComparisonPreset("samplers", i18n.QT_TR_NOOP("Every sampler"),
                     i18n.QT_TR_NOOP("Every sampler of the current model, each given the same number of model calls"),
                     _every_sampler),
    ComparisonPreset("models", i18n.QT_TR_NOOP("Course · flow · flow-class"),
                     i18n.QT_TR_NOOP("The bundled models of three recipes"), _three_recipes),
    ComparisonPreset("unet2d", i18n.QT_TR_NOOP("BasicUNet · UNet2DModel"),
                     i18n.QT_TR_NOOP("The course's comparison: its small BasicUNet against diffusers' UNet2DModel, "
                                     "both trained with the course's corruption"), _two_networks),
    ComparisonPreset("guidance", i18n.QT_TR_NOOP("Guidance 0 · 1 · 2 · 4"),
                     i18n.QT_TR_NOOP("One model told the digit, guided less and more"), _guidance_scales),
)}


class _RunRow:
    """The widgets of one run: on/off, model, sampler, steps, guidance."""

    def __init__(self, index: int) -> None:
        self.enabled = QCheckBox(i18n.tr("Run {number}").format(number=index + 1))
        self.model = QComboBox()
        for text, key in MODEL_CHOICES:
            if key.startswith("bundled:") and not bundled_checkpoint_path(key.split(":", 1)[1]).is_file():
                continue  # only the models this installation ships
            self.model.addItem(i18n.tr(text), key)
        self.sampler = QComboBox()
        self.steps = QSpinBox(minimum=1, maximum=200, value=40)
        self.guidance = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=MAX_GUIDANCE, value=2.0, singleStep=0.5,
                                       toolTip=i18n.tr("Classifier-free guidance (models told the class only)"))


class ComparisonView(QWidget):
    """Run settings, a Run button, the columns, a progress slider and a GIF export button."""

    runRequested = Signal()
    exportRequested = Signal()
    fileRequested = Signal(int)  # row index: the user chose "Checkpoint file…" there

    def __init__(self, recipe_for: Callable[[str], Recipe], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recipe_for = recipe_for  # model key -> the recipe of that model (its samplers, its classes)
        self.trajectories: list[Trajectory] = []
        self.labels: list[str] = []

        grid = QGridLayout()
        headings = ("", i18n.tr("Model"), i18n.tr("Sampler"), i18n.tr("Steps"), i18n.tr("Guidance"))
        for column, title in enumerate(headings):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        self.rows = [_RunRow(i) for i in range(MAX_RUNS)]
        for i, row in enumerate(self.rows):
            for column, widget in enumerate((row.enabled, row.model, row.sampler, row.steps, row.guidance)):
                grid.addWidget(widget, i + 1, column)
            row.model.currentIndexChanged.connect(lambda _=0, i=i: self._model_changed(i))
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1, value=0, toolTip=i18n.tr("The starting noise of every run"))
        self.run_button = QPushButton(i18n.tr("Run comparison"),
                                      toolTip=i18n.tr("Sample every run from the same noise"))
        self.export_button = QPushButton(i18n.tr("Export GIF…"), enabled=False)
        presets = QVBoxLayout()  # a column beside the runs: a row of them would make the window wider than a laptop
        presets.setSpacing(2)
        presets.addWidget(QLabel(i18n.tr("Presets:")))
        self.preset_buttons = {}
        for preset in PRESETS.values():
            button = QPushButton(i18n.tr(preset.title), toolTip=i18n.tr(preset.tip))
            button.clicked.connect(lambda _=False, key=preset.key: self.apply_preset(key))
            presets.addWidget(button)
            self.preset_buttons[preset.key] = button
        presets.addStretch(1)
        settings = QHBoxLayout()
        settings.addLayout(grid)
        settings.addSpacing(24)
        settings.addLayout(presets)
        settings.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(i18n.tr("Seed")))
        actions.addWidget(self.seed)
        actions.addWidget(self.run_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)

        self.columns = QHBoxLayout()
        self.panels: list[ImagePanel] = []
        self.titles: list[QLabel] = []
        for _ in range(MAX_RUNS):
            box = QVBoxLayout()
            # a long caption wraps rather than widening the window past a laptop's screen
            title = QLabel(textFormat=Qt.PlainText, alignment=Qt.AlignCenter, wordWrap=True)
            panel = ImagePanel()
            box.addWidget(title)
            box.addWidget(panel, 1)
            self.columns.addLayout(box, 1)
            self.titles.append(title)
            self.panels.append(panel)
        self.slider = QSlider(Qt.Horizontal, minimum=0, maximum=PROGRESS_STEPS, value=0,
                              toolTip=i18n.tr("Progress 0 → 1: every run at the same fraction of its own steps"))
        self.progress_label = QLabel(i18n.tr("progress {progress:.2f}").format(progress=0.0), minimumWidth=110)
        slider_row = QHBoxLayout()
        slider_row.addWidget(QLabel(i18n.tr("Progress")))
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(self.progress_label)

        layout = QVBoxLayout(self)
        layout.addLayout(settings)
        layout.addLayout(actions)
        layout.addLayout(self.columns, 1)
        layout.addLayout(slider_row)
        layout.addWidget(ExplanationBox(i18n.tr("What am I looking at?"), i18n.tr(EXPLANATION)))

        self.run_button.clicked.connect(self.runRequested)
        self.export_button.clicked.connect(self.exportRequested)
        self.slider.valueChanged.connect(self._redraw)
        self.apply_preset("steps")

    # ----- settings ---------------------------------------------------------------------------------
    def refresh_samplers(self) -> None:
        """The current model changed: offer each row the samplers its model can use."""
        for row in self.rows:
            self._fill_samplers(row)

    def _model_changed(self, index: int) -> None:
        row = self.rows[index]
        if row.model.currentData() == "file":
            self.fileRequested.emit(index)  # the window asks for a file, then calls set_row_file
            return
        self._fill_samplers(row)

    def set_row_file(self, index: int, path: str | None) -> None:
        """Put a checkpoint file in row ``index`` (None: the user cancelled; go back to the current model)."""
        row = self.rows[index]
        row.model.blockSignals(True)
        if path:
            key = f"file:{path}"
            position = row.model.findData(key)
            if position < 0:
                row.model.insertItem(row.model.count() - 1, path.replace("\\", "/").rsplit("/", 1)[-1], key)
                position = row.model.findData(key)
            row.model.setCurrentIndex(position)
        else:
            row.model.setCurrentIndex(row.model.findData("current"))
        row.model.blockSignals(False)
        self._fill_samplers(row)

    def _fill_samplers(self, row: _RunRow) -> None:
        recipe = self._recipe_for(row.model.currentData())
        names, default = recipe.samplers, recipe.sampler
        row.guidance.setEnabled(recipe.classes > 0)
        current = row.sampler.currentData()
        row.sampler.clear()
        for name in names:
            row.sampler.addItem(name, name)
        row.sampler.setCurrentIndex(max(0, row.sampler.findData(current if current in names else default)))

    def apply_preset(self, key: str) -> None:
        """Fill the rows from the preset ``key`` of ``PRESETS``: one row per run it asks for, the rest off."""
        settings = PRESETS[key].runs(self._recipe_for)
        for i, row in enumerate(self.rows):
            row.enabled.setChecked(i < len(settings))
            if i < len(settings):
                model, sampler, steps, guidance = settings[i]
                row.model.setCurrentIndex(max(0, row.model.findData(model)))
                self._fill_samplers(row)
                if sampler is not None:
                    row.sampler.setCurrentIndex(row.sampler.findData(sampler))
                row.steps.setValue(steps)
                if guidance is not None:
                    row.guidance.setValue(guidance)

    def runs(self) -> list[tuple[str, str, int, float | None]]:
        """The enabled runs as (model key, sampler, steps, guidance); guidance is None for a model not told
        the class."""
        return [(row.model.currentData(), row.sampler.currentData(), row.steps.value(),
                 row.guidance.value() if row.guidance.isEnabled() else None)
                for row in self.rows if row.enabled.isChecked()]

    def run_label(self, model: str, sampler: str, steps: int, guidance: float | None = None) -> str:
        """A run's caption (over its column and in the GIF), in the language shown."""
        choices = dict((key, text) for text, key in MODEL_CHOICES)
        name = i18n.tr(choices[model]) if model in choices else model
        if model.startswith("file:"):
            name = model[5:].replace("\\", "/").rsplit("/", 1)[-1]
        if guidance is None:
            return i18n.tr("{model} · {sampler_name} · %n step(s)", None, steps).format(model=name,
                                                                                       sampler_name=sampler)
        return i18n.tr("{model} · {sampler_name} · %n step(s) · guidance {guidance:g}", None, steps).format(
            model=name, sampler_name=sampler, guidance=guidance)

    # ----- results ----------------------------------------------------------------------------------
    def set_results(self, trajectories: list[Trajectory], labels: list[str]) -> None:
        self.trajectories, self.labels = list(trajectories), list(labels)
        self.export_button.setEnabled(bool(trajectories))
        self.slider.setValue(0)
        self._redraw()

    def progress(self) -> float:
        return self.slider.value() / PROGRESS_STEPS

    def column_image(self, index: int) -> np.ndarray | None:
        """What column ``index`` shows now (for tests)."""
        return self.panels[index].image_data()

    def _redraw(self) -> None:
        progress = self.progress()
        self.progress_label.setText(i18n.tr("progress {progress:.2f}").format(progress=progress))
        shown = comparison_panels(self.trajectories, self.labels, progress, nrow=2)  # tall columns: 2 wide
        for i, (panel, title) in enumerate(zip(self.panels, self.titles)):
            visible = i < len(shown)
            panel.setVisible(visible)
            title.setVisible(visible)
            if visible:
                panel.set_image(shown[i].pixels)
                title.setText("\n".join(shown[i].lines))
