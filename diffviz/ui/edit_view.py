"""The Edit tab: hand the model an image (or two noises) and watch what it does with it.

Why a view of its own: sampling from pure noise shows what a model has learnt, but not how it
*uses* what it is shown. Here the learner makes the input with their own hand (a drawing, a real
digit, an image file, and for inpainting a painted mask), chooses one of ``core.edit_modes``'
modes, and the run lands in the Timeline tab like any other, to be scrubbed step by step. Beside
the result the view plots what the edit's record carries (the noise's norm along an interpolation
path, an inversion's round-trip error, or how far each frame is from the input).

What this module does not do: run anything. It only builds a ``core.edit_modes.EditRequest`` from
its controls and emits it (``runRequested``); the window runs ``core.editing.run_edit`` in a worker
and hands the trajectory back (``show_result``). No torch here: the view is laid out before the
engine has loaded, and a test checks that importing it does not import torch.

Every decision about a mode is read from its ``EditMode`` flags (``uses_strength``, ``uses_mask``,
``uses_jumps``, ``uses_image``, ``needs_inversion``, ``unavailable_for``); nothing here compares
mode names, so a new mode in the registry gets the right controls without touching the view.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFrame, QGridLayout,
                               QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QSlider,
                               QSpinBox, QVBoxLayout, QWidget)

from diffviz.core.edit_modes import EDIT_MODES, INTERPOLATIONS, EditMode, EditRequest
from diffviz.core.errors import DataError
from diffviz.core.guidance import MAX_GUIDANCE
from diffviz.ui.edit_canvas import BRUSH_RADIUS_RANGE, DEFAULT_RADIUS, DEFAULT_SOFTNESS, TOOLS, EditCanvas
from diffviz.ui.images import ExplanationBox, ImagePanel, grid_uint8

MAX_STEPS = 1000            # core.sampling.MAX_STEPS (that module imports torch)
MAX_JUMPS = 20              # core.editing.MAX_JUMPS (ditto)
MAX_SEED = 2**31 - 1
STRENGTH_STEPS = 100        # the strength slider moves in steps of 0.01
BRUSH_STEPS_PER_PX = 4      # the brush slider moves in quarter pixels
DEFAULT_STEPS = 40
DEFAULT_PATH_IMAGES = 8
DEFAULT_GUIDANCE = 2.0
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff);;All files (*)"

RUN_TIP = "Run the edit (Ctrl+Return); the Timeline tab shows it step by step"
NO_RESULT = ("Nothing run yet: choose a mode, then Run (Ctrl+Return). The images the model makes appear here, "
             "and below them a plot of what the edit did.")
TIMELINE_HINT = "Open the Timeline tab (Ctrl+2) to scrub the run step by step"
NO_DIGIT = {True: "(none: follow the image)", False: "(none: told no digit)"}
JUMPS_TIP = "RePaint's resampling: each step redone this many more times; 3 repairs better, 4x slower"
NO_DIGITS_TIP = "The real digits are not loaded yet"
CANVAS_HINT = ("Draw a digit white on black, as MNIST's are, or take a real one below.\n"
               "For inpainting, paint the part the model should regenerate with the Mask tool (M): it turns orange.")
REFUSE_NO_MASK = "Nothing to regenerate: paint the part to regenerate with the Mask tool (M) first."
REFUSE_BLACK = "The canvas is all black: draw a digit, take a real one or open an image first."
INVERSION_MAX_STEPS = MAX_STEPS // 2  # an inversion walks its steps twice (core.editing.invert)
INVERSION_TOLD_NOTHING = "An inversion walks DDIM both ways and is told no digit"
DIGIT_TIP = ("A model told the class can be steered toward a digit; none lets the repair follow the image; "
             "'the digit it reads' lets the model say which digit the kept part shows, then steers toward that")
READ_DIGIT = "read"         # the digit combo's item for core.editing.read_digits
READ_DIGIT_TEXT = "the digit it reads in the image"
READ_DIGIT_TIP = ("The model reads the digit first: it tries every label and keeps the one whose prediction best "
                  "explains the pixels you keep (a diffusion model is a classifier in disguise), then the repair "
                  "is guided toward it")

TOOL_TEXTS = {"brush": ("&Brush", "B", "Paint the digit white (B)"),
              "eraser": ("&Eraser", "E", "Paint black: take strokes away (E)"),
              "mask": ("&Mask", "M", "Paint the part to regenerate, shown orange (M)"),
              "unmask": ("&Unmask", "U", "Take the mask away where you paint (U)")}

SLERP_PEN = "#4fa3e0"
LERP_PEN = "#e08a4f"
CURVE_PENS = {"slerp": SLERP_PEN, "lerp": LERP_PEN}
CURVE_NAMES = {"slerp": "slerp (spherical)", "lerp": "lerp (straight line)"}  # the method combo's items
ERROR_PEN = "#7ee787"
CHANGE_PEN = "#6aa6ff"
MESSAGE_STYLE = "QLabel { color: #d9534f; font-weight: bold; }"
NOTE_STYLE = "QLabel { color: #909090; }"
TOOL_STYLE = ("QPushButton:checked { background-color: #3d7ab8; color: white; border: 1px solid #2a5a8a; "
              "border-radius: 3px; padding: 4px; }")  # which tool is on must be plain at a glance


def _grid_columns(n: int) -> int:
    """Columns for ``n`` result images: one row up to four, else two rows (an interpolation reads left to right)."""
    return n if n <= 4 else math.ceil(n / 2)


class _Square(QWidget):
    """Holds one widget as the largest centred square that fits: the canvas without letterbox bands."""

    def __init__(self, child: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.child = child
        child.setParent(self)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)

    def sizeHint(self):  # noqa: N802 (Qt's name)
        return self.child.sizeHint()

    def minimumSizeHint(self):  # noqa: N802 (Qt's name)
        return self.child.minimumSize()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        side = min(self.width(), self.height())
        self.child.setGeometry((self.width() - side) // 2, (self.height() - side) // 2, side, side)
        super().resizeEvent(event)


def _mode_html(mode: EditMode) -> str:
    return f"<p><b>One step:</b>&nbsp; {mode.formula}</p><p>{mode.explanation}</p>"


class EditView(QWidget):
    """The Edit tab: the canvas and its tools (left), the mode and its settings (middle), the result (right).

    ``runRequested(EditRequest)`` when Run is clicked (or Ctrl+Return) and the controls make a request the
    view does not refuse; ``stopRequested()`` on Stop. The window calls ``set_recipe`` when a model is
    loaded, ``set_digits`` once real digits are at hand, ``set_running`` around a run and ``show_result``
    with its trajectory.
    """

    runRequested = Signal(object)   # an EditRequest
    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._digits: np.ndarray | None = None     # (N, 1, 28, 28) float32
        self._digit_labels: np.ndarray | None = None
        self._invertible: bool | None = None       # None: no recipe told yet (the core refuses, if need be)
        self._classes = 0
        self._recipe = ""
        self._running = False
        self._refusal_shown = False                # the message is a refusal the canvas can make stale
        self._rng = np.random.default_rng()
        self.trajectory = None                     # the result on show

        self._build_canvas_column()
        self._build_settings_column()
        self._build_result_column()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(10)
        layout.addWidget(self.canvas_column, 4)
        layout.addWidget(self.settings_scroll, 3)
        layout.addWidget(self.result_column, 4)

        self.shortcuts: dict[str, QShortcut] = {}
        for tool, (_, key, _) in TOOL_TEXTS.items():
            self._shortcut(tool, key, lambda tool=tool: self.select_tool(tool))
        self._shortcut("undo", QKeySequence.Undo, self._undo)
        self._shortcut("run", "Ctrl+Return", self.run)
        self._shortcut("run_enter", "Ctrl+Enter", self.run)

        self._fill_modes()
        self._mode_changed()

    # ----- building ---------------------------------------------------------------------------------
    def _shortcut(self, name: str, key, slot) -> None:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        self.shortcuts[name] = shortcut

    def _build_canvas_column(self) -> None:
        self.canvas_title = QLabel("<b>Your image</b> — what the model is handed")
        self.canvas_hint = QLabel(CANVAS_HINT, wordWrap=True)
        self.canvas_hint.setStyleSheet(NOTE_STYLE)
        self.canvas_note = QLabel("This mode starts from two seeds' noises, not from an image: "
                                  "the canvas is not used.", wordWrap=True)
        self.canvas_note.setStyleSheet("QLabel { color: #b86a00; font-weight: bold; }")
        self.canvas = EditCanvas()
        self.canvas.setToolTip(CANVAS_HINT + "\n\n" + self.canvas.toolTip())
        self.canvas.setMinimumSize(200, 200)

        self.tool_group = QButtonGroup(self)
        self.tool_group.setExclusive(True)
        self.tool_buttons: dict[str, QPushButton] = {}
        tools = QHBoxLayout()
        tools.setSpacing(4)
        for tool in TOOLS:
            text, _, tip = TOOL_TEXTS[tool]
            button = QPushButton(text.replace("&", ""), checkable=True, toolTip=tip)
            button.setMinimumWidth(56)
            button.setStyleSheet(TOOL_STYLE)
            button.toggled.connect(lambda on, tool=tool: on and self.canvas.set_tool(tool))
            self.tool_group.addButton(button)
            self.tool_buttons[tool] = button
            tools.addWidget(button)
        self.tool_buttons[self.canvas.tool()].setChecked(True)

        self.brush_slider = QSlider(Qt.Horizontal, toolTip="The brush's radius in image pixels")
        low, high = BRUSH_RADIUS_RANGE
        self.brush_slider.setRange(round(low * BRUSH_STEPS_PER_PX), round(high * BRUSH_STEPS_PER_PX))
        self.brush_slider.setValue(round(DEFAULT_RADIUS * BRUSH_STEPS_PER_PX))
        self.brush_label = QLabel(minimumWidth=46)
        self.softness_slider = QSlider(Qt.Horizontal, minimum=0, maximum=100, value=round(DEFAULT_SOFTNESS * 100),
                                       toolTip="0: a hard-edged disc; 1: a soft edge, like MNIST's strokes")
        self.softness_label = QLabel(minimumWidth=34)
        brush = QGridLayout()
        brush.setHorizontalSpacing(6)
        brush.setVerticalSpacing(2)
        brush.addWidget(QLabel("Size"), 0, 0)
        brush.addWidget(self.brush_slider, 0, 1)
        brush.addWidget(self.brush_label, 0, 2)
        brush.addWidget(QLabel("Softness"), 1, 0)
        brush.addWidget(self.softness_slider, 1, 1)
        brush.addWidget(self.softness_label, 1, 2)
        brush.setColumnStretch(1, 1)

        self.undo_button = QPushButton("Undo", enabled=False,
                                       toolTip="Take back the last stroke, clear or load (Ctrl+Z)")
        self.clear_button = QPushButton("Clear", toolTip="Make the whole image black (the mask stays)")
        self.clear_mask_button = QPushButton("Clear mask", toolTip="Remove the whole mask (the image stays)")
        self.show_mask_check = QCheckBox("Show mask", checked=True,
                                         toolTip="Show the mask as an orange overlay (it is kept when hidden)")
        edits = QHBoxLayout()
        edits.setSpacing(4)
        for widget in (self.undo_button, self.clear_button, self.clear_mask_button):
            edits.addWidget(widget)
        edits.addStretch(1)

        self.digit_index_spin = QSpinBox(minimum=0, maximum=0, enabled=False, toolTip=NO_DIGITS_TIP)
        self.digit_index_spin.setMinimumWidth(70)
        self.random_button = QPushButton("Random", enabled=False, toolTip=NO_DIGITS_TIP)
        self.digit_info = QLabel(minimumWidth=40)
        self.digit_info.setStyleSheet(NOTE_STYLE)
        self.open_button = QPushButton("Open image…", toolTip="Load a picture: made grey, fitted into 28x28 and, "
                                       "if it is dark on light, inverted to MNIST's light on dark")
        source = QHBoxLayout()
        source.setSpacing(4)
        source.addWidget(QLabel("Take a real digit"))
        source.addWidget(self.digit_index_spin)
        source.addWidget(self.random_button)
        source.addWidget(self.digit_info)
        source.addStretch(1)
        files = QHBoxLayout()
        files.addWidget(self.show_mask_check)
        files.addStretch(1)
        files.addWidget(self.open_button)

        self.canvas_inputs = QWidget()   # what set_running disables
        inputs = QVBoxLayout(self.canvas_inputs)
        inputs.setContentsMargins(0, 0, 0, 0)
        inputs.setSpacing(4)
        inputs.addWidget(_Square(self.canvas), 1)
        inputs.addLayout(tools)
        inputs.addLayout(brush)
        inputs.addLayout(edits)
        inputs.addLayout(files)
        inputs.addLayout(source)

        self.canvas_column = QWidget()
        column = QVBoxLayout(self.canvas_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.canvas_title)
        column.addWidget(self.canvas_hint)
        column.addWidget(self.canvas_note)
        column.addWidget(self.canvas_inputs, 1)

        self.brush_slider.valueChanged.connect(self._brush_changed)
        self.softness_slider.valueChanged.connect(self._softness_changed)
        self.undo_button.clicked.connect(self._undo)
        self.clear_button.clicked.connect(self.canvas.clear)
        self.clear_mask_button.clicked.connect(self.canvas.clear_mask)
        self.show_mask_check.toggled.connect(self._show_mask_changed)
        self.canvas.undo_available.connect(self.undo_button.setEnabled)
        self.canvas.changed.connect(self._canvas_changed)
        self.digit_index_spin.valueChanged.connect(self.take_digit)
        self.random_button.clicked.connect(self.take_random_digit)
        self.open_button.clicked.connect(self._open_dialog)
        self._brush_changed()
        self._softness_changed()

    def _build_settings_column(self) -> None:
        self.mode_combo = QComboBox(toolTip="What to do with your image")
        self.mode_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.mode_combo.setMinimumContentsLength(12)
        self.summary_label = QLabel(wordWrap=True)
        self.summary_label.setStyleSheet("QLabel { font-style: italic; }")

        self.settings_box = QGroupBox("Settings")
        grid = QGridLayout(self.settings_box)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        self._rows: dict[str, list[QWidget]] = {}

        def add(name: str, text: str, widget: QWidget, extra: QWidget | None = None, tip: str = "") -> None:
            row = grid.rowCount()
            label = QLabel(text, toolTip=tip)
            if tip:
                widget.setToolTip(tip)
            # Spin boxes ask for room for their largest value and combos for their longest item; the column
            # is narrow, so they get a modest minimum instead and share what is left.
            widget.setMinimumWidth(72)
            if isinstance(widget, QComboBox):
                widget.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
                widget.setMinimumContentsLength(6)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1, 1, 1 if extra is not None else 2)
            if extra is not None:
                grid.addWidget(extra, row, 2)
            self._rows[name] = [label, widget] + ([extra] if extra is not None else [])

        self.strength_slider = QSlider(Qt.Horizontal, minimum=0, maximum=STRENGTH_STEPS)
        self.strength_label = QLabel(minimumWidth=34)
        add("strength", "Strength", self.strength_slider, self.strength_label,
            "How much noise hides your image before the model repaints it: 0 keeps it as it is, 1 forgets it")
        self.jumps_spin = QSpinBox(minimum=0, maximum=MAX_JUMPS, value=0)
        add("jumps", "Jumps", self.jumps_spin, tip=JUMPS_TIP)
        self.seed_a_spin = QSpinBox(minimum=0, maximum=MAX_SEED, value=0)
        add("seed_a", "Seed A", self.seed_a_spin, tip="The seed of the noise the path starts from")
        self.seed_b_spin = QSpinBox(minimum=0, maximum=MAX_SEED, value=1)
        add("seed_b", "Seed B", self.seed_b_spin, tip="The seed of the noise the path ends at")
        self.count_spin = QSpinBox(minimum=2, maximum=16, value=DEFAULT_PATH_IMAGES)
        add("count", "Images along\nthe path", self.count_spin, tip="How many images, both ends included")
        self.method_combo = QComboBox()
        for way in INTERPOLATIONS:
            self.method_combo.addItem(CURVE_NAMES[way], way)
        add("method", "Path", self.method_combo,
            tip="slerp: along the sphere, the noise keeps its strength; lerp: a straight line, weaker in the middle")
        self.steps_spin = QSpinBox(minimum=1, maximum=MAX_STEPS, value=DEFAULT_STEPS)
        add("steps", "Steps", self.steps_spin,
            tip="How many steps the sampler takes (an inversion: this many each way)")
        self.sampler_combo = QComboBox(enabled=False)
        self._sampler_tip = "Load a model first: its recipe says which samplers it has"
        add("sampler", "Sampler", self.sampler_combo, tip=self._sampler_tip)
        self.digit_combo = QComboBox()
        self.digit_combo.addItem(NO_DIGIT[True], None)
        self.digit_combo.addItem(READ_DIGIT_TEXT, READ_DIGIT)
        self.digit_combo.setItemData(1, READ_DIGIT_TIP, Qt.ToolTipRole)
        for digit in range(10):
            self.digit_combo.addItem(str(digit), digit)
        add("digit", "Digit", self.digit_combo, tip=DIGIT_TIP)
        self.guidance_spin = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=MAX_GUIDANCE, value=DEFAULT_GUIDANCE,
                                            singleStep=0.5)
        add("guidance", "Guidance", self.guidance_spin,
            tip="How hard to push toward the digit (classifier-free guidance); used only when a digit is chosen")
        self.seed_spin = QSpinBox(minimum=0, maximum=MAX_SEED, value=0)
        add("seed", "Seed", self.seed_spin, tip="The noise the run draws (SDEdit's noising, the samplers' own noise)")
        grid.setColumnStretch(1, 1)

        self.run_button = QPushButton("Run", toolTip=RUN_TIP)
        self.run_button.setStyleSheet("QPushButton { font-weight: bold; padding: 4px 18px; }")
        self.stop_button = QPushButton("Stop", enabled=False, toolTip="Stop the run; the frames made so far are kept")
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button, 1)
        buttons.addWidget(self.stop_button)
        self.recipe_label = QLabel("No model loaded yet", wordWrap=True)
        self.recipe_label.setStyleSheet(NOTE_STYLE)
        self.message_label = QLabel(wordWrap=True, textFormat=Qt.PlainText)
        self.message_label.setStyleSheet(MESSAGE_STYLE)
        self.message_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.explanation = ExplanationBox("What does this mode do?", "", expanded=True)

        self.settings_inputs = QWidget()  # what set_running disables
        inputs = QVBoxLayout(self.settings_inputs)
        inputs.setContentsMargins(0, 0, 0, 0)
        inputs.setSpacing(4)
        inputs.addWidget(QLabel("<b>Mode</b>"))
        inputs.addWidget(self.mode_combo)
        inputs.addWidget(self.summary_label)
        inputs.addWidget(self.settings_box)

        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self.settings_inputs)
        layout.addLayout(buttons)
        layout.addWidget(self.recipe_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.explanation)
        layout.addStretch(1)
        self.settings_scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.NoFrame)
        self.settings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.settings_scroll.setWidget(column)
        self.settings_scroll.setMinimumWidth(280)

        self.mode_combo.currentIndexChanged.connect(self._mode_changed)
        self.strength_slider.valueChanged.connect(self._strength_changed)
        self.digit_combo.currentIndexChanged.connect(self._digit_changed)
        self.run_button.clicked.connect(self.run)
        self.stop_button.clicked.connect(self.stopRequested)

    def _build_result_column(self) -> None:
        self.result_title = QLabel("<b>Result</b>")
        self.result_info = QLabel(NO_RESULT, wordWrap=True)
        self.result_info.setStyleSheet(NOTE_STYLE)
        self.result_panel = ImagePanel("the images the edit made")
        self.result_panel.setMinimumSize(180, 140)
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMinimumHeight(150)
        self.plot.setMaximumHeight(230)
        self.plot.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        plot = self.plot.getPlotItem()
        plot.getAxis("left").enableAutoSIPrefix(False)
        self.legend = plot.addLegend(offset=(-10, 10))
        self.legend.setVisible(False)
        self.plot_caption = QLabel(wordWrap=True)
        self.plot_caption.setStyleSheet(NOTE_STYLE)
        self.timeline_hint = QLabel(TIMELINE_HINT, wordWrap=True)
        self.timeline_hint.setStyleSheet("QLabel { font-weight: bold; }")
        self.timeline_hint.setVisible(False)

        self.result_column = QWidget()
        column = QVBoxLayout(self.result_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.result_title)
        column.addWidget(self.result_info)
        column.addWidget(self.result_panel, 1)
        column.addWidget(self.plot)
        column.addWidget(self.plot_caption)
        column.addWidget(self.timeline_hint)
        self.plot.setVisible(False)

    def _fill_modes(self) -> None:
        for mode in EDIT_MODES.values():
            self.mode_combo.addItem(mode.title, mode.key)
            self.mode_combo.setItemData(self.mode_combo.count() - 1, mode.summary, Qt.ToolTipRole)

    # ----- inputs from the window -------------------------------------------------------------------
    def set_recipe(self, name: str, samplers: tuple[str, ...], default_sampler: str, classes: int,
                   invertible: bool) -> None:
        """The loaded model's recipe: its samplers, whether it is told the digit, whether it can invert."""
        self._recipe, self._classes, self._invertible = str(name), int(classes), bool(invertible)
        current = self.sampler_combo.currentData()
        self.sampler_combo.blockSignals(True)
        self.sampler_combo.clear()
        for sampler in samplers:
            self.sampler_combo.addItem(sampler, sampler)
        chosen = current if current in samplers else default_sampler
        self.sampler_combo.setCurrentIndex(max(0, self.sampler_combo.findData(chosen)))
        self.sampler_combo.blockSignals(False)
        self._sampler_tip = f"The samplers a {name} model can walk with (its own: {default_sampler})"
        told = "told the digit" if classes else "not told the digit"
        self.recipe_label.setText(f"Model: {name} ({told}; samplers {', '.join(samplers)})")
        for index, mode in enumerate(EDIT_MODES.values()):
            why = mode.unavailable_for(self._invertible)
            self.mode_combo.setItemData(index, why or mode.summary, Qt.ToolTipRole)
        self._refresh_controls()

    def set_digits(self, images: np.ndarray, labels: np.ndarray | None = None) -> None:
        """Real digits to take from: (N, 1, 28, 28) float32 in [0, 1], with their labels (or None)."""
        array = np.asarray(images, dtype=np.float32)
        if array.ndim == 3:
            array = array[:, None]
        if array.ndim != 4 or array.shape[1:] != (1, 28, 28):
            raise ValueError(f"the digits must be shaped (N, 1, 28, 28), got {array.shape}")
        self._digits = array
        self._digit_labels = None if labels is None else np.asarray(labels).reshape(-1)
        has = len(array) > 0
        self.digit_index_spin.blockSignals(True)
        self.digit_index_spin.setRange(0, max(len(array) - 1, 0))
        self.digit_index_spin.blockSignals(False)
        self.digit_index_spin.setEnabled(has)
        self.random_button.setEnabled(has)
        self.digit_index_spin.setToolTip(f"Which of the {len(array)} real digits to put on the canvas"
                                         if has else NO_DIGITS_TIP)
        self.random_button.setToolTip("Put a randomly chosen real digit on the canvas" if has else NO_DIGITS_TIP)
        self.digit_info.setText("")

    def take_digit(self, index: int) -> None:
        """Put real digit ``index`` on the canvas (undoable; the mask stays, to try several digits with one hole)."""
        if self._digits is None or not 0 <= index < len(self._digits):
            return
        if self.digit_index_spin.value() != index:
            self.digit_index_spin.blockSignals(True)
            self.digit_index_spin.setValue(index)
            self.digit_index_spin.blockSignals(False)
        self.canvas.set_image(np.clip(self._digits[index, 0], 0.0, 1.0))
        label = None if self._digit_labels is None or index >= len(self._digit_labels) else self._digit_labels[index]
        self.digit_info.setText("" if label is None else f"a {int(label)}")

    def take_random_digit(self) -> None:
        if self._digits is not None and len(self._digits):
            self.take_digit(int(self._rng.integers(len(self._digits))))

    def open_image_file(self, path) -> bool:
        """Load an image file onto the canvas (what "Open image…" does after its dialog). An unreadable file
        is said in the message line and changes nothing. True when it loaded."""
        from diffviz.core.data import read_image_file  # that module imports torch: only when a file is opened

        try:
            pixels = read_image_file(path)
        except DataError as exc:
            self.show_message(str(exc))
            return False
        self.canvas.set_image(np.asarray(pixels, np.float32) / 255.0)
        self.digit_info.setText("")
        self.show_message("")
        return True

    def _open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open an image", "", IMAGE_FILTER)
        if path:
            self.open_image_file(path)

    # ----- the controls -----------------------------------------------------------------------------
    def current_mode(self) -> EditMode:
        return EDIT_MODES[self.mode_combo.currentData()]

    def set_mode(self, key: str) -> None:
        """Choose a mode by its key in ``EDIT_MODES``."""
        index = self.mode_combo.findData(key)
        if index < 0:
            raise ValueError(f"unknown edit mode {key!r}; choose one of {', '.join(EDIT_MODES)}")
        self.mode_combo.setCurrentIndex(index)

    def select_tool(self, tool: str) -> None:
        """Choose a canvas tool (what B, E, M and U do)."""
        if not self._running:
            self.tool_buttons[tool].setChecked(True)

    def unavailable_reason(self) -> str:
        """Why the loaded model cannot do the chosen mode, in words; empty when it can (or no model is told)."""
        if self._invertible is None:
            return ""
        return self.current_mode().unavailable_for(self._invertible)

    def strength(self) -> float:
        return self.strength_slider.value() / STRENGTH_STEPS

    def _mode_changed(self) -> None:
        """Another mode chosen: its strength back to its default, its controls shown."""
        mode = self.current_mode()
        self.strength_slider.setValue(round(mode.default_strength * STRENGTH_STEPS))
        self._strength_changed()
        self._refresh_controls()

    def _show_mask_changed(self) -> None:
        """The mask is drawn only where it matters: with Show mask on, in a mode that uses one."""
        self.canvas.set_mask_visible(self.show_mask_check.isChecked() and self.current_mode().uses_mask)

    def _refresh_controls(self) -> None:
        """Show the controls the mode uses (its flags) and the recipe allows; say why it cannot run, if so."""
        mode = self.current_mode()
        self._show_mask_changed()
        self.summary_label.setText(mode.summary)
        self.explanation.body.setText(_mode_html(mode))
        self._show_row("strength", mode.uses_strength)
        self._show_row("jumps", mode.uses_jumps)
        for name in ("seed_a", "seed_b", "count", "method"):
            self._show_row(name, not mode.uses_image)
        self._show_row("digit", self._classes > 0)
        self._show_row("guidance", self._classes > 0)
        self.canvas_note.setVisible(not mode.uses_image)
        self.canvas_title.setText("<b>Your image</b> — not used by this mode" if not mode.uses_image
                                  else "<b>Your image</b> — what the model is handed")
        self.digit_combo.setItemText(0, NO_DIGIT[mode.uses_image])
        # an inversion walks DDIM both ways, told no digit (core.editing drops sampler, digit and guidance)
        self.sampler_combo.setEnabled(not mode.needs_inversion and self.sampler_combo.count() > 0)
        self.sampler_combo.setToolTip(INVERSION_TOLD_NOTHING if mode.needs_inversion else self._sampler_tip)
        self.digit_combo.setEnabled(not mode.needs_inversion)
        self.digit_combo.setToolTip(INVERSION_TOLD_NOTHING if mode.needs_inversion else DIGIT_TIP)
        self._digit_changed()
        self.show_message(self.unavailable_reason())
        self._update_availability()

    def _show_row(self, name: str, visible: bool) -> None:
        for widget in self._rows[name]:
            widget.setVisible(visible)

    def _strength_changed(self) -> None:
        self.strength_label.setText(f"{self.strength():.2f}")

    def _digit_changed(self) -> None:
        self.guidance_spin.setEnabled(self.digit_combo.currentData() is not None and self.digit_combo.isEnabled())

    def _brush_changed(self) -> None:
        radius = self.brush_slider.value() / BRUSH_STEPS_PER_PX
        self.canvas.set_brush_size(radius)
        self.brush_label.setText(f"{radius:g} px")

    def _softness_changed(self) -> None:
        softness = self.softness_slider.value() / 100
        self.canvas.set_softness(softness)
        self.softness_label.setText(f"{softness:.2f}")

    def _undo(self) -> None:
        if not self._running:
            self.canvas.undo()

    def _canvas_changed(self) -> None:
        if self._refusal_shown:  # "draw something first" is answered by drawing
            self._refusal_shown = False
            self.show_message(self.unavailable_reason())

    def _update_availability(self) -> None:
        why = self.unavailable_reason()
        self.run_button.setEnabled(not self._running and not why)
        self.run_button.setToolTip(why or RUN_TIP)

    # ----- running ----------------------------------------------------------------------------------
    def build_request(self) -> EditRequest | None:
        """The request the controls make, or None with the reason in the message line."""
        mode = self.current_mode()
        why = self.unavailable_reason()
        if why:
            self.show_message(why)
            return None
        image, mask = self.canvas.image(), self.canvas.mask()
        refusal = ""
        if mode.uses_image and not (image > 0).any():
            refusal = REFUSE_BLACK
        elif mode.uses_mask and not (mask > 0).any():
            refusal = REFUSE_NO_MASK
        elif mode.needs_inversion and self.steps_spin.value() > INVERSION_MAX_STEPS:
            refusal = (f"An inversion walks your image to noise and back, so it takes at most {INVERSION_MAX_STEPS} "
                       f"steps each way (asked for {self.steps_spin.value()}).")
        if refusal:
            self.show_message(refusal)
            self._refusal_shown = True
            return None
        digit = self.digit_combo.currentData() if self._classes > 0 else None
        read = digit == READ_DIGIT and mode.uses_image
        if digit == READ_DIGIT:
            digit = None
        return EditRequest(
            mode=mode.key,
            images=image[None, None].astype(np.float32) if mode.uses_image else None,
            mask=mask[None, None].astype(np.float32) if mode.uses_mask else None,
            strength=self.strength() if mode.uses_strength else None,
            jumps=self.jumps_spin.value() if mode.uses_jumps else 0,
            steps=self.steps_spin.value(),
            seeds=(self.seed_a_spin.value(), self.seed_b_spin.value()),
            n=self.count_spin.value(),
            method=self.method_combo.currentData(),
            digit=None if digit is None else int(digit),
            guidance=None if digit is None and not read else float(self.guidance_spin.value()),
            read_digit=read,
            sampler=self.sampler_combo.currentData() if self.sampler_combo.count() else None,
            seed=self.seed_spin.value())

    def run(self) -> None:
        """What Run (and Ctrl+Return) does: emit ``runRequested`` with the request, unless it is refused."""
        if self._running or not self.run_button.isEnabled():
            return
        request = self.build_request()
        if request is None:
            return
        self.show_message("")
        self.runRequested.emit(request)

    def set_running(self, running: bool) -> None:
        """A run started (True) or ended (False): Run and the inputs are off while it goes, Stop on."""
        self._running = bool(running)
        self.stop_button.setEnabled(self._running)
        for inputs in (self.canvas_inputs, self.settings_inputs):
            inputs.setEnabled(not self._running)
        self._update_availability()

    def is_running(self) -> bool:
        return self._running

    def show_message(self, text: str) -> None:
        """A line under Run: why a run was refused, what went wrong, or nothing."""
        self._refusal_shown = False
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # ----- the result -------------------------------------------------------------------------------
    def show_result(self, trajectory) -> None:
        """Show a run's images and what its edit record carries. ``trajectory``: a ``Trajectory`` (or anything
        with ``.final`` (N, 1, 28, 28) in [0, 1], ``.edit``, ``.n_steps`` and ``.xs``)."""
        self.trajectory = trajectory
        final = np.asarray(trajectory.final, np.float32)
        self.result_panel.set_image(grid_uint8(final, _grid_columns(len(final))))
        record = getattr(trajectory, "edit", None)
        words = [f"{len(final)} image{'s' if len(final) != 1 else ''}", f"{trajectory.n_steps} steps"]
        status = getattr(trajectory, "status_text", None)
        status = status() if callable(status) else ""
        if record is not None:
            words.insert(0, record.edit_mode.title)
            if record.inversion_steps:
                words[2] = f"{record.inversion_steps} steps each way"
            if record.text() != record.edit_mode.title:
                words.append(record.text())
        self.result_title.setText("<b>Result</b>")
        self.result_info.setText(" · ".join(w for w in words if w) + (f" — {status}" if status else ""))
        self._plot_record(trajectory, record)
        self.timeline_hint.setVisible(True)

    def clear_result(self) -> None:
        self.trajectory = None
        self.result_panel.set_image(np.zeros((28, 28), np.uint8))
        self.result_info.setText(NO_RESULT)
        self.plot.getPlotItem().clear()
        self.plot.setVisible(False)
        self.plot_caption.setText("")
        self.timeline_hint.setVisible(False)

    def plotted_curves(self) -> list[pg.PlotDataItem]:
        """The curves on the plot now (for tests)."""
        return [item for item in self.plot.getPlotItem().listDataItems() if isinstance(item, pg.PlotDataItem)]

    def _plot_record(self, trajectory, record) -> None:
        plot = self.plot.getPlotItem()
        plot.clear()
        self.legend.setVisible(False)
        caption = ""
        if record is not None and record.norms:
            caption = self._plot_norms(plot, record)
        elif record is not None and record.inversion_steps:
            caption = self._plot_round_trip(plot, trajectory, record)
        elif record is not None and record.source is not None:
            caption = self._plot_change(plot, trajectory, record)
        self.plot.setVisible(bool(caption))
        self.plot_caption.setText(caption)
        self.plot_caption.setVisible(bool(caption))

    def _plot_norms(self, plot: pg.PlotItem, record) -> str:
        self.legend.setVisible(True)
        plot.setLabel("bottom", "position along the path")
        plot.setLabel("left", "noise norm")
        for way, norms in record.norms.items():
            norms = np.asarray(norms, np.float64)
            weights = (np.asarray(record.weights, np.float64) if record.weights is not None
                       and len(record.weights) == len(norms) else np.linspace(0.0, 1.0, len(norms)))
            chosen = way == record.method
            pen = pg.mkPen(CURVE_PENS.get(way, "#d0d0d0"), width=3 if chosen else 1.5,
                           style=Qt.SolidLine if chosen else Qt.DashLine)
            name = way + (" (this run)" if chosen else "")
            plot.addItem(pg.PlotDataItem(weights, norms, pen=pen, name=name, symbol="o" if chosen else None,
                                         symbolSize=5, symbolBrush=CURVE_PENS.get(way, "#d0d0d0"), symbolPen=None))
        every = np.concatenate([np.asarray(v, np.float64).ravel() for v in record.norms.values()])
        low, high = float(every.min()), float(every.max())
        span = max(high - low, 1e-3 * max(abs(high), 1.0))
        plot.enableAutoRange(x=True)
        plot.setYRange(low - 0.05 * span, high + 0.45 * span, padding=0)  # room above for the legend
        caption = ("The starting noise's strength (norm) at each image along the path. slerp keeps it near the "
                   "ends', so every image is as sharp as they are")
        lerp = record.norms.get("lerp")
        if lerp is not None and len(lerp) > 2:
            lerp = np.asarray(lerp, np.float64)
            ends = (lerp[0] + lerp[-1]) / 2
            if ends > 0:
                caption += (f"; lerp sags to {lerp.min() / ends:.0%} of it in the middle: noise fainter than the "
                            "model trained on, which gives blurrier images")
        return caption + f". This run: {record.method}."

    def _plot_round_trip(self, plot: pg.PlotItem, trajectory, record) -> str:
        errors = np.asarray(record.round_trip_error(trajectory), np.float64)
        if not len(errors):
            return ("The run stopped before the way back was complete: there is no round trip to measure yet "
                    "(the timeline shows the frames made).")
        levels = np.asarray(trajectory.levels, np.float64)[:len(errors)]
        plot.setLabel("bottom", "noise level (0 clean, 1 pure noise)")
        plot.setLabel("left", "mean |image − round trip|")
        plot.addItem(pg.PlotDataItem(levels, errors, pen=pg.mkPen(ERROR_PEN, width=2), symbol="o", symbolSize=5,
                                     symbolBrush=ERROR_PEN, symbolPen=None, name="round-trip error"))
        plot.enableAutoRange()
        return ("At each noise level, how far the image on the way back is from the image on the way to noise "
                f"(pixels 0 to 1). At level 0 it is your image against the result: {errors[0]:.3f} — the smaller, "
                "the better the noise the model found stands for your image.")

    def _plot_change(self, plot: pg.PlotItem, trajectory, record) -> str:
        made = getattr(trajectory, "frames_made", None) or len(trajectory.xs)
        xs = np.asarray(trajectory.xs[:made], np.float32)
        source = np.asarray(record.source, np.float32)
        change = np.abs(np.clip(xs, 0.0, 1.0) - source[None]).mean(axis=tuple(range(1, xs.ndim)))
        plot.setLabel("bottom", "step (frame i: x before step i; the last one is the result)")
        plot.setLabel("left", "mean |x − your image|")
        plot.addItem(pg.PlotDataItem(np.arange(len(change)), change, pen=pg.mkPen(CHANGE_PEN, width=2),
                                     name="change from your image"))
        plot.enableAutoRange()
        return ("How far each frame is from your image: the noise added at the start hides it, the steps bring "
                f"back a digit, and the last point is how much the edit changed it in the end ({change[-1]:.3f}, "
                "pixels 0 to 1).")

    # ----- settings ---------------------------------------------------------------------------------
    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("edit/mode", self.current_mode().key)
        for key, spin in (("steps", self.steps_spin), ("jumps", self.jumps_spin), ("seed", self.seed_spin),
                          ("count", self.count_spin), ("brush", self.brush_slider),
                          ("softness", self.softness_slider)):
            settings.setValue(f"edit/{key}", spin.value())
        settings.setValue("edit/method", self.method_combo.currentData())
        settings.setValue("edit/show_mask", self.show_mask_check.isChecked())

    def load_settings(self, settings: QSettings) -> None:
        """Read what ``save_settings`` wrote; a missing or damaged value keeps the default."""
        mode = settings.value("edit/mode")
        if isinstance(mode, str) and mode in EDIT_MODES:
            self.set_mode(mode)
        for key, spin in (("steps", self.steps_spin), ("jumps", self.jumps_spin), ("seed", self.seed_spin),
                          ("count", self.count_spin), ("brush", self.brush_slider),
                          ("softness", self.softness_slider)):
            try:
                value = int(settings.value(f"edit/{key}", spin.value()))
            except (TypeError, ValueError):
                continue
            if spin.minimum() <= value <= spin.maximum():
                spin.setValue(value)
        method = settings.value("edit/method")
        if method in INTERPOLATIONS:
            self.method_combo.setCurrentIndex(self.method_combo.findData(method))
        show = settings.value("edit/show_mask")
        if show is not None:
            self.show_mask_check.setChecked(str(show).lower() in ("true", "1"))
