"""The Edit tab's result column: the images the edit made, and a plot of what its record carries.

Why apart from ``edit_view``: showing a result depends only on the run handed back (a ``Trajectory``
and its ``core.edit_modes.EditRecord``), never on the controls that asked for it. The plot is chosen by
what the record carries, not by the mode's name: the noise's norm along an interpolation path (both
paths, the one run emphasised), an inversion's round-trip error against the noise level, or how far
each frame is from the input. Grey and colour results alike (``images.grid_uint8`` lays either out).
No torch here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from diffviz.core import i18n
from diffviz.core.captions import status_text
from diffviz.core.trajectory import Trajectory
from diffviz.ui.widgets.images import ImagePanel, grid_uint8

# The keys in these texts are read from the shortcuts that do it (``set_shortcuts``), never written in the text;
# the ..._NO_KEY variants say the same with no key, before a shortcut is known.
NO_RESULT = i18n.QT_TR_NOOP("Nothing run yet: choose a mode, then Run ({shortcut}). The images the model makes "
                            "appear here, and below them a plot of what the edit did.")
NO_RESULT_NO_KEY = i18n.QT_TR_NOOP("Nothing run yet: choose a mode, then Run. The images the model makes appear "
                                   "here, and below them a plot of what the edit did.")
TIMELINE_HINT = i18n.QT_TR_NOOP("Open the Timeline tab ({shortcut}) to scrub the run step by step")
TIMELINE_HINT_NO_KEY = i18n.QT_TR_NOOP("Open the Timeline tab to scrub the run step by step")
NOTE_STYLE = "QLabel { color: #909090; }"
SLERP_PEN = "#4fa3e0"
LERP_PEN = "#e08a4f"
CURVE_PENS = {"slerp": SLERP_PEN, "lerp": LERP_PEN}
ERROR_PEN = "#7ee787"
CHANGE_PEN = "#6aa6ff"


def _with_key(template: str, no_key: str, shortcut: str) -> str:
    """``template`` translated with its ``{shortcut}`` filled, or ``no_key`` translated when there is no key."""
    return i18n.tr(template).format(shortcut=shortcut) if shortcut else i18n.tr(no_key)


def _has_own_settings(record) -> bool:
    """Whether an edit record's settings line (``EditRecord.text``) says more than its mode's title: a path
    between two seeds, or a strength. Read from the mode's flags, never by comparing display texts."""
    mode = record.edit_mode
    return not mode.uses_image or mode.uses_strength


def _grid_columns(n: int) -> int:
    """Columns for ``n`` result images: one row up to four, else two rows (an interpolation reads left to right)."""
    return n if n <= 4 else math.ceil(n / 2)


