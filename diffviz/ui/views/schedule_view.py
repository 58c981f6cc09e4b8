"""The noise schedule: how much of the digit and how much noise are left at each timestep.

Why its own view: the course's second half swaps the ``amount`` blend for DDPM's schedule,
``x_t = √ᾱ_t · x + √(1-ᾱ_t) · ε``, and shows it as two curves and a row of digits noised at
t = 0 … 999. Here the curves and the digits move together under one slider, and the
course's own blend can be put beside the linear and cosine DDPM schedules: its
"signal" line (1 - amount) falls straight, the DDPM ones do not.

The ᾱ table comes from diffusers' ``DDPMScheduler``, computed off the GUI thread (the
window runs it as a job, since importing diffusers takes seconds); the noising shown
is the closed form above, in numpy, on eight digits.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from diffviz.core import i18n
from diffviz.core.processes import PROCESSES, SCHEDULE_POINTS, Schedule
from diffviz.ui.widgets.images import ExplanationBox, ImagePanel, grid_uint8

FIGURE_COLUMNS = 8

EXPLANATION = i18n.QT_TR_NOOP("""
<p><b>The course's blend</b> keeps <code>1 − amount</code> of the digit and adds <code>amount</code> of uniform
noise: both change in a straight line (the flow recipes blend the same way toward Gaussian noise). <b>DDPM</b>
keeps <code>√ᾱ<sub>t</sub></code> of the digit (scaled to [−1, 1]) and adds <code>√(1 − ᾱ<sub>t</sub>)</code> of
Gaussian noise, where ᾱ<sub>t</sub> is the product of <code>1 − β</code> over the first t steps. With linear betas
most of the digit is gone by t ≈ 600; the cosine schedule keeps it longer, so more of the 1,000 steps are spent
where the digit's shape is decided.</p>
<p>The bottom row is the course's figure: the same digits at t = 0, 143, …, 999.</p>
""")


class ScheduleView(QWidget):
    """Curves of the chosen process's schedule, a timestep slider, and digits noised at that timestep."""

    scheduleRequested = Signal(str)  # a process whose schedule the view does not have yet (computed off the GUI)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images = np.zeros((0, 1, 28, 28), np.float32)
        # A schedule that is quick to make (no diffusers import) is made here; the others come from the window.
        self._schedules: dict[str, Schedule] = {key: process.schedule() for key, process in PROCESSES.items()
                                                if not process.schedule_is_slow}
        self._noise_seed = 0

        self.schedule = QComboBox(toolTip=i18n.tr("Which noising process's schedule to draw"))
        for key, process in PROCESSES.items():
            self.schedule.addItem(i18n.tr(process.title), key)
        self.slider = QSlider(Qt.Horizontal, minimum=0, maximum=SCHEDULE_POINTS - 1, value=SCHEDULE_POINTS // 2)
        self.slider.setToolTip(i18n.tr("The timestep t (for the blends: amount = t / 999)"))
        self.value_label = QLabel(textFormat=Qt.PlainText)
        self.value_label.setMinimumWidth(340)

        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(False, False)
        self.plot.setLabel("bottom", i18n.tr("timestep t"))
        self.plot.setYRange(0, 1.02, padding=0)
        self.plot.setXRange(0, SCHEDULE_POINTS - 1, padding=0.01)
        self.plot.addLegend(offset=(-10, 10))
        self.signal_curve = self.plot.plot(pen=pg.mkPen("#4fa3e0", width=2), name=i18n.tr("signal kept"))
        self.noise_curve = self.plot.plot(pen=pg.mkPen("#e08a4f", width=2), name=i18n.tr("noise added"))
        self.alpha_curve = self.plot.plot(pen=pg.mkPen("#9a9a9a", width=1, style=Qt.DashLine), name="ᾱ")
        self.cursor = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#d0d0d0", width=1))
        self.plot.addItem(self.cursor)

        self.noisy_panel = ImagePanel(i18n.tr("the digits at timestep t"))
        self.figure_panel = ImagePanel(i18n.tr("the course's figure: t = linspace(0, 999, 8)"))

        top = QHBoxLayout()
        top.addWidget(QLabel(i18n.tr("Schedule")))
        top.addWidget(self.schedule)
        top.addWidget(QLabel("t"))
        top.addWidget(self.slider, 1)
        top.addWidget(self.value_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.plot, 3)
        layout.addWidget(self.noisy_panel, 2)
        layout.addWidget(self.figure_panel, 2)
        layout.addWidget(ExplanationBox(i18n.tr("What am I looking at?"), i18n.tr(EXPLANATION)))

        self.schedule.currentIndexChanged.connect(self._schedule_changed)
        self.slider.valueChanged.connect(self._redraw)
        self._schedule_changed()

    # ----- inputs -----------------------------------------------------------------------------------
    def set_images(self, images: np.ndarray) -> None:
        """Eight clean digits (N, 1, 28, 28) in [0, 1] to noise."""
        self._images = np.asarray(images, np.float32)[:FIGURE_COLUMNS]
        self._redraw()

    def set_schedule(self, key: str, schedule: Schedule) -> None:
        """A process's schedule, computed by the window off the GUI thread."""
        self._schedules[key] = schedule
        if key == self.current_schedule():
            self._redraw()

    def current_schedule(self) -> str:
        """The key (in ``core.processes.PROCESSES``) of the process shown."""
        return self.schedule.currentData()

    def weights(self, key: str | None = None) -> tuple[np.ndarray, np.ndarray] | None:
        """(signal kept, noise added) for t = 0..999, or None while that schedule is not ready."""
        schedule = self._schedules.get(key or self.current_schedule())
        return None if schedule is None else (schedule.signal, schedule.noise)

    def noised(self, t: int | np.ndarray) -> np.ndarray | None:
        """The digits at timestep(s) ``t`` (one per image), on the [0, 1] screen scale."""
        schedule = self._schedules.get(self.current_schedule())
        if schedule is None or not len(self._images):
            return None
        return schedule.noised(self._images, np.asarray(t), np.random.default_rng(self._noise_seed))

    # ----- drawing ----------------------------------------------------------------------------------
    def _schedule_changed(self) -> None:
        if self.current_schedule() not in self._schedules:
            self.scheduleRequested.emit(self.current_schedule())
        self._redraw()

    def _redraw(self) -> None:
        t = self.slider.value()
        self.cursor.setValue(t)
        schedule = self._schedules.get(self.current_schedule())
        steps = np.arange(SCHEDULE_POINTS)
        if schedule is None:
            for curve in (self.signal_curve, self.noise_curve, self.alpha_curve):
                curve.setData([], [])
            self.value_label.setText(i18n.tr("computing the schedule…"))
            return
        self.signal_curve.setData(steps, schedule.signal)
        self.noise_curve.setData(steps, schedule.noise)
        if schedule.alpha_bar is None:
            self.alpha_curve.setData([], [])
        else:
            self.alpha_curve.setData(steps, schedule.alpha_bar)
        self.value_label.setText(schedule.describe(t))
        if not len(self._images):
            return
        now = self.noised(np.full(len(self._images), t))
        figure = self.noised(np.linspace(0, SCHEDULE_POINTS - 1, len(self._images)).round().astype(int))
        self.noisy_panel.set_image(grid_uint8(np.clip(now, 0, 1), nrow=FIGURE_COLUMNS))
        self.figure_panel.set_image(grid_uint8(np.clip(figure, 0, 1), nrow=FIGURE_COLUMNS))
