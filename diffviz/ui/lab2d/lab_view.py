"""The 2-D lab's tab: a data set of points, a small model of it, and two samplers carrying the same cloud of noise
onto the data, with the model's field drawn as arrows, all on one time slider.

Why two dimensions: every sample is a dot and the model's prediction for every point of the plane can be drawn at
once, so what the image views can only suggest is seen here: the cloud contracting onto the data as the noise
falls, a stochastic sampler's paths wiggling and still landing on it, and the perfect denoiser of a finite set
copying its training points where a trained network draws new ones.

The view only collects choices and draws what ``core.toy.lab`` computed (a ``LabRun``); the controller
(``ui.lab2d.lab``) runs training and runs in workers. Choices are objects' keys (data sets, recipes, samplers,
arrow readings, models), never display text.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QSlider, QSpinBox, QStyle, QToolButton, QVBoxLayout, QWidget)

from diffviz.core import i18n
from diffviz.core.captions import step_label
from diffviz.core.toy.datasets import DATASETS
from diffviz.core.toy.lab import ARROWS, DEFAULT_ARROW, LabRun
from diffviz.core.toy.recipes import DEFAULT_TOY_RECIPE, TOY_RECIPES
from diffviz.ui.lab2d.choices import DEFAULT_MODEL, DIGITS_NOTE, DIGITS_TIP, EXPLANATION, MODELS, RunRequest
from diffviz.ui.lab2d.plane_plot import Layers, PlanePlot
from diffviz.ui.widgets.images import ExplanationBox
from diffviz.ui.widgets.scrolling import scroll_column
from diffviz.ui.widgets.keys import key_text

PLAY_FPS = 30
CONTROLS_WIDTH = 392  # px: the widest group box fits beside its scroll bar; the planes get the rest
# The window's playback keys (``window.actions.playback_keys``) that the tab's texts name: filled into their
# placeholders as Qt names the keys (``key_text``), never written inside a text.
PLAY_KEY, FIRST_KEY, LAST_KEY = Qt.Key_Space, Qt.Key_Home, Qt.Key_End


class Lab2DView(QWidget):
    """Controls on the left, two planes side by side, the time slider under them; see the module docstring."""

    dataRequested = Signal(str, int)    # data set key (or "drawing" / "csv"), number of points
    csvRequested = Signal()
    digitsRequested = Signal()
    drawingDone = Signal(object)         # the strokes drawn: a list of (K, 2) arrays
    trainRequested = Signal(str, float)  # recipe key, seconds
    runRequested = Signal(object)        # RunRequest
    stopRequested = Signal()
    exportRequested = Signal()
    recipeChanged = Signal(str)
    frameChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)
        self.run: LabRun | None = None
        self.data: np.ndarray | None = None
        self.classes: np.ndarray | None = None
        self.followed = -1
        self._frame = 0
        self._timer = QTimer(self, interval=int(1000 / PLAY_FPS))
        self._timer.timeout.connect(self._tick)
        self._build()

    # ----- building ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.planes = (PlanePlot(), PlanePlot())
        controls = QWidget()
        side = QVBoxLayout(controls)
        side.addWidget(self._data_box())
        side.addWidget(self._model_box())
        side.addWidget(self._run_box())
        side.addWidget(self._show_box())
        side.addStretch(1)
        for box in controls.findChildren(QComboBox):  # a long entry must not widen the whole column
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10)
        self.loss.setMinimumWidth(0)
        scroll = scroll_column(controls, CONTROLS_WIDTH)

        for plane in self.planes:
            plane.particleClicked.connect(self._follow)
        planes = QHBoxLayout()
        for plane in self.planes:
            planes.addWidget(plane, 1)

        self.play = QToolButton(checkable=True, toolTip=i18n.tr("Play or pause the run ({play}; ←/→ step, "
                                                                "{first}/{last})").format(
            play=key_text(PLAY_KEY), first=key_text(FIRST_KEY), last=key_text(LAST_KEY)))
        self.play.setIcon(self.style().standardIcon(QStyle.SP_MediaPlay))
        self.play.toggled.connect(self._set_playing)
        self.slider = QSlider(Qt.Horizontal, minimum=0, maximum=0, enabled=False)
        self.slider.valueChanged.connect(self.set_frame)
        self.caption = QLabel("", textFormat=Qt.PlainText)
        self.caption.setMinimumWidth(240)
        timeline = QHBoxLayout()
        timeline.addWidget(self.play)
        timeline.addWidget(self.slider, 1)
        timeline.addWidget(self.caption)

        self.status = QLabel("", wordWrap=True)
        self.model_note = QLabel(i18n.tr(MODELS[DEFAULT_MODEL].explanation), wordWrap=True, textFormat=Qt.RichText)
        self.arrow_note = QLabel("", wordWrap=True, textFormat=Qt.RichText)
        self.explanation = ExplanationBox(i18n.tr("What am I looking at?"), i18n.tr(EXPLANATION), expanded=False)
        main = QVBoxLayout()
        main.addLayout(planes, 1)
        main.addLayout(timeline)
        main.addWidget(self.status)
        main.addWidget(self.model_note)
        main.addWidget(self.arrow_note)
        main.addWidget(self.explanation)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(main, 1)
        self._arrow_changed()

    def _data_box(self) -> QGroupBox:
        box = QGroupBox(i18n.tr("Data"))
        form = QFormLayout(box)
        self.dataset = QComboBox()
        for key, point_set in DATASETS.items():
            self.dataset.addItem(i18n.tr(point_set.title), key)  # the key: the name the CLI and the files use
            self.dataset.setItemData(self.dataset.count() - 1, i18n.tr(point_set.summary), Qt.ToolTipRole)
        self.dataset.addItem(i18n.tr("digits: the timeline's run, in the plane"), "digits")
        self.dataset.setItemData(self.dataset.count() - 1, i18n.tr(DIGITS_TIP), Qt.ToolTipRole)
        self.dataset.addItem(i18n.tr("my drawing"), "drawing")
        self.dataset.setItemData(self.dataset.count() - 1, i18n.tr("Draw or spray your own points with the mouse"),
                                 Qt.ToolTipRole)
        self.dataset.addItem(i18n.tr("my CSV file…"), "csv")
        self.count = QSpinBox(minimum=10, maximum=20_000, value=2_000, singleStep=500, suffix=i18n.tr(" points"),
                              toolTip=i18n.tr("How many training points to draw from the data set"))
        self.dataset.activated.connect(self._data_chosen)
        self.count.editingFinished.connect(self._data_chosen)
        self.draw_note = QLabel(i18n.tr("Drag on the left plane to draw strokes; click to spray a blob. Then press "
                                        "Use drawing."), wordWrap=True)
        self.use_drawing = QPushButton(i18n.tr("Use drawing"))
        self.clear_drawing = QPushButton(i18n.tr("Clear"))
        self.use_drawing.clicked.connect(lambda: self.drawingDone.emit(list(self.strokes)))
        self.clear_drawing.clicked.connect(self._clear_strokes)
        self.strokes: list[np.ndarray] = []
        self.draw_row = QWidget()
        draw_layout = QVBoxLayout(self.draw_row)
        draw_layout.setContentsMargins(0, 0, 0, 0)
        draw_layout.addWidget(self.draw_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_drawing, 1)
        buttons.addWidget(self.clear_drawing)
        draw_layout.addLayout(buttons)
        self.draw_row.setVisible(False)
        self.planes[0].strokeDrawn.connect(self._stroke_drawn)
        form.addRow(i18n.tr("Data set"), self.dataset)
        form.addRow(i18n.tr("Points"), self.count)
        form.addRow(self.draw_row)
        return box

    def _model_box(self) -> QGroupBox:
        box = QGroupBox(i18n.tr("Model"))
        form = QFormLayout(box)
        self.recipe = QComboBox()
        for key, recipe in TOY_RECIPES.items():
            self.recipe.addItem(key, key)  # the recipe's name, as the CLI calls it
            self.recipe.setItemData(self.recipe.count() - 1, i18n.tr(recipe.summary), Qt.ToolTipRole)
        self.recipe.setCurrentIndex(self.recipe.findData(DEFAULT_TOY_RECIPE))
        self.recipe.currentIndexChanged.connect(lambda: self.recipeChanged.emit(self.recipe_key()))
        self.model = QComboBox()
        for key, choice in MODELS.items():
            self.model.addItem(i18n.tr(choice.title), key)
        self.model.setCurrentIndex(self.model.findData(DEFAULT_MODEL))
        self.model.currentIndexChanged.connect(self._model_changed)
        self.seconds = QSpinBox(minimum=1, maximum=600, value=20, suffix=" s",
                                toolTip=i18n.tr("How long to train the MLP (on this computer's processor)"))
        self.train = QPushButton(i18n.tr("Train the MLP"))
        self.train.clicked.connect(lambda: self.trainRequested.emit(self.recipe_key(), float(self.seconds.value())))
        self.loss = pg.PlotWidget(background="#15161a")
        self.loss.setFixedHeight(110)
        self.loss.setLogMode(False, True)
        self.loss.getPlotItem().hideButtons()
        self.loss.getPlotItem().setLabel("left", i18n.tr("loss"))
        self.loss_curve = self.loss.plot(pen=pg.mkPen("#ffb347"))
        form.addRow(i18n.tr("Recipe"), self.recipe)
        form.addRow(i18n.tr("Predicts with"), self.model)
        form.addRow(i18n.tr("Train for"), self.seconds)
        form.addRow(self.train)
        form.addRow(self.loss)
        return box

    def _run_box(self) -> QGroupBox:
        box = QGroupBox(i18n.tr("Sampling"))
        form = QFormLayout(box)
        self.samplers = (QComboBox(), QComboBox())
        self.steps = QSpinBox(minimum=2, maximum=1000, value=100, toolTip=i18n.tr("Sampler steps from noise to data"))
        self.particles = QSpinBox(minimum=10, maximum=20_000, value=2_000, singleStep=500,
                                  toolTip=i18n.tr("How many particles (samples) to walk from the noise"))
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1, value=0,
                             toolTip=i18n.tr("The starting noise (the same for both)"))
        self.run_button = QPushButton(i18n.tr("Run both samplers"))
        self.run_button.clicked.connect(self._run_clicked)
        self.stop_button = QPushButton(i18n.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stopRequested)
        self.export_button = QPushButton(i18n.tr("Export GIF / WebP…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.exportRequested)
        form.addRow(i18n.tr("Left"), self.samplers[0])
        form.addRow(i18n.tr("Right"), self.samplers[1])
        form.addRow(i18n.tr("Steps"), self.steps)
        form.addRow(i18n.tr("Particles"), self.particles)
        form.addRow(i18n.tr("Seed"), self.seed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button, 1)
        buttons.addWidget(self.stop_button)
        form.addRow(buttons)
        form.addRow(self.export_button)
        return box

    def _show_box(self) -> QGroupBox:
        box = QGroupBox(i18n.tr("Show"))
        form = QFormLayout(box)
        self.arrow = QComboBox()
        for key, arrow in ARROWS.items():
            self.arrow.addItem(i18n.tr(arrow.title), key)
        self.arrow.addItem(i18n.tr("no arrows"), "")
        self.arrow.setCurrentIndex(self.arrow.findData(DEFAULT_ARROW))
        self.arrow.currentIndexChanged.connect(self._arrow_changed)
        form.addRow(i18n.tr("Arrows"), self.arrow)
        defaults = Layers()
        self.layer_boxes = {}
        for key, text, tip in (
                ("data", i18n.tr("training data"), i18n.tr("The training points, in grey")),
                ("forward", i18n.tr("forward process"),
                 i18n.tr("The training points noised to this step's level, in blue")),
                ("particles", i18n.tr("particles"), i18n.tr("The samples at this step")),
                ("trails", i18n.tr("trails"), i18n.tr("Each particle's path over the last steps")),
                ("density", i18n.tr("density"), i18n.tr("Where the particles are crowded, as a heat map"))):
            check = QCheckBox(text, checked=getattr(defaults, key), toolTip=tip)
            check.toggled.connect(self.redraw)
            self.layer_boxes[key] = check
            form.addRow(check)
        return box

    # ----- what the controller reads and sets ------------------------------------------------------------------
    def recipe_key(self) -> str:
        return str(self.recipe.currentData())

    def model_key(self) -> str:
        return str(self.model.currentData())

    def dataset_key(self) -> str:
        return str(self.dataset.currentData())

    def layers(self) -> Layers:
        return Layers(arrows=bool(self.arrow.currentData()),
                      **{key: box.isChecked() for key, box in self.layer_boxes.items()})

    def set_samplers(self, names: tuple[str, ...], pair: tuple[str, str]) -> None:
        """The samplers the recipe's process can be walked back by, and the pair to show first."""
        for box, chosen in zip(self.samplers, pair):
            box.blockSignals(True)
            box.clear()
            for name in names:
                box.addItem(name, name)
            box.setCurrentIndex(max(box.findData(chosen), 0))
            box.blockSignals(False)

    def set_data(self, data: np.ndarray, classes: np.ndarray | None) -> None:
        """New training points: any run of the old ones is gone."""
        self.data, self.classes = data, classes
        self.set_run(None)

    def set_busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.train, self.run_button, self.dataset, self.count, self.recipe):
            widget.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        if text:
            self.status.setText(text)

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def set_losses(self, losses: np.ndarray) -> None:
        self.loss_curve.setData(np.arange(1, len(losses) + 1), np.maximum(losses, 1e-6))

    def set_run(self, run: LabRun | None) -> None:
        """Show ``run`` from its first frame (None: only the data)."""
        self.run = run
        self.followed = -1
        self._set_playing(False)
        self.export_button.setEnabled(run is not None)
        frames = run.n_frames if run is not None else 1
        self.slider.blockSignals(True)
        self.slider.setMaximum(frames - 1)
        self.slider.setValue(0)
        self.slider.setEnabled(run is not None)
        self.slider.blockSignals(False)
        self._frame = 0
        if run is None:
            for plane in self.planes:
                plane.clear_run()
                plane.set_title("")
        else:
            for index, (plane, walk) in enumerate(zip(self.planes, run.walks)):
                # the sampler's name and the model, two names side by side (a run in the plane has its own titles)
                plane.set_title(i18n.tr(run.titles[index]) if run.titles else
                                f"{walk.sampler} · {i18n.tr(MODELS[run.model].short)}")
        self._show_model(run)
        self.redraw()

    def frame(self) -> int:
        return self._frame

    def set_frame(self, frame: int) -> None:
        if self.run is None:
            return
        self._frame = int(np.clip(frame, 0, self.run.n_frames - 1))
        if self.slider.value() != self._frame:
            self.slider.blockSignals(True)
            self.slider.setValue(self._frame)
            self.slider.blockSignals(False)
        self.redraw()
        self.frameChanged.emit(self._frame)

    def redraw(self) -> None:
        """Draw the current frame of both walks (only array indexing and ``setData``: see ``plane_plot``)."""
        layers = self.layers()
        run, frame = self.run, self._frame
        if run is None:
            for plane in self.planes:
                plane.draw(data=self.data, classes=self.classes, forward=None, path=None, frame=0, arrows=None,
                           layers=layers)
            self.caption.setText("")
            return
        arrow = self.arrow.currentData()
        for index, (plane, walk) in enumerate(zip(self.planes, run.walks)):
            field = run.fields[index] if index < len(run.fields) else None  # an image run in the plane has none
            arrows = None
            if arrow and field is not None:
                spacing = float(field.grid[1, 0] - field.grid[0, 0])
                arrows = (field.grid, field.arrows(arrow, frame), spacing)
            plane.draw(data=run.data, classes=run.classes, forward=run.forward[min(frame, len(run.forward) - 1)],
                       path=walk.xs, frame=frame, arrows=arrows, layers=layers, followed=self.followed)
        level = float(run.walks[0].levels[frame])
        self.caption.setText(i18n.tr("{step} · noise level {level:.2f}").format(step=step_label(run.walks[0], frame),
                                                                                level=level))

    # ----- interaction -------------------------------------------------------------------------------------------
    def _data_chosen(self) -> None:
        drawing = self.dataset_key() == "drawing"
        self.draw_row.setVisible(drawing)
        self.planes[0].set_drawing(drawing, self._ink())
        if drawing:
            self.set_run(None)
            self.status.setText(i18n.tr("Draw the data: drag on the left plane for strokes, click to spray a blob; "
                                        "then press Use drawing."))
        elif self.dataset_key() == "csv":
            self.csvRequested.emit()
        elif self.dataset_key() == "digits":
            self.digitsRequested.emit()
        else:
            self.dataRequested.emit(self.dataset_key(), self.count.value())

    def _ink(self) -> np.ndarray:
        return np.concatenate(self.strokes).astype(np.float32) if self.strokes else np.zeros((0, 2), np.float32)

    def _stroke_drawn(self, stroke: np.ndarray) -> None:
        self.strokes.append(stroke)
        self.planes[0].set_drawing(True, self._ink())

    def _clear_strokes(self) -> None:
        self.strokes.clear()
        self.planes[0].set_drawing(self.dataset_key() == "drawing", self._ink())

    def stop_drawing(self) -> None:
        """The drawing became the data: the mouse follows particles again (the strokes are kept to draw on)."""
        self.planes[0].set_drawing(False)

    def _run_clicked(self) -> None:
        pair = (str(self.samplers[0].currentData()), str(self.samplers[1].currentData()))
        self.runRequested.emit(RunRequest(pair, self.steps.value(), self.particles.value(), self.seed.value(),
                                          self.model_key()))

    def _model_changed(self) -> None:
        self.model_note.setText(i18n.tr(MODELS[self.model_key()].explanation))

    def _show_model(self, run: LabRun | None) -> None:
        """The model box and its note say what made the run on screen."""
        if run is None or run.model not in MODELS:
            self.model_note.setText(i18n.tr(DIGITS_NOTE) if run is not None else
                                    i18n.tr(MODELS[self.model_key()].explanation))
            return
        self.model.blockSignals(True)
        self.model.setCurrentIndex(self.model.findData(run.model))
        self.model.blockSignals(False)
        self.model_note.setText(i18n.tr(MODELS[run.model].explanation))

    def _arrow_changed(self) -> None:
        key = self.arrow.currentData()
        arrow = ARROWS.get(key)
        self.arrow_note.setText(i18n.tr("<b>Arrows, {title}</b>: {explanation}").format(
            title=html.escape(i18n.tr(arrow.title)), explanation=html.escape(i18n.tr(arrow.explanation)))
            if key else "")
        self.redraw()

    def _follow(self, index: int) -> None:
        self.followed = index
        self.redraw()

    def _set_playing(self, playing: bool) -> None:
        if playing and self.run is None:
            playing = False
        if playing and self._frame >= self.run.n_frames - 1:
            self.set_frame(0)
        self.play.blockSignals(True)
        self.play.setChecked(playing)
        self.play.blockSignals(False)
        self.play.setIcon(self.style().standardIcon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay))
        if playing:
            self._timer.start()
        else:
            self._timer.stop()

    def _tick(self) -> None:
        if self.run is None or self._frame >= self.run.n_frames - 1:
            self._set_playing(False)
            return
        self.set_frame(self._frame + 1)

    # ----- playback, as the window's playback keys drive it (``window.actions.Player``) ----------------------------
    def play_pause(self) -> None:
        self._set_playing(not self._timer.isActive())

    def step_by(self, delta: int) -> None:
        self.set_frame(self._frame + delta)

    def go_home(self) -> None:
        self.set_frame(0)

    def go_end(self) -> None:
        if self.run is not None:
            self.set_frame(self.run.n_frames - 1)
