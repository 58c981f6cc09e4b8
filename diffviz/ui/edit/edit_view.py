"""The Edit tab: hand the model an image (or two noises) and watch what it does with it.

Why a view of its own: sampling from pure noise shows what a model has learnt, but not how it
*uses* what it is shown. Here the learner makes the input with their own hand (a drawing, a real
digit, an image file, one of the last run's images, and for inpainting a painted mask), chooses one
of ``core.edit_modes``' modes, and the run lands in the Timeline tab like any other, to be scrubbed
step by step. Beside the result the view plots what the edit's record carries.

Every model the app opens can be edited: the canvas holds an image of the model's own shape
(``set_image_shape``: grey 28x28 for the course's models, colour 32 px for a learner's pipeline
folder, up to 128 px), and the sources follow it (``edit_sources``).

The view is put together from modules that each hold one part:

- ``edit_canvas``: the canvas itself (strokes, mask, undo);
- ``edit_tools``: the tool rows under it (tool, brush size / softness / colour, undo, clear, show mask);
- ``edit_sources``: where an image comes from (a real digit, a file, a result of the last run);
- ``edit_settings``: the mode, its settings, Run / Stop and the message line;
- ``edit_result``: the result's images and plot.

What stays here: which controls a mode shows (read from its ``EditMode`` flags, never its name),
the request built from the controls (``build_request``), refusals in words, running state, shortcuts
and saved settings. This module does not run anything: it emits the request (``runRequested``); the
window runs ``core.editing.run_edit`` in a worker and hands the trajectory back (``show_result``).
No torch here: the view is laid out before the engine has loaded, and a test checks that importing
it does not import torch. Its widgets keep the names they had when all of them lived here
(``view.steps_spin``, ``view.digit_index_spin``, ...), so the window and scripts reach them as before.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from diffviz.core import i18n
from diffviz.core.edit_modes import EDIT_MODES, INTERPOLATIONS, EditMode, EditRequest
from diffviz.ui.edit.edit_canvas import DEFAULT_RADIUS, EditCanvas, brush_range
from diffviz.ui.edit.edit_result import NO_RESULT, TIMELINE_HINT, TIMELINE_HINT_NO_KEY, EditResult  # noqa: F401
from diffviz.ui.edit.edit_settings import (DIGIT_TIP, DIGIT_TIP_READS, JUMPS_TIP, MAX_STEPS, NO_DIGIT,  # noqa: F401
                                      NOTE_STYLE, READ_DIGIT, RUN_TIP, RUN_TIP_NO_KEY, STRENGTH_STEPS, EditSettings)
from diffviz.ui.edit.edit_sources import DIGITS_SHAPE, ImageSources, is_grey
from diffviz.ui.edit.edit_tools import BRUSH_STEPS_PER_PX, TOOL_TEXTS, CanvasTools
from diffviz.ui.widgets.keys import key_text

# Texts made at import are marked (QT_TR_NOOP) and translated where shown. {shortcut} is the Mask tool's key,
# read from TOOL_TEXTS (``_mask_key``), never written in a text.
DRAW_HINT = i18n.QT_TR_NOOP("Draw a digit white on black, as MNIST's are, or take a real one below.")
MASK_HINT = i18n.QT_TR_NOOP("For inpainting, paint the part the model should regenerate with the Mask tool "
                            "({shortcut}): it turns orange.")
REFUSE_NO_MASK = i18n.QT_TR_NOOP("Nothing to regenerate: paint the part to regenerate with the Mask tool "
                                 "({shortcut}) first.")
REFUSE_BLACK = i18n.QT_TR_NOOP("The canvas is all black: draw on it, take a real digit or a result of the last run, "
                               "or open an image first.")
INVERSION_MAX_STEPS = MAX_STEPS // 2  # an inversion walks its steps twice (core.editing.invert)
INVERSION_TOLD_NOTHING = i18n.QT_TR_NOOP("An inversion walks DDIM both ways and is told no digit")
DRAWN_CHANNELS = (1, 3)  # what the canvas can hold: grey or colour


def _mask_key() -> str:
    return key_text(TOOL_TEXTS["mask"][1])


def mask_hint() -> str:
    """How to paint a hole, translated, with the Mask tool's key."""
    return i18n.tr(MASK_HINT).format(shortcut=_mask_key())


def canvas_hint() -> str:
    """The canvas's hint for MNIST's shape: two sentences, each translated whole, one a line."""
    return i18n.tr(DRAW_HINT) + "\n" + mask_hint()


