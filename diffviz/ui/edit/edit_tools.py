"""The Edit lab's tool rows under the canvas: which tool paints, the brush's size, softness and colour, undo,
clear, and whether the mask is shown.

Why apart from ``edit_view``: these controls talk only to the ``EditCanvas``; the view around them
collects a request and shows results. Keeping them here lets the view be read as what it is (a request
from controls) and lets a change of the model's shape (a 128 px model's brush is larger, a colour
model's brush has a colour) be handled in one place, ``shape_changed``. No torch here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QColorDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QSlider, QVBoxLayout, QWidget)

from diffviz.core import i18n
from diffviz.ui.edit.edit_canvas import DEFAULT_SOFTNESS, TOOLS, EditCanvas
from diffviz.ui.widgets.keys import key_text

BRUSH_STEPS_PER_PX = 4      # the brush slider moves in quarter pixels

# tool -> (its button, its key, its tooltip, whose {shortcut} is the key as Qt names it: ``key_text``)
TOOL_TEXTS = {"brush": (i18n.QT_TR_NOOP("Brush"), "B",
                        i18n.QT_TR_NOOP("Paint white, or the brush's colour on a colour canvas ({shortcut})")),
              "eraser": (i18n.QT_TR_NOOP("Eraser"), "E",
                         i18n.QT_TR_NOOP("Paint black: take strokes away ({shortcut})")),
              "mask": (i18n.QT_TR_NOOP("Mask"), "M",
                       i18n.QT_TR_NOOP("Paint the part to regenerate, shown orange ({shortcut})")),
              "unmask": (i18n.QT_TR_NOOP("Unmask"), "U",
                         i18n.QT_TR_NOOP("Take the mask away where you paint ({shortcut})"))}
TOOL_STYLE = ("QPushButton:checked { background-color: #3d7ab8; color: white; border: 1px solid #2a5a8a; "
              "border-radius: 3px; padding: 4px; }")  # which tool is on must be plain at a glance
COLOUR_TIP = i18n.QT_TR_NOOP("The brush's colour (a colour model's canvas); white paints as on a grey one")
BRUSH_TIP = i18n.QT_TR_NOOP("The brush's radius in pixels of the model's image (a larger image gets a larger range)")


class CanvasTools(QWidget):
    """The rows under the canvas: tools, brush size / softness / colour, undo / clear / clear mask, show mask.

    ``show_mask_check`` is read by the view too: the mask is drawn only in modes that use one.
    """

    def __init__(self, canvas: EditCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.tool_group = QButtonGroup(self)
        self.tool_group.setExclusive(True)
        self.tool_buttons: dict[str, QPushButton] = {}
        tools = QHBoxLayout()
        tools.setSpacing(4)
        for tool in TOOLS:
            text, key, tip = TOOL_TEXTS[tool]
            button = QPushButton(i18n.tr(text), checkable=True, toolTip=i18n.tr(tip).format(shortcut=key_text(key)))
            button.setMinimumWidth(56)
            button.setStyleSheet(TOOL_STYLE)
            button.toggled.connect(lambda on, tool=tool: on and self.canvas.set_tool(tool))
            self.tool_group.addButton(button)
            self.tool_buttons[tool] = button
            tools.addWidget(button)
        self.tool_buttons[canvas.tool()].setChecked(True)

        self.brush_slider = QSlider(Qt.Horizontal, toolTip=i18n.tr(BRUSH_TIP))
        self.brush_label = QLabel(minimumWidth=46)
        self.softness_slider = QSlider(Qt.Horizontal, minimum=0, maximum=100, value=round(DEFAULT_SOFTNESS * 100),
                                       toolTip=i18n.tr("0: a hard-edged disc; 1: a soft edge, like MNIST's strokes"))
        self.softness_label = QLabel(minimumWidth=34)
        self.colour_button = QPushButton(toolTip=i18n.tr(COLOUR_TIP))
        self.colour_button.setFixedWidth(34)
        self.colour_label = QLabel(i18n.tr("Colour"))
        brush = QGridLayout()
        brush.setHorizontalSpacing(6)
        brush.setVerticalSpacing(2)
        brush.addWidget(QLabel(i18n.tr("Size")), 0, 0)
        brush.addWidget(self.brush_slider, 0, 1)
        brush.addWidget(self.brush_label, 0, 2)
        brush.addWidget(QLabel(i18n.tr("Softness")), 1, 0)
        brush.addWidget(self.softness_slider, 1, 1)
        brush.addWidget(self.softness_label, 1, 2)
        brush.addWidget(self.colour_label, 0, 3)
        brush.addWidget(self.colour_button, 1, 3)
        brush.setColumnStretch(1, 1)

        # the view binds Undo to the platform's own key (QKeySequence.Undo): the tooltip names that key
        self.undo_button = QPushButton(i18n.tr("Undo"), enabled=False,
                                       toolTip=i18n.tr("Take back the last stroke, clear or load ({shortcut})")
                                       .format(shortcut=key_text(QKeySequence.Undo)))
        self.clear_button = QPushButton(i18n.tr("Clear"),
                                        toolTip=i18n.tr("Make the whole image black (the mask stays)"))
        self.clear_mask_button = QPushButton(i18n.tr("Clear mask"),
                                             toolTip=i18n.tr("Remove the whole mask (the image stays)"))
        self.show_mask_check = QCheckBox(i18n.tr("Show mask"), checked=True,
                                         toolTip=i18n.tr("Show the mask as an orange overlay (it is kept when hidden)"))
        edits = QHBoxLayout()
        edits.setSpacing(4)
        for widget in (self.undo_button, self.clear_button, self.clear_mask_button):
            edits.addWidget(widget)
        edits.addStretch(1)
        edits.addWidget(self.show_mask_check)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(tools)
        layout.addLayout(brush)
        layout.addLayout(edits)

        self.brush_slider.valueChanged.connect(self._brush_changed)
        self.softness_slider.valueChanged.connect(self._softness_changed)
        self.clear_button.clicked.connect(canvas.clear)
        self.clear_mask_button.clicked.connect(canvas.clear_mask)
        self.colour_button.clicked.connect(self._choose_colour)
        canvas.undo_available.connect(self.undo_button.setEnabled)
        self.shape_changed()
        self._softness_changed()

    def select_tool(self, tool: str) -> None:
        """Choose a canvas tool (what B, E, M and U do)."""
        self.tool_buttons[tool].setChecked(True)

    def shape_changed(self) -> None:
        """The canvas holds another shape: the size slider spans its brush range at its radius, and the colour
        control shows only on a colour canvas."""
        low, high = self.canvas.brush_range()
        self.brush_slider.blockSignals(True)
        self.brush_slider.setRange(round(low * BRUSH_STEPS_PER_PX), round(high * BRUSH_STEPS_PER_PX))
        self.brush_slider.setValue(round(self.canvas.brush_size() * BRUSH_STEPS_PER_PX))
        self.brush_slider.blockSignals(False)
        self._brush_changed()
        colour = self.canvas.channels() == 3
        self.colour_button.setVisible(colour)
        self.colour_label.setVisible(colour)
        self._show_colour()

    def set_brush_colour(self, colour: QColor) -> None:
        """The brush's colour on a colour canvas (what the colour button's dialog sets)."""
        if colour.isValid():
            self.canvas.set_brush_colour((colour.redF(), colour.greenF(), colour.blueF()))
            self._show_colour()

    def _choose_colour(self) -> None:
        red, green, blue = (round(v * 255) for v in self.canvas.brush_colour())
        chosen = QColorDialog.getColor(QColor(red, green, blue), self, i18n.tr("The brush's colour"))
        self.set_brush_colour(chosen)

    def _show_colour(self) -> None:
        red, green, blue = (round(v * 255) for v in self.canvas.brush_colour())
        self.colour_button.setStyleSheet(f"QPushButton {{ background-color: rgb({red}, {green}, {blue}); "
                                         "border: 1px solid #5a5d63; min-height: 18px; }")

    def _brush_changed(self) -> None:
        radius = self.brush_slider.value() / BRUSH_STEPS_PER_PX
        self.canvas.set_brush_size(radius)
        self.brush_label.setText(f"{radius:g} px")

    def _softness_changed(self) -> None:
        softness = self.softness_slider.value() / 100
        self.canvas.set_softness(softness)
        self.softness_label.setText(f"{softness:.2f}")
