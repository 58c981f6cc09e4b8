"""The timeline: scrub or play a sampling trajectory, frame by frame.

Frames run 0..n for an n-step run (``Trajectory.n_frames``): frame i < n is x *before*
step i, frame n is the result, so the slider has exactly n + 1 positions and neither
repeats the first frame nor drops the last. Every other panel follows ``frameChanged``.

Why the cache: a scrub must redraw in a few milliseconds, so each frame's two uint8
grids are built once, on first view, and a revisit is only ``setImage`` with fixed
levels (never auto-levels: they would make the last noisy frames look as crisp as the
result). Nothing is converted up front, so a 1000-step run opens at once.

The panels are ``GridPanel``s, handed RGBA copies of the grey grids (faster to paint: see there).

Grids come from ``grid_uint8`` (numpy, well under a millisecond even while training runs).

A run still being sampled (``Trajectory.growing``) is shown as it grows: the view keeps its own count
of the frames made (``frames_made()``, read from the trajectory on ``set_trajectory`` and
``frames_arrived``) and never reads a frame at or past it. The slider, End, stepping and the change plot
stop at the newest made frame; Play plays up to it and waits there for the next, so a learner can watch
the run unfold as it is computed; the frames still to come are shaded on the change plot and a line says
``computing… 13 of 41 frames``. When the finished run (the same object) or the stopped one cut from it
(``Trajectory.continues``) arrives, the view keeps the frame on screen, the drawn grids and playback.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QSlider, QSpinBox,
                               QStyle, QToolButton, QVBoxLayout, QWidget)

from diffviz.core import i18n
from diffviz.core.captions import request_text, step_label
from diffviz.core.trajectory import Trajectory
from diffviz.ui.widgets.images import ExplanationBox, GridPanel, grey_rgba, grid_uint8
from diffviz.ui.widgets.keys import key_text

EXPLANATION = i18n.QT_TR_NOOP("""
<p>The sampler starts from uniform noise and, at step <i>i</i> of <i>n</i>, does:</p>
<pre>pred = net(x)
mix  = 1/(n - i)
x    = x*(1 - mix) + pred*mix</pre>
<p><b>Left</b>: x, the images as they are at this step. <b>Right</b>: the model's guess of the clean
image from that x. Each step moves x a fraction <i>mix</i> of the way toward the guess. Early steps
move a little (1/n), so a bad early guess can still be corrected; the mix grows as fewer steps
remain, and at the last step mix = 1/(n - (n-1)) = 1: x jumps <i>fully</i> to the prediction, which
is why the result equals the last prediction and the change plot ends with its biggest bar.</p>
<p>Another way to see it: picture a straight line from noise (t = 1) to a clean digit (t = 0).
At t = 1 - i/n the remaining distance is t, and one Euler step of size dt = 1/n toward the
predicted end point covers dt/t = (1/n)/(1 - i/n) = 1/(n - i) of it: exactly the mix.
This is the idea behind flow-matching samplers, in its simplest form.</p>
""")

# How the frames not made look: on the change plot (dark) and beside the slider (the window's colours).
# The "plot" words are marked here and translated where shown.
PENDING = {"computing": {"shade": (255, 179, 71, 28), "plot": i18n.QT_TR_NOOP("not computed yet"),
                         "colour": "#ffb347", "label": "#b86a00"},
           "stopped": {"shade": (160, 160, 160, 22), "plot": i18n.QT_TR_NOOP("stopped: not computed"),
                       "colour": "#a0a0a0", "label": "#707070"}}
CACHE_FRAMES = 256  # 64 images of 28 px: ~0.5 MB a frame as RGBA, so at most ~120 MB for very long runs
CACHE_BYTES = 120 * 2**20  # the same ~120 MB bounds larger images: 64 colour of 128 px are ~8.7 MB a frame: 14 kept


def cache_frames(frame_bytes: int) -> int:
    """How many frames' grids the timeline keeps when one frame's two RGBA grids take ``frame_bytes``:
    ``CACHE_FRAMES``, fewer when that would pass ``CACHE_BYTES``, and never under 2 (this and the last)."""
    return int(max(2, min(CACHE_FRAMES, CACHE_BYTES // max(int(frame_bytes), 1))))


COPY_DISTANCE = 0.02  # RMS pixel distance under which a result is a copy of a training digit
NEAREST_TIP = i18n.QT_TR_NOOP(
    "For each result, the most similar of the training digits and the root-mean-square pixel difference "
    "to it. The perfect denoiser (File menu) only reproduces training digits: its distances are 0. A "
    "trained network draws new digits: theirs are about as far as unseen real digits are (about 0.17).")


def _fit_width(label: QLabel, minimum: int, texts: list[str], bold: bool = False) -> None:
    """A fixed width (a changing text must not re-lay out the view) at least ``minimum`` and wide enough for
    the longest of ``texts`` in the language shown."""
    font = QFont(label.font())
    font.setBold(bold)
    metrics = QFontMetrics(font)
    label.setFixedWidth(max([minimum] + [metrics.horizontalAdvance(text) + 12 for text in texts]))


class TimelineView(QWidget):
    """x and the model's prediction for one frame of a Trajectory, with a slider, playback and a change plot."""

    frameChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)
        self._traj: Trajectory | None = None
        self._frame = 0
        self._made = 0  # frames of the trajectory this view knows are made: it reads none at or past this
        self._change = np.zeros(0)  # mean |Δx| of the made steps
        self._cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._build()
        for widget in (self.x_panel, self.pred_panel, self.nearest_panel, self.change_plot):
            widget.setFocusPolicy(Qt.NoFocus)  # a click on a picture must not take the arrow keys
        self._set_enabled(False)

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.x_panel = GridPanel(i18n.tr("x: the images at this step"))
        self.pred_panel = GridPanel(i18n.tr("prediction: the model's guess of the clean images from x"))
        images = QGridLayout()
        images.setSpacing(6)
        self.captions = []
        for column, (text, panel) in enumerate(
                [(i18n.tr("<b>x</b> — the images at this step"), self.x_panel),
                 (i18n.tr("<b>prediction</b> — the model's guess of the clean images"), self.pred_panel)]):
            caption = QLabel(text, wordWrap=True)  # a long caption (digits, guidance) wraps, not widens its panel
            caption.setAlignment(Qt.AlignCenter)
            self.captions.append(caption)
            images.addWidget(caption, 0, column)
            images.addWidget(panel, 1, column)
        self.nearest_panel = GridPanel(i18n.tr("the training digit nearest to each result"))
        self.nearest_caption = QLabel("", alignment=Qt.AlignCenter, wordWrap=True)
        self.nearest_caption.setToolTip(i18n.tr(NEAREST_TIP))
        images.addWidget(self.nearest_caption, 0, 2)
        images.addWidget(self.nearest_panel, 1, 2)
        for widget in (self.nearest_caption, self.nearest_panel):
            widget.setVisible(False)
        images.setRowStretch(1, 1)
        for column in range(2):  # the panels shown share the width equally, whatever their captions say
            images.setColumnStretch(column, 1)
        self._images_grid = images

        self.change_plot = pg.PlotWidget()
        self.change_plot.setFixedHeight(130)
        self.change_plot.setMouseEnabled(x=False, y=False)
        self.change_plot.hideButtons()
        self.change_plot.setMenuEnabled(False)
        plot = self.change_plot.getPlotItem()
        plot.setLabel("left", i18n.tr("mean |Δx|"))
        plot.getAxis("left").enableAutoSIPrefix(False)
        plot.setLabel("bottom", i18n.tr("frame (bar i = how much step i changed x)"))
        self.change_curve = pg.PlotDataItem(stepMode="center", fillLevel=0, pen=pg.mkPen("#6aa6ff", width=1.5),
                                            brush=pg.mkBrush(106, 166, 255, 70))
        plot.addItem(self.change_curve)
        self.marker = pg.InfiniteLine(pos=0, angle=90, movable=False, pen=pg.mkPen("#ffb347", width=2))
        plot.addItem(self.marker)
        # The frames of a growing (or stopped) run not made: shaded, and said in words beside the slider.
        self.pending_region = pg.LinearRegionItem(values=(0, 1), movable=False, pen=pg.mkPen(None))
        self.pending_region.setZValue(-10)
        self.pending_text = pg.TextItem("", anchor=(0, 0))
        for item in (self.pending_region, self.pending_text):
            item.setVisible(False)
            plot.addItem(item, ignoreBounds=True)

        # The keys are keyPressEvent's; their names come from Qt, in the language shown.
        self.home_button = self._tool_button(QStyle.SP_MediaSkipBackward, i18n.tr("First frame ({key})").format(
            key=key_text(Qt.Key_Home)), self.go_home)
        self.back_button = self._tool_button(QStyle.SP_MediaSeekBackward, i18n.tr("Previous step ({key})").format(
            key=key_text(Qt.Key_Left)), lambda: self.step_by(-1))
        self.play_button = self._tool_button(QStyle.SP_MediaPlay, i18n.tr("Play / pause ({key})").format(
            key=key_text(Qt.Key_Space)), self.play_pause)
        self.forward_button = self._tool_button(QStyle.SP_MediaSeekForward, i18n.tr("Next step ({key})").format(
            key=key_text(Qt.Key_Right)), lambda: self.step_by(1))
        self.end_button = self._tool_button(QStyle.SP_MediaSkipForward, i18n.tr(
            "Last frame: the result ({key})").format(key=key_text(Qt.Key_End)), self.go_end)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setPageStep(1)
        self.slider.setToolTip(i18n.tr("Scrub through the denoising steps"))
        self.slider.valueChanged.connect(self.set_frame)
        self.step_label = QLabel(i18n.tr("no trajectory yet: sample to fill the timeline"))
        # Fixed sizes: a changing text must not re-lay out the view; wide enough for the language shown.
        _fit_width(self.step_label, 330, [self.step_label.text()])
        self.stream_label = QLabel()  # "computing… 13 of 41 frames" / "stopped: 13 of 41 frames made"
        _fit_width(self.stream_label, 210, [self._computing_text(1000, 1001), self._stopped_text(1000, 1001)],
                   bold=True)
        self.stream_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.stream_label.setVisible(False)
        self.fps_spin = QSpinBox()
        self.fps_spin.setRange(1, 30)
        self.fps_spin.setValue(8)
        self.fps_spin.setSuffix(i18n.tr(" fps"))
        self.fps_spin.setToolTip(i18n.tr("Playback speed"))
        self.fps_spin.valueChanged.connect(self._update_interval)
        self.loop_check = QCheckBox(i18n.tr("loop"))
        self.loop_check.setToolTip(i18n.tr("Start again from frame 0 after the result"))

        controls = QHBoxLayout()
        for button in (self.home_button, self.back_button, self.play_button, self.forward_button,
                       self.end_button):
            controls.addWidget(button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.stream_label)
        controls.addWidget(self.step_label)
        controls.addWidget(self.fps_spin)
        controls.addWidget(self.loop_check)

        self.explanation = ExplanationBox(i18n.tr("How a sampling step works"), i18n.tr(EXPLANATION))
        layout = QVBoxLayout(self)
        layout.addLayout(images, 1)
        layout.addLayout(controls)
        layout.addWidget(self.change_plot)
        layout.addWidget(self.explanation)
        self._update_interval()

    def _tool_button(self, icon: QStyle.StandardPixmap, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setIcon(self.style().standardIcon(icon))
        button.setToolTip(tip)
        button.setMinimumWidth(32)
        button.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        button.setFocusPolicy(Qt.NoFocus)  # keep the keys for the view
        button.clicked.connect(slot)
        return button

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.home_button, self.back_button, self.play_button, self.forward_button,
                       self.end_button, self.slider):
            widget.setEnabled(enabled)

    # ------------------------------------------------------------- public API
    def set_nearest(self, trajectory: Trajectory | None, images: np.ndarray | None = None,
                    distances: np.ndarray | None = None) -> None:
        """Beside the run, the training digit nearest to each of its results and how far it is (RMS over the
        pixels): copies of training digits read 0. Shown for ``trajectory`` only while it is the run on screen."""
        shown = trajectory is not None and trajectory is self._traj and images is not None
        for widget in (self.nearest_caption, self.nearest_panel):
            widget.setVisible(shown)
        self._images_grid.setColumnStretch(2, 1 if shown else 0)  # a hidden column takes no share
        if not shown:
            return
        copies = int((distances < COPY_DISTANCE).sum())
        self.nearest_caption.setText(i18n.tr(
            "<b>nearest training digit</b> — distance {distance:.3f} on average; "
            "{copies} of {count} are copies (&lt; {limit})").format(
            distance=float(distances.mean()), copies=copies, count=len(distances), limit=COPY_DISTANCE))
        self.nearest_panel.set_rgba(grey_rgba(grid_uint8(images)))

    def set_trajectory(self, traj: Trajectory) -> None:
        """Show a new trajectory from frame 0 (dropping the old frame cache), or, when it continues the
        run on screen that was still growing (``Trajectory.continues``: the finished or stopped run),
        switch to it keeping the frame, the cache and playback."""
        continuing = self._growing() and traj.continues(self._traj)
        if not continuing:
            self._stop()
            self._cache.clear()
            self.set_nearest(None)
            self._frame = -1  # force a redraw of frame 0 even if frame 0 was showing
            self._made = 0
            self._change = np.zeros(0)
            self.change_plot.getPlotItem().setXRange(0, traj.planned_steps or traj.n_steps, padding=0.02)
            asked = request_text(traj)
            self.captions[0].setText(
                i18n.tr("<b>x</b> — the images at this step ({request})").format(request=html.escape(asked)) if asked
                else i18n.tr("<b>x</b> — the images at this step"))
        else:
            self._made = min(self._made, traj.frames_made)  # a stopped run keeps the frames it made
            self._change = self._change[:max(self._made - 1, 0)]
        self._traj = traj
        self._set_enabled(True)
        self._show_made()
        if continuing:
            shown, self._frame = self._frame, -1
            self.set_frame(shown)  # the same frame, captioned as the run now is ("stopped after step 12/40")
        else:
            self.set_frame(0)

    def frames_arrived(self) -> None:
        """More frames of the trajectory on screen are made (``Trajectory.frames_made``): grow the slider,
        the change plot and the words; playback waiting at the newest frame goes on at its next tick."""
        if self._traj is not None and self._growing():
            self._show_made()

    def frames_made(self) -> int:
        """How many frames this view counts as made: it reads none at or past this one."""
        return self._made

    def status_text(self) -> str:
        """The words beside the slider: ``computing… 13 of 41 frames``, ``stopped after step 12/40`` or empty."""
        return self.stream_label.text()

    def trajectory(self) -> Trajectory | None:
        return self._traj

    def frame(self) -> int:
        return max(self._frame, 0)

    def set_frame(self, i: int) -> None:
        """Show frame ``i`` (clamped to 0..n) and emit ``frameChanged`` when it changes."""
        if self._traj is None:
            return
        i = int(min(max(int(i), 0), self._last()))
        if i == self._frame:
            return
        self._frame = i
        if self.slider.value() != i:
            self.slider.blockSignals(True)
            self.slider.setValue(i)
            self.slider.blockSignals(False)
        x_grid, pred_grid = self._grids(i)
        self.x_panel.set_rgba(x_grid)
        self.pred_panel.set_rgba(pred_grid)
        self.step_label.setText(i18n.tr("frame {frame}/{steps} · {step}").format(
            frame=i, steps=self._traj.n_steps, step=step_label(self._traj, i)))
        self.marker.setValue(i)
        self.frameChanged.emit(i)

    def step_by(self, delta: int) -> None:
        self.set_frame(self.frame() + int(delta))

    def go_home(self) -> None:
        self.set_frame(0)

    def go_end(self) -> None:
        """The last frame: the result, or the newest made frame of a run still growing."""
        if self._traj is not None:
            self.set_frame(self._last())

    def is_playing(self) -> bool:
        return self._timer.isActive()

    def play_pause(self) -> None:
        """Start or stop playback; playing from the last frame (without loop) starts again at 0. A run still
        growing plays up to its newest frame and waits there for the next."""
        if self.is_playing():
            self._stop()
            return
        if self._traj is None or self._traj.n_steps == 0:
            return
        if self.frame() >= self._last() and not self._growing():
            self.set_frame(0)
        self._timer.start()
        self.play_button.setIcon(self.style().standardIcon(QStyle.SP_MediaPause))

    # --------------------------------------------------------------- internals
    def _last(self) -> int:
        """The last frame the view may show: the result, or the newest made one."""
        return max(self._made - 1, 0)

    def _growing(self) -> bool:
        return self._traj is not None and self._made < self._traj.n_frames

    def _show_made(self) -> None:
        """Read the trajectory's count once and show what it makes available (only frames below it)."""
        traj = self._traj
        made = traj.frames_made
        if made > self._made:
            self._change = np.concatenate([self._change, traj.change_per_step(max(self._made - 1, 0), made)])
            self._made = made
        self.slider.blockSignals(True)
        self.slider.setRange(0, self._last())
        self.slider.blockSignals(False)
        change = np.asarray(self._change, dtype=np.float64)
        if change.size:
            self.change_curve.setData(np.arange(change.size + 1, dtype=np.float64), change)
        else:
            self.change_curve.setData([], [])
        plot = self.change_plot.getPlotItem()
        plot.setYRange(0, float(change.max()) if change.size else 1.0, padding=0.05)
        if self._growing():
            look = PENDING["computing"]
            words = self._computing_text(self._made, traj.n_frames)
        elif traj.stopped:
            look = PENDING["stopped"]
            words = self._stopped_text(traj.n_frames, traj.planned_steps + 1)
        else:
            look, words = None, ""
        if look is not None:
            self.pending_region.setRegion((self._last(), traj.planned_steps or traj.n_steps))
            self.pending_region.setBrush(pg.mkBrush(*look["shade"]))
            self.pending_text.setText(i18n.tr(look["plot"]), color=look["colour"])
            self.pending_text.setPos(self._last(), float(change.max()) if change.size else 1.0)
            self.stream_label.setStyleSheet(f"QLabel {{ color: {look['label']}; font-weight: bold; }}")
        for item in (self.pending_region, self.pending_text):
            item.setVisible(look is not None)
        self.stream_label.setText(words)
        self.stream_label.setVisible(bool(words))

    @staticmethod
    def _computing_text(made: int, total: int) -> str:
        return i18n.tr("computing… {made} of {total} frames").format(made=made, total=total)

    @staticmethod
    def _stopped_text(made: int, total: int) -> str:
        return i18n.tr("stopped: {made} of {total} frames made").format(made=made, total=total)

    def _grids(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Frame ``i``'s two grids as RGBA, built on first use and kept for the last ``cache_frames`` frames
        (256 for 28 px digits, a handful for 64 images of 128 px: the cache stays under ~120 MB)."""
        grids = self._cache.pop(i, None)
        if grids is None:
            grids = (grey_rgba(grid_uint8(self._traj.xs[i])), grey_rgba(grid_uint8(self._traj.preds[i])))
            while self._cache and len(self._cache) >= cache_frames(grids[0].nbytes + grids[1].nbytes):
                self._cache.pop(next(iter(self._cache)))  # least recently shown
        self._cache[i] = grids  # (re)inserted last: dict order is the recency order
        return grids

    def _tick(self) -> None:
        if self._traj is None:
            self._stop()
            return
        if self.frame() >= self._last():
            if self._growing():
                return  # the newest frame is on screen: wait for the next one
            if self.loop_check.isChecked():
                self.set_frame(0)
            else:
                self._stop()
            return
        self.step_by(1)
        if self.frame() >= self._last() and not self._growing() and not self.loop_check.isChecked():
            self._stop()  # the result is on screen: playback is over

    def _stop(self) -> None:
        self._timer.stop()
        self.play_button.setIcon(self.style().standardIcon(QStyle.SP_MediaPlay))

    def _update_interval(self) -> None:
        self._timer.setInterval(int(round(1000 / self.fps_spin.value())))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        actions = {
            Qt.Key_Space: self.play_pause,
            Qt.Key_Left: lambda: self.step_by(-1),
            Qt.Key_Right: lambda: self.step_by(1),
            Qt.Key_Home: self.go_home,
            Qt.Key_End: self.go_end,
        }
        action = actions.get(Qt.Key(event.key()))
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()
