"""The Edit tab's settings column: the mode, its settings, Run and Stop, the message line and the mode's
explanation.

Why apart from ``edit_view``: this module only lays the controls out (a scroll area, so the narrow
column never clips them) and names them; which of them a mode shows is decided in the view from the
mode's flags (``show_row``), and the request is built there. No torch here: the limits below are the
core's own, copied because ``core.sampling`` and ``core.editing`` import torch.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QScrollArea, QSlider, QSpinBox, QVBoxLayout, QWidget)

from diffviz.core import i18n
from diffviz.core.edit_modes import EDIT_MODES, INTERPOLATIONS
from diffviz.core.guidance import MAX_GUIDANCE
from diffviz.ui.widgets.images import ExplanationBox

MAX_STEPS = 1000            # core.sampling.MAX_STEPS (that module imports torch)
MAX_JUMPS = 20              # core.editing.MAX_JUMPS (ditto)
MAX_SEED = 2**31 - 1
STRENGTH_STEPS = 100        # the strength slider moves in steps of 0.01
DEFAULT_STEPS = 40
DEFAULT_PATH_IMAGES = 8
DEFAULT_GUIDANCE = 2.0
# Texts made at import are marked (QT_TR_NOOP) and translated where shown (i18n.tr). Run's key fills {shortcut},
# read from the view's own shortcut; RUN_TIP_NO_KEY before it is known.
RUN_TIP = i18n.QT_TR_NOOP("Run the edit ({shortcut}); the Timeline tab shows it step by step")
RUN_TIP_NO_KEY = i18n.QT_TR_NOOP("Run the edit; the Timeline tab shows it step by step")
NO_DIGIT = {True: i18n.QT_TR_NOOP("(none: follow the image)"), False: i18n.QT_TR_NOOP("(none: told no digit)")}
JUMPS_TIP = i18n.QT_TR_NOOP("RePaint's resampling: each step redone this many more times; 3 repairs better, "
                            "4x slower")
DIGIT_TIP = i18n.QT_TR_NOOP("A model told the class can be steered toward a digit; none lets the repair follow the "
                            "image; 'the digit it reads' lets the model say which digit the kept part shows, then "
                            "steers toward that")
# DIGIT_TIP with why the mode reads the digit by default ({why}: the mode's ``reads_by_default``), one text
DIGIT_TIP_READS = i18n.QT_TR_NOOP("A model told the class can be steered toward a digit; none lets the repair follow "
                                  "the image; 'the digit it reads' lets the model say which digit the kept part "
                                  "shows, then steers toward that. By default here it reads the digit: {why}.")
READ_DIGIT = "read"         # the digit combo's item for core.editing.read_digits
READ_DIGIT_TEXT = i18n.QT_TR_NOOP("the digit it reads in the image")
READ_DIGIT_TIP = i18n.QT_TR_NOOP("The model reads the digit first: it tries every label and keeps the one whose "
                                 "prediction best explains the pixels you keep (a diffusion model is a classifier "
                                 "in disguise), then the repair is guided toward it")
CURVE_NAMES = {"slerp": i18n.QT_TR_NOOP("slerp (spherical)"),  # the method combo's items
               "lerp": i18n.QT_TR_NOOP("lerp (straight line)")}
MESSAGE_STYLE = "QLabel { color: #d9534f; font-weight: bold; }"
NOTE_STYLE = "QLabel { color: #909090; }"


class EditSettings(QScrollArea):
    """The settings column, scrolled when it is taller than the tab. ``settings_inputs`` is what a run
    disables; ``show_row(name, visible)`` shows a setting with its label (names: strength, jumps, seed_a,
    seed_b, count, method, steps, sampler, digit, guidance, seed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode_combo = QComboBox(toolTip=i18n.tr("What to do with your image"))
        self.mode_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.mode_combo.setMinimumContentsLength(12)
        self.summary_label = QLabel(wordWrap=True)
        self.summary_label.setStyleSheet("QLabel { font-style: italic; }")

        self.settings_box = QGroupBox(i18n.tr("Settings"))
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
        add("strength", i18n.tr("Strength"), self.strength_slider, self.strength_label,
            i18n.tr("How much noise hides your image before the model repaints it: 0 keeps it as it is, 1 forgets "
                    "it"))
        self.jumps_spin = QSpinBox(minimum=0, maximum=MAX_JUMPS, value=0)
        add("jumps", i18n.tr("Jumps"), self.jumps_spin, tip=i18n.tr(JUMPS_TIP))
        self.seed_a_spin = QSpinBox(minimum=0, maximum=MAX_SEED, value=0)
        add("seed_a", i18n.tr("Seed A"), self.seed_a_spin, tip=i18n.tr("The seed of the noise the path starts from"))
        self.seed_b_spin = QSpinBox(minimum=0, maximum=MAX_SEED, value=1)
        add("seed_b", i18n.tr("Seed B"), self.seed_b_spin, tip=i18n.tr("The seed of the noise the path ends at"))
        self.count_spin = QSpinBox(minimum=2, maximum=16, value=DEFAULT_PATH_IMAGES)
        add("count", i18n.tr("Images along\nthe path"), self.count_spin,
            tip=i18n.tr("How many images, both ends included"))
        self.method_combo = QComboBox()
        for way in INTERPOLATIONS:
            self.method_combo.addItem(i18n.tr(CURVE_NAMES[way]), way)
        add("method", i18n.tr("Path"), self.method_combo,
            tip=i18n.tr("slerp: along the sphere, the noise keeps its strength; lerp: a straight line, weaker in "
                        "the middle"))
        self.steps_spin = QSpinBox(minimum=1, maximum=MAX_STEPS, value=DEFAULT_STEPS)
        add("steps", i18n.tr("Steps"), self.steps_spin,
            tip=i18n.tr("How many steps the sampler takes (an inversion: this many each way)"))
        self.sampler_combo = QComboBox(enabled=False)
        self.sampler_tip = i18n.tr("Load a model first: its recipe says which samplers it has")
        add("sampler", i18n.tr("Sampler"), self.sampler_combo, tip=self.sampler_tip)
        self.digit_combo = QComboBox()
        self.digit_combo.addItem(i18n.tr(NO_DIGIT[True]), None)
        self.digit_combo.addItem(i18n.tr(READ_DIGIT_TEXT), READ_DIGIT)
        self.digit_combo.setItemData(1, i18n.tr(READ_DIGIT_TIP), Qt.ToolTipRole)
        for digit in range(10):
            self.digit_combo.addItem(str(digit), digit)
        add("digit", i18n.tr("Digit"), self.digit_combo, tip=i18n.tr(DIGIT_TIP))
        self.guidance_spin = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=MAX_GUIDANCE, value=DEFAULT_GUIDANCE,
                                            singleStep=0.5)
        add("guidance", i18n.tr("Guidance"), self.guidance_spin,
            tip=i18n.tr("How hard to push toward the digit (classifier-free guidance); used only when a digit is "
                        "chosen"))
        self.seed_spin = QSpinBox(minimum=0, maximum=MAX_SEED, value=0)
        add("seed", i18n.tr("Seed"), self.seed_spin,
            tip=i18n.tr("The noise the run draws (SDEdit's noising, the samplers' own noise)"))
        grid.setColumnStretch(1, 1)

        self.run_button = QPushButton(i18n.tr("Run"), toolTip=i18n.tr(RUN_TIP_NO_KEY))  # the view names the key
        self.run_button.setStyleSheet("QPushButton { font-weight: bold; padding: 4px 18px; }")
        self.stop_button = QPushButton(i18n.tr("Stop"), enabled=False,
                                       toolTip=i18n.tr("Stop the run; the frames made so far are kept"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button, 1)
        buttons.addWidget(self.stop_button)
        self.recipe_label = QLabel(i18n.tr("No model loaded yet"), wordWrap=True)
        self.recipe_label.setStyleSheet(NOTE_STYLE)
        self.message_label = QLabel(wordWrap=True, textFormat=Qt.PlainText)
        self.message_label.setStyleSheet(MESSAGE_STYLE)
        self.message_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.explanation = ExplanationBox(i18n.tr("What does this mode do?"), "", expanded=True)

        self.settings_inputs = QWidget()  # what set_running disables
        inputs = QVBoxLayout(self.settings_inputs)
        inputs.setContentsMargins(0, 0, 0, 0)
        inputs.setSpacing(4)
        inputs.addWidget(QLabel(i18n.tr("<b>Mode</b>")))
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
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setWidget(column)
        self.setMinimumWidth(280)
        self._fill_modes()

    def show_row(self, name: str, visible: bool) -> None:
        for widget in self._rows[name]:
            widget.setVisible(visible)

    def strength(self) -> float:
        return self.strength_slider.value() / STRENGTH_STEPS

    def set_samplers(self, name: str, samplers: tuple[str, ...], default_sampler: str) -> None:
        """The samplers a recipe can walk with, keeping the one chosen when the new recipe has it too."""
        current = self.sampler_combo.currentData()
        self.sampler_combo.blockSignals(True)
        self.sampler_combo.clear()
        for sampler in samplers:
            self.sampler_combo.addItem(sampler, sampler)
        chosen = current if current in samplers else default_sampler
        self.sampler_combo.setCurrentIndex(max(0, self.sampler_combo.findData(chosen)))
        self.sampler_combo.blockSignals(False)
        self.sampler_tip = i18n.tr("The samplers a {recipe} model can walk with (its own: {sampler})").format(
            recipe=name, sampler=default_sampler)

    def _fill_modes(self) -> None:
        for mode in EDIT_MODES.values():
            self.mode_combo.addItem(i18n.tr(mode.title), mode.key)
            self.mode_combo.setItemData(self.mode_combo.count() - 1, i18n.tr(mode.summary), Qt.ToolTipRole)