class EditResult(QWidget):
    """The result column: ``show_result(trajectory)``, ``clear_result()``; the plot's curves for tests."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.blank_size = (28, 28)  # the empty panel's size: the model's images' (the view sets it)
        self._run_shortcut = ""       # the view's Run key and the window's Timeline key (``set_shortcuts``)
        self._timeline_shortcut = ""
        self.result_title = QLabel(i18n.tr("<b>Result</b>"))
        self.result_info = QLabel(_with_key(NO_RESULT, NO_RESULT_NO_KEY, ""), wordWrap=True)
        self.result_info.setStyleSheet(NOTE_STYLE)
        self.result_panel = ImagePanel(i18n.tr("the images the edit made"))
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
        self.timeline_hint = QLabel(_with_key(TIMELINE_HINT, TIMELINE_HINT_NO_KEY, ""), wordWrap=True)
        self.timeline_hint.setStyleSheet("QLabel { font-weight: bold; }")
        self.timeline_hint.setVisible(False)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.result_title)
        column.addWidget(self.result_info)
        column.addWidget(self.result_panel, 1)
        column.addWidget(self.plot)
        column.addWidget(self.plot_caption)
        column.addWidget(self.timeline_hint)
        self.plot.setVisible(False)
        self.trajectory = None  # the result on show

    def set_shortcuts(self, run: str | None = None, timeline: str | None = None) -> None:
        """The keys the texts name, as their shortcuts show them (``QKeySequence.NativeText``): Run's (the view's
        own) and the window's View action that shows the Timeline tab. None keeps a key as it was; empty: the
        texts name no key."""
        if run is not None:
            self._run_shortcut = str(run)
        if timeline is not None:
            self._timeline_shortcut = str(timeline)
        if self.trajectory is None:
            self.result_info.setText(_with_key(NO_RESULT, NO_RESULT_NO_KEY, self._run_shortcut))
        self.timeline_hint.setText(_with_key(TIMELINE_HINT, TIMELINE_HINT_NO_KEY, self._timeline_shortcut))

    def show_result(self, trajectory: Any) -> None:
        """Show a run's images and what its edit record carries. ``trajectory``: a ``Trajectory`` (or anything
        with ``.final`` (N, C, H, W) in [0, 1], ``.edit``, ``.n_steps`` and ``.xs``)."""
        self.trajectory = trajectory
        final = np.asarray(trajectory.final, np.float32)
        self.result_panel.set_image(grid_uint8(final, _grid_columns(len(final))))
        record = getattr(trajectory, "edit", None)
        # separate facts, each a whole text: the mode, the images, the steps, the settings
        words = [i18n.tr("%n image(s)", None, len(final)), i18n.tr("%n step(s)", None, trajectory.n_steps)]
        status = status_text(trajectory) if isinstance(trajectory, Trajectory) else ""
        if record is not None:
            words.insert(0, i18n.tr(record.edit_mode.title))
            if record.inversion_steps:
                words[2] = i18n.tr("%n step(s) each way", None, record.inversion_steps)
            if _has_own_settings(record):
                words.append(record.text())
        self.result_title.setText(i18n.tr("<b>Result</b>"))
        facts = " · ".join(w for w in words if w)
        self.result_info.setText(f"{facts} — {status}" if status else facts)
        self._plot_record(trajectory, record)
        self.timeline_hint.setVisible(True)

    def clear_result(self) -> None:
        self.trajectory = None
        self.result_panel.set_image(np.zeros(self.blank_size, np.uint8))
        self.result_info.setText(_with_key(NO_RESULT, NO_RESULT_NO_KEY, self._run_shortcut))
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
        plot.setLabel("bottom", i18n.tr("position along the path"))
        plot.setLabel("left", i18n.tr("noise norm"))
        for way, norms in record.norms.items():
            norms = np.asarray(norms, np.float64)
            weights = (np.asarray(record.weights, np.float64) if record.weights is not None
                       and len(record.weights) == len(norms) else np.linspace(0.0, 1.0, len(norms)))
            chosen = way == record.method
            pen = pg.mkPen(CURVE_PENS.get(way, "#d0d0d0"), width=3 if chosen else 1.5,
                           style=Qt.SolidLine if chosen else Qt.DashLine)
            name = i18n.tr("{path} (this run)").format(path=way) if chosen else way
            plot.addItem(pg.PlotDataItem(weights, norms, pen=pen, name=name, symbol="o" if chosen else None,
                                         symbolSize=5, symbolBrush=CURVE_PENS.get(way, "#d0d0d0"), symbolPen=None))
        every = np.concatenate([np.asarray(v, np.float64).ravel() for v in record.norms.values()])
        low, high = float(every.min()), float(every.max())
        span = max(high - low, 1e-3 * max(abs(high), 1.0))
        plot.enableAutoRange(x=True)
        plot.setYRange(low - 0.05 * span, high + 0.45 * span, padding=0)  # room above for the legend
        lerp = record.norms.get("lerp")
        if lerp is not None and len(lerp) > 2:
            lerp = np.asarray(lerp, np.float64)
            ends = (lerp[0] + lerp[-1]) / 2
            if ends > 0:
                return i18n.tr("The starting noise's strength (norm) at each image along the path. slerp keeps it "
                               "near the ends', so every image is as sharp as they are; lerp sags to {sag:.0%} of "
                               "it in the middle: noise fainter than the model trained on, which gives blurrier "
                               "images. This run: {method}.").format(sag=lerp.min() / ends, method=record.method)
        return i18n.tr("The starting noise's strength (norm) at each image along the path. slerp keeps it near the "
                       "ends', so every image is as sharp as they are. This run: {method}.").format(
                           method=record.method)

    def _plot_round_trip(self, plot: pg.PlotItem, trajectory, record) -> str:
        errors = np.asarray(record.round_trip_error(trajectory), np.float64)
        if not len(errors):
            return i18n.tr("The run stopped before the way back was complete: there is no round trip to measure "
                           "yet (the timeline shows the frames made).")
        levels = np.asarray(trajectory.levels, np.float64)[:len(errors)]
        plot.setLabel("bottom", i18n.tr("noise level (0 clean, 1 pure noise)"))
        plot.setLabel("left", i18n.tr("mean |image − round trip|"))
        plot.addItem(pg.PlotDataItem(levels, errors, pen=pg.mkPen(ERROR_PEN, width=2), symbol="o", symbolSize=5,
                                     symbolBrush=ERROR_PEN, symbolPen=None, name=i18n.tr("round-trip error")))
        plot.enableAutoRange()
        return i18n.tr("At each noise level, how far the image on the way back is from the image on the way to "
                       "noise (pixels 0 to 1). At level 0 it is your image against the result: {error:.3f} — the "
                       "smaller, the better the noise the model found stands for your image.").format(
                           error=errors[0])

    def _plot_change(self, plot: pg.PlotItem, trajectory, record) -> str:
        made = getattr(trajectory, "frames_made", None) or len(trajectory.xs)
        xs = np.asarray(trajectory.xs[:made], np.float32)
        source = np.asarray(record.source, np.float32)
        change = np.abs(np.clip(xs, 0.0, 1.0) - source[None]).mean(axis=tuple(range(1, xs.ndim)))
        plot.setLabel("bottom", i18n.tr("frame (the last one is the result)"))
        plot.setLabel("left", i18n.tr("mean |x − your image|"))
        plot.addItem(pg.PlotDataItem(np.arange(len(change)), change, pen=pg.mkPen(CHANGE_PEN, width=2),
                                     name=i18n.tr("change from your image")))
        plot.enableAutoRange()
        return i18n.tr("How far each frame is from your image: the noise added at the start hides it, the steps "
                       "bring back an image, and the last point is how much the edit changed it in the end "
                       "({change:.3f}, pixels 0 to 1).").format(change=change[-1])