def refuse_no_mask() -> str:
    """The refusal when inpainting has no mask, translated, with the Mask tool's key."""
    return i18n.tr(REFUSE_NO_MASK).format(shortcut=_mask_key())


def _mode_html(mode: EditMode) -> str:
    return i18n.tr("<p><b>One step:</b>&nbsp; {formula}</p><p>{explanation}</p>").format(
        formula=i18n.tr(mode.formula), explanation=i18n.tr(mode.explanation))


class _Square(QWidget):
    """Holds one widget as the largest centred square that fits: the canvas without letterbox bands. It is
    never taller than it is wide, so the rows under it sit right below the picture and the spare height of
    a tall column goes below them."""

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
        tallest = max(self.width(), self.child.minimumSize().height())
        if self.maximumHeight() != tallest:  # the width is the horizontal layout's: no loop
            self.setMaximumHeight(tallest)  # may shrink this widget at once (hidden) or in a nested event
        self._place()  # after that: at the size it has now, not the size this event was sent for
        super().resizeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._place()
        super().showEvent(event)

    def _place(self) -> None:
        side = min(self.width(), self.height())
        self.child.setGeometry((self.width() - side) // 2, (self.height() - side) // 2, side, side)


class EditView(QWidget):
    """The Edit tab: the canvas and its tools (left), the mode and its settings (middle), the result (right).

    ``runRequested(EditRequest)`` when Run is clicked (or Ctrl+Return) and the controls make a request the
    view does not refuse; ``stopRequested()`` on Stop. The window calls ``set_recipe`` and ``set_image_shape``
    when a model is loaded, ``set_digits`` once real digits are at hand, ``set_last_run`` when its trajectory
    changes or a run ends, ``set_running`` around a run and ``show_result`` with its trajectory.
    """

    runRequested = Signal(object)   # an EditRequest
    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._invertible: bool | None = None       # None: no recipe told yet (the core refuses, if need be)
        self._classes = 0
        self._recipe = ""
        self._shape: tuple[int, int, int] = DIGITS_SHAPE  # the model's images (the canvas's, when it can hold them)
        self._running = False
        self._refusal_shown = False                # the message is a refusal the canvas can make stale

        self._build_canvas_column()
        self.settings_scroll = EditSettings()
        self.result_column = EditResult()
        self._name_parts()
        self._run_key = ""                         # Run's key, read from its shortcut below

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
        self._run_key = key_text(self.shortcuts["run"].key())
        self.result_column.set_shortcuts(run=self._run_key)

        settings = self.settings_scroll
        settings.mode_combo.currentIndexChanged.connect(self._mode_changed)
        settings.strength_slider.valueChanged.connect(self._strength_changed)
        settings.digit_combo.currentIndexChanged.connect(self._digit_changed)
        settings.run_button.clicked.connect(self.run)
        settings.stop_button.clicked.connect(self.stopRequested)
        self._mode_changed()

    # ----- building ---------------------------------------------------------------------------------
    def _shortcut(self, name: str, key, slot) -> None:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        self.shortcuts[name] = shortcut

    def _build_canvas_column(self) -> None:
        self.canvas_title = QLabel()
        self.canvas_hint = QLabel(canvas_hint(), wordWrap=True)
        self.canvas_hint.setStyleSheet(NOTE_STYLE)
        self.canvas_note = QLabel(i18n.tr("This mode starts from two seeds' noises, not from an image: "
                                          "the canvas is not used."), wordWrap=True)
        self.canvas_note.setStyleSheet("QLabel { color: #b86a00; font-weight: bold; }")
        self.canvas = EditCanvas()
        self._canvas_tip = self.canvas.toolTip()
        self.canvas.setToolTip(canvas_hint() + "\n\n" + self._canvas_tip)
        self.canvas.setMinimumSize(200, 200)
        self.tools = CanvasTools(self.canvas)
        self.sources = ImageSources(self.canvas, self.show_message)

        self.canvas_inputs = QWidget()   # what set_running disables
        inputs = QVBoxLayout(self.canvas_inputs)
        inputs.setContentsMargins(0, 0, 0, 0)
        inputs.setSpacing(4)
        inputs.addWidget(_Square(self.canvas), 1)
        inputs.addWidget(self.tools)
        inputs.addWidget(self.sources)
        inputs.addStretch(0)  # takes what a square canvas leaves of a tall column

        self.canvas_column = QWidget()
        column = QVBoxLayout(self.canvas_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.canvas_title)
        column.addWidget(self.canvas_hint)
        column.addWidget(self.canvas_note)
        column.addWidget(self.canvas_inputs, 1)

        self.tools.undo_button.clicked.connect(self._undo)
        self.tools.show_mask_check.toggled.connect(self._show_mask_changed)
        self.canvas.changed.connect(self._canvas_changed)

    def _name_parts(self) -> None:
        """The parts' widgets under the names they had when the view held them all (the window, the tests
        and the screenshot tour reach them so)."""
        for part, names in (
                (self.tools, ("tool_group", "tool_buttons", "brush_slider", "brush_label", "softness_slider",
                              "softness_label", "colour_button", "undo_button", "clear_button", "clear_mask_button",
                              "show_mask_check")),
                (self.sources, ("digit_index_spin", "random_button", "digit_info", "open_button",
                                "result_index_spin", "take_result_button")),
                (self.settings_scroll, ("mode_combo", "summary_label", "settings_box", "strength_slider",
                                        "strength_label", "jumps_spin", "seed_a_spin", "seed_b_spin", "count_spin",
                                        "method_combo", "steps_spin", "sampler_combo", "digit_combo",
                                        "guidance_spin", "seed_spin", "run_button", "stop_button", "recipe_label",
                                        "message_label", "explanation", "settings_inputs")),
                (self.result_column, ("result_title", "result_info", "result_panel", "plot", "legend",
                                      "plot_caption", "timeline_hint"))):
            for name in names:
                setattr(self, name, getattr(part, name))

    # ----- inputs from the window -------------------------------------------------------------------
    def set_timeline_shortcut(self, shortcut: str) -> None:
        """The key of the window's View action that shows the Timeline tab, as the action shows it
        (``key_text(action.shortcut())``), which the result's hint names. Until the
        window tells (or with an empty text) the hint names no key."""
        self.result_column.set_shortcuts(timeline=shortcut)

    def set_recipe(self, name: str, samplers: tuple[str, ...], default_sampler: str, classes: int,
                   invertible: bool) -> None:
        """The loaded model's recipe: its samplers, whether it is told the digit, whether it can invert."""
        self._recipe, self._classes, self._invertible = str(name), int(classes), bool(invertible)
        self.settings_scroll.set_samplers(name, samplers, default_sampler)
        told = (i18n.tr("Model: {recipe} (told the digit; samplers {samplers})") if classes else
                i18n.tr("Model: {recipe} (not told the digit; samplers {samplers})"))
        self.recipe_label.setText(told.format(recipe=name, samplers=", ".join(samplers)))
        for index, mode in enumerate(EDIT_MODES.values()):
            why = mode.unavailable_for(self._invertible)
            self.mode_combo.setItemData(index, why or i18n.tr(mode.summary), Qt.ToolTipRole)
        self._default_digit()
        self._refresh_controls()

    def set_image_shape(self, shape: tuple[int, int, int]) -> None:
        """The (channels, height, width) of the images the loaded model makes (``image_shape_of``): the canvas
        holds that shape (a new shape is a blank canvas), the sources read at it, the bundled digits only for
        28x28 grey. A shape the canvas cannot draw (not grey or colour, not square) leaves the image modes
        unavailable, said in words; interpolation needs no canvas and works for it."""
        shape = tuple(int(side) for side in shape)
        self._shape = shape
        if self._drawable():
            self.canvas.set_shape(shape[0], shape[1])
            self.tools.shape_changed()
            self.sources.set_shape(shape)
            self.result_column.blank_size = shape[1:]
        if shape == DIGITS_SHAPE:
            hint = canvas_hint()
        else:  # two sentences, each translated whole (grey or colour), one a line
            made = (i18n.tr("The model makes {height}x{width} grey images: draw on the canvas, take a result of the "
                            "last run, or open an image file (fitted into {height}x{width}).") if is_grey(shape) else
                    i18n.tr("The model makes {height}x{width} colour images: draw on the canvas, take a result of the "
                            "last run, or open an image file (fitted into {height}x{width})."))
            hint = made.format(height=shape[1], width=shape[2]) + "\n" + mask_hint()
        self.canvas_hint.setText(hint)
        self.canvas.setToolTip(hint + "\n\n" + self._canvas_tip)
        self._refresh_controls()

    def image_shape(self) -> tuple[int, int, int]:
        return self._shape

    def set_digits(self, images: np.ndarray, labels: np.ndarray | None = None) -> None:
        """Real digits to take from: (N, 1, 28, 28) float32 in [0, 1], with their labels (or None)."""
        self.sources.set_digits(images, labels)

    def set_last_run(self, trajectory: Any) -> None:
        """The window's current run (a ``Trajectory`` or None), whose images "Take a result" offers once it is
        complete and of the model's shape."""
        self.sources.set_last_run(trajectory)

    def take_digit(self, index: int) -> None:
        """Put real digit ``index`` on the canvas (undoable; the mask stays, to try several digits with one hole)."""
        self.sources.take_digit(index)

    def take_random_digit(self) -> None:
        self.sources.take_random_digit()

    def take_result(self, index: int = 0) -> bool:
        """Put image ``index`` of the last run on the canvas (undoable); True when it was taken."""
        return self.sources.take_result(index)

    def open_image_file(self, path) -> bool:
        """Load an image file onto the canvas at the model's shape; True when it loaded (else the message says why)."""
        return self.sources.open_image_file(path)

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
            self.tools.select_tool(tool)

    def unavailable_reason(self) -> str:
        """Why the loaded model cannot do the chosen mode, in words; empty when it can (or no model is told)."""
        mode = self.current_mode()
        if mode.uses_image and not self._drawable():
            channels, height, width = self._shape
            return i18n.tr("The Edit lab draws grey or colour square images; this model makes {channels}-channel "
                           "{height}x{width} ones. Interpolation works for it.").format(
                               channels=channels, height=height, width=width)
        if self._invertible is None:
            return ""
        return mode.unavailable_for(self._invertible)

    def strength(self) -> float:
        return self.settings_scroll.strength()

    def _drawable(self) -> bool:
        channels, height, width = self._shape
        return channels in DRAWN_CHANNELS and height == width

    def _mode_changed(self) -> None:
        """Another mode chosen: its strength and digit back to their defaults, its controls shown."""
        mode = self.current_mode()
        self.strength_slider.setValue(round(mode.default_strength * STRENGTH_STEPS))
        self._strength_changed()
        self._default_digit()
        self._refresh_controls()

    def _default_digit(self) -> None:
        """A class model reads the digit first where the mode says that repairs better (``reads_by_default``,
        measured), and is told none elsewhere."""
        reads = self._classes > 0 and bool(self.current_mode().reads_by_default)
        self.digit_combo.setCurrentIndex(max(self.digit_combo.findData(READ_DIGIT), 0) if reads else 0)

    def _show_mask_changed(self) -> None:
        """The mask is drawn only where it matters: with Show mask on, in a mode that uses one."""
        self.canvas.set_mask_visible(self.show_mask_check.isChecked() and self.current_mode().uses_mask)

    def _refresh_controls(self) -> None:
        """Show the controls the mode uses (its flags) and the recipe allows; say why it cannot run, if so."""
        mode = self.current_mode()
        settings = self.settings_scroll
        self._show_mask_changed()
        self.summary_label.setText(i18n.tr(mode.summary))
        self.explanation.body.setText(_mode_html(mode))
        settings.show_row("strength", mode.uses_strength)
        settings.show_row("jumps", mode.uses_jumps)
        for name in ("seed_a", "seed_b", "count", "method"):
            settings.show_row(name, not mode.uses_image)
        settings.show_row("digit", self._classes > 0)
        settings.show_row("guidance", self._classes > 0)
        self.canvas_note.setVisible(not mode.uses_image)
        if not mode.uses_image:
            title = i18n.tr("<b>Your image</b> — not used by this mode")
        elif self._shape == DIGITS_SHAPE:
            title = i18n.tr("<b>Your image</b> — what the model is handed")
        elif is_grey(self._shape):
            title = i18n.tr("<b>Your image</b> — what the model is handed ({height}x{width} grey)")
        else:
            title = i18n.tr("<b>Your image</b> — what the model is handed ({height}x{width} colour)")
        self.canvas_title.setText(title.format(height=self._shape[1], width=self._shape[2]))
        self.digit_combo.setItemText(0, i18n.tr(NO_DIGIT[mode.uses_image]))
        # an inversion walks DDIM both ways, told no digit (core.editing drops sampler, digit and guidance)
        told_nothing = i18n.tr(INVERSION_TOLD_NOTHING)
        self.sampler_combo.setEnabled(not mode.needs_inversion and self.sampler_combo.count() > 0)
        self.sampler_combo.setToolTip(told_nothing if mode.needs_inversion else settings.sampler_tip)
        self.digit_combo.setEnabled(not mode.needs_inversion)
        digit_tip = (i18n.tr(DIGIT_TIP_READS).format(why=i18n.tr(mode.reads_by_default)) if mode.reads_by_default
                     else i18n.tr(DIGIT_TIP))
        self.digit_combo.setToolTip(told_nothing if mode.needs_inversion else digit_tip)
        self._digit_changed()
        self.show_message(self.unavailable_reason())
        self._update_availability()

    def _strength_changed(self) -> None:
        self.strength_label.setText(f"{self.strength():.2f}")

    def _digit_changed(self) -> None:
        self.guidance_spin.setEnabled(self.digit_combo.currentData() is not None and self.digit_combo.isEnabled())

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
        run_tip = i18n.tr(RUN_TIP).format(shortcut=self._run_key) if self._run_key else i18n.tr(RUN_TIP_NO_KEY)
        self.run_button.setToolTip(why or run_tip)

    # ----- running ----------------------------------------------------------------------------------
    def build_request(self) -> EditRequest | None:
        """The request the controls make, or None with the reason in the message line. Its images are the
        canvas's, (1, C, H, W) of the model's shape, and its mask the canvas's one plane, (1, 1, H, W)."""
        mode = self.current_mode()
        why = self.unavailable_reason()
        if why:
            self.show_message(why)
            return None
        image, mask = self.canvas.planes(), self.canvas.mask()
        refusal = ""
        if mode.uses_image and not (image > 0).any():
            refusal = i18n.tr(REFUSE_BLACK)
        elif mode.uses_mask and not (mask > 0).any():
            refusal = refuse_no_mask()
        elif mode.needs_inversion and self.steps_spin.value() > INVERSION_MAX_STEPS:
            refusal = i18n.tr("An inversion walks your image to noise and back, so it takes at most {most} steps "
                              "each way (asked for {asked}).").format(most=INVERSION_MAX_STEPS,
                                                                      asked=self.steps_spin.value())
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
            images=image[None].astype(np.float32) if mode.uses_image else None,
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

    # ----- the result (``edit_result``) -------------------------------------------------------------
    @property
    def trajectory(self) -> Any:
        """The result on show (None before the first, or after ``clear_result``)."""
        return self.result_column.trajectory

    def show_result(self, trajectory: Any) -> None:
        """Show a run's images and what its edit record carries (``EditResult.show_result``)."""
        self.result_column.show_result(trajectory)

    def clear_result(self) -> None:
        self.result_column.clear_result()

    def plotted_curves(self) -> list[pg.PlotDataItem]:
        """The curves on the plot now (for tests)."""
        return self.result_column.plotted_curves()

    # ----- settings ---------------------------------------------------------------------------------
    def _saved_values(self) -> tuple[tuple[str, Any], ...]:
        return (("steps", self.steps_spin), ("jumps", self.jumps_spin), ("seed", self.seed_spin),
                ("count", self.count_spin), ("softness", self.softness_slider))

    def _brush_scale(self) -> float:
        """This canvas's brush against a 28 px one's (1 up to 28 px, larger above: ``brush_range``)."""
        return brush_range(self.canvas.canvas_size())[2] / DEFAULT_RADIUS

    def save_settings(self, settings: QSettings) -> None:
        """Write the settings under ``edit/``. The brush is kept as its size on a 28 px canvas (the one the
        view starts with, before a model is known), so a colour 128 px model's larger brush is not read back
        as a 28 px one and grown again at the next start."""
        settings.setValue("edit/mode", self.current_mode().key)
        for key, spin in self._saved_values():
            settings.setValue(f"edit/{key}", spin.value())
        settings.setValue("edit/brush", round(self.canvas.brush_size() / self._brush_scale() * BRUSH_STEPS_PER_PX))
        settings.setValue("edit/method", self.method_combo.currentData())
        settings.setValue("edit/show_mask", self.show_mask_check.isChecked())

    def load_settings(self, settings: QSettings) -> None:
        """Read what ``save_settings`` wrote; a missing or damaged value keeps the default."""
        mode = settings.value("edit/mode")
        if isinstance(mode, str) and mode in EDIT_MODES:
            self.set_mode(mode)
        for key, spin in self._saved_values():
            try:
                value = int(settings.value(f"edit/{key}", spin.value()))
            except (TypeError, ValueError):
                continue
            if spin.minimum() <= value <= spin.maximum():
                spin.setValue(value)
        try:
            radius = float(settings.value("edit/brush", "nothing")) / BRUSH_STEPS_PER_PX * self._brush_scale()
        except (TypeError, ValueError):
            radius = None
        low, high = self.canvas.brush_range()
        if radius is not None and low <= radius <= high:
            self.brush_slider.setValue(round(radius * BRUSH_STEPS_PER_PX))
        method = settings.value("edit/method")
        if method in INTERPOLATIONS:
            self.method_combo.setCurrentIndex(self.method_combo.findData(method))
        show = settings.value("edit/show_mask")
        if show is not None:
            self.show_mask_check.setChecked(str(show).lower() in ("true", "1"))
