"""The training view: watch the model learn, live.

Why it is built this way: the worker sends a ``TrainingUpdate`` up to ~30 times a second and
a run can last 100k steps, so ``add_update`` only appends to growing numpy buffers; a
single-shot timer redraws at most every ``REDRAW_MS`` and only after something changed. The
curves use pyqtgraph's peak downsampling and clip-to-view, so a redraw costs about the same
at step 100 as at step 100,000. Everything here draws what signals carry: no torch, no threads.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QProgressBar, QSlider, QVBoxLayout, QWidget

from diffviz.core import i18n
from diffviz.ui.widgets.images import ExplanationBox, ImagePanel, grid_uint8
from diffviz.ui.widgets.layout import column, label_axis, row, splitter, title
from diffviz.ui.widgets.series import Buffer, ema, format_seconds
from diffviz.workers.messages import PredictionStrip, PreviewSamples, TrainingUpdate

REDRAW_MS = 100  # plots redraw at most 10 times a second: a paint costs a GUI frame or more
AMOUNT_BINS = 10               # 0-0.1, 0.1-0.2, ... 0.9-1.0
AMOUNT_WINDOW = 2048           # the bars show the last this-many images: the model now, not its history
RAW_PEN = pg.mkPen(110, 160, 230, 90, width=1)
SMOOTH_PEN = pg.mkPen("#ffb347", width=2)
MAX_EPOCH_LABELS = 8           # beyond this many epochs the values would overlap: dots only
QUALITY_MIN_SPAN = 30.0        # the quality curve's x axis shows at least 0-30 s of training


def quality_span(latest: float) -> float:
    """The quality curve's x axis end: from 0 s, at least ``QUALITY_MIN_SPAN``, with room after the newest point
    and rounded up to a tidy number of seconds, so the axis does not jump on every point."""
    wanted = max(QUALITY_MIN_SPAN, latest * 1.15)
    step = 10.0 if wanted <= 120 else 60.0 if wanted <= 1200 else 600.0
    return float(np.ceil(wanted / step) * step)
GRID_PAD, CELL = 2, 28         # grid_uint8 lays images with 2 px padding; 28: a digit's side, before a strip

EXPLANATION = i18n.QT_TR_NOOP("""
<p>Each training step takes a batch of clean digits <i>x</i>, corrupts every image by its own random
<b>amount</b> between 0 and 1, and asks the network to give back the clean digit:</p>
<p style="margin-left:16px"><code>noisy = (1 - amount) * x + amount * noise</code><br>
<code>loss = mean((net(noisy) - x)^2)</code></p>
<p>The <b>loss</b> is the mean squared difference between the prediction and the clean digit, per pixel
(pixels run from 0 to 1). The raw curve jumps around because each batch draws different digits and
amounts; the smoothed curve (an exponential moving average) shows the trend.</p>
<p><b>Loss by noise amount</b>: at small amounts the digit is still visible, so copying the input is almost
right. At large amounts little signal is left and the network can only guess a plausible digit, so the loss
stays high there however long you train. Watch the low and middle bars fall.</p>
<p><b>Previews</b> are sampled from the same starting noise every time, so you watch the same digits
form as the model learns.</p>
""")


class TrainingView(QWidget):
    """Live loss curves, loss by noise amount, run statistics, the prediction strip and preview samples."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=REDRAW_MS)
        self._timer.timeout.connect(self._redraw)
        self._build()
        self.reset(1, None)

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        self.stats_label = QLabel()
        self.stats_label.setTextFormat(Qt.RichText)
        self.progress_bar = QProgressBar(maximum=1000, textVisible=False, maximumWidth=220, maximumHeight=10)
        top = row(self.stats_label, None, self.progress_bar)

        # 1. loss curves
        self.loss_plot = pg.PlotWidget()
        plot = self.loss_plot.getPlotItem()
        plot.setTitle(i18n.tr("Training loss"))
        plot.setLabel("left", i18n.tr("MSE loss"))
        plot.getAxis("left").enableAutoSIPrefix(False)  # show 0.02, the number the course prints
        # No grid, and ranges that only change when the data leaves them (_fit_ranges): a grid or a
        # moving axis repaints every tick label each time, which cost 50-100 ms a frame while training.
        plot.setMenuEnabled(False)
        plot.addLegend(offset=(-10, 10))
        # ~2 samples per pixel column: the peak envelope looks the same as all points, and paints fast
        self.raw_curve = plot.plot(pen=RAW_PEN, name=i18n.tr("per step"), autoDownsampleFactor=2.0)
        self.smooth_curve = plot.plot(pen=SMOOTH_PEN, name=i18n.tr("smoothed"), autoDownsampleFactor=2.0)
        for curve in (self.raw_curve, self.smooth_curve):
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
        self.epoch_markers = plot.plot(pen=None, symbol="o", symbolSize=9, symbolBrush="#7ee787",
                                       symbolPen="#1e1f22", name=i18n.tr("epoch mean"))
        self._epoch_labels: list[pg.TextItem] = []

        self.smoothing_slider = QSlider(Qt.Horizontal, minimum=0, maximum=99, value=90, maximumWidth=160)
        self.smoothing_label = QLabel()
        self.log_check = QCheckBox(i18n.tr("log y"))
        self.x_combo = QComboBox()
        self.x_combo.addItems([i18n.tr("steps"), i18n.tr("epochs")])  # read by index
        controls = row(QLabel(i18n.tr("smoothing")), self.smoothing_slider, self.smoothing_label, 12,
                        self.log_check, 12, QLabel(i18n.tr("x axis")), self.x_combo, None)
        loss_box = column(self.loss_plot, controls)

        # 2. loss by noise amount
        self.amount_plot = pg.PlotWidget()
        aplot = self.amount_plot.getPlotItem()
        aplot.setTitle(i18n.tr("Loss by noise amount (last {count:,} images)").format(count=AMOUNT_WINDOW))
        aplot.setLabel("bottom", i18n.tr("noise amount"))
        aplot.setLabel("left", i18n.tr("mean loss"))
        aplot.getAxis("left").enableAutoSIPrefix(False)
        aplot.setMenuEnabled(False)
        aplot.setMouseEnabled(x=False, y=False)
        aplot.hideButtons()
        aplot.setXRange(-0.04, 1.04, padding=0)
        aplot.setLimits(yMin=0)  # losses are never negative; an empty chart should not show -0.4
        aplot.getAxis("bottom").setTicks([[(i / 10, f"{i / 10:.1f}") for i in range(0, 11, 2)],
                                           [(i / 10, "") for i in range(11)]])
        centers = (np.arange(AMOUNT_BINS) + 0.5) / AMOUNT_BINS
        brushes = [pg.mkBrush(pg.colormap.get("plasma").map(0.2 + 0.65 * c, mode="qcolor")) for c in centers]
        self.amount_bars = pg.BarGraphItem(x=centers, height=np.zeros(AMOUNT_BINS), width=0.85 / AMOUNT_BINS,
                                           brushes=brushes, pen=None)
        aplot.addItem(self.amount_bars)

        # 4. the course's figure, live
        self.strip_panel = ImagePanel(i18n.tr("clean, corrupted and predicted digits of a fixed batch"))
        ci = self.strip_panel.ci
        ci.removeItem(self.strip_panel.view)
        self._strip_rows = label_axis(self.strip_panel, "left")
        self._strip_cols = label_axis(self.strip_panel, "top", i18n.tr("corruption amount"))
        ci.addItem(self._strip_cols, row=0, col=1)
        ci.addItem(self._strip_rows, row=1, col=0)
        ci.addItem(self.strip_panel.view, row=1, col=1)
        self._label_strip_rows(CELL)
        self.strip_caption = QLabel(alignment=Qt.AlignHCenter)
        strip_box = column(title(i18n.tr("Predictions on a fixed batch")), self.strip_panel, self.strip_caption)

        # 5. preview samples
        self.preview_panel = ImagePanel(i18n.tr("samples drawn from the model from the same noise each time"))
        self.preview_slider = QSlider(Qt.Horizontal, minimum=0, maximum=0)
        self.preview_caption = QLabel(minimumWidth=110)
        preview_box = column(title(i18n.tr("Samples as it learns")), self.preview_panel,
                              row(self.preview_slider, self.preview_caption))

        # 6. quality of the previews over training time (the quality meter, see diffviz.core.quality)
        self.quality_plot = pg.PlotWidget()
        qplot = self.quality_plot.getPlotItem()
        qplot.setTitle(i18n.tr("Quality of the samples"))
        qplot.setLabel("bottom", i18n.tr("training time (s)"))
        qplot.getAxis("bottom").enableAutoSIPrefix(False)  # seconds stay seconds, never "×0.001"
        qplot.setXRange(0, QUALITY_MIN_SPAN, padding=0)
        qplot.setMenuEnabled(False)
        qplot.setMouseEnabled(x=False, y=False)
        qplot.hideButtons()
        qplot.setYRange(0, 1.02, padding=0)
        qplot.addLegend(offset=(10, 10))
        self.recognised_curve = qplot.plot(pen=pg.mkPen("#7ee787", width=2), symbol="o", symbolSize=5,
                                           symbolBrush="#7ee787", name=i18n.tr("recognised"))
        self.coverage_curve = qplot.plot(pen=pg.mkPen("#79c0ff", width=1.5), name=i18n.tr("coverage"))
        self.quality_plot.setToolTip(i18n.tr("recognised: share of the preview samples a digit classifier names "
                                             "with > 90 % confidence; coverage: how evenly the ten digits appear"))
        self._quality: list[tuple[float, float, float]] = []

        # 7. explanation
        self.explanation = ExplanationBox(i18n.tr("What is the loss?"), i18n.tr(EXPLANATION), expanded=False)

        right = splitter(Qt.Vertical, (self.amount_plot, 300), (self.quality_plot, 220))
        upper = splitter(Qt.Horizontal, (loss_box, 640), (right, 360))
        lower = splitter(Qt.Horizontal, (strip_box, 680), (preview_box, 320))
        outer = splitter(Qt.Vertical, (upper, 520), (lower, 400))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(outer, 1)
        layout.addWidget(self.explanation)

        self.smoothing_slider.valueChanged.connect(self._smoothing_changed)
        self.log_check.toggled.connect(self._log_toggled)
        self.x_combo.currentIndexChanged.connect(self._x_axis_changed)
        self.preview_slider.valueChanged.connect(self._show_preview)
        self.smoothing_label.setText(f"{self._alpha():.2f}")
        plot.setLabel("bottom", i18n.tr("step"))

    # ---------------------------------------------------------------- public API
    def reset(self, steps_per_epoch: int, total_steps: int | None) -> None:
        """Forget the previous run: empty curves, bars, strip and previews."""
        self._steps_per_epoch = max(1, int(steps_per_epoch))
        self._total_steps = total_steps
        self._x_end: float | None = None  # the x range last set (see _fit_ranges)
        self._steps, self._epochs, self._losses = Buffer(), Buffer(), Buffer()
        self._smooth = Buffer()
        self._window_amounts = np.zeros(AMOUNT_WINDOW)
        self._window_losses = np.zeros(AMOUNT_WINDOW)
        self._window_next = self._window_filled = 0
        self._latest: TrainingUpdate | None = None
        self._epoch_losses: list[float] = []
        self._previews: list[PreviewSamples] = []
        self._quality = []
        self.recognised_curve.setData([], [])
        self.coverage_curve.setData([], [])
        self.quality_plot.getPlotItem().setXRange(0, QUALITY_MIN_SPAN, padding=0)
        self._dirty = True
        self._timer.stop()
        self.strip_panel.set_image(grid_uint8(np.zeros((24, 1, CELL, CELL)), nrow=8))
        self._strip_cols.setTicks([[]])
        self.strip_caption.setText(i18n.tr("waiting for the first predictions…"))
        self.preview_panel.set_image(grid_uint8(np.zeros((16, 1, CELL, CELL)), nrow=4))
        self.preview_slider.blockSignals(True)
        self.preview_slider.setRange(0, 0)
        self.preview_slider.blockSignals(False)
        self.preview_slider.setEnabled(False)
        self.preview_caption.setText(i18n.tr("no samples yet"))
        self._redraw()

    def add_update(self, update: TrainingUpdate) -> None:
        """Append the steps of one update; the redraw timer draws them (cheap: no plotting here)."""
        self._steps.extend(update.steps)
        self._epochs.extend(update.epochs)
        self._losses.extend(update.losses)
        self._push_amounts(np.asarray(update.amounts, float).ravel(), np.asarray(update.image_losses, float).ravel())
        self._latest = update
        self._epoch_losses = list(update.epoch_losses)
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def _label_strip_rows(self, cell: int) -> None:
        """Name the strip's three rows at the centres of images ``cell`` pixels high."""
        self._strip_rows.setTicks([[(GRID_PAD + r * (cell + GRID_PAD) + cell / 2, name)
                                    for r, name in enumerate([i18n.tr("clean"), i18n.tr("corrupted"),
                                                               i18n.tr("prediction")])]])

    def set_strip(self, strip: PredictionStrip) -> None:
        """Show the fixed batch clean, corrupted at amounts 0→1, and predicted, one column per image."""
        b, cell = strip.clean.shape[0], strip.clean.shape[-1]  # the model's own image size (28 for digits)
        self.strip_panel.set_image(grid_uint8(np.concatenate([strip.clean, strip.noisy, strip.pred]), nrow=b))
        self._label_strip_rows(cell)
        self._strip_cols.setTicks([[(GRID_PAD + i * (cell + GRID_PAD) + cell / 2, f"{a:.2f}")
                                    for i, a in enumerate(np.asarray(strip.amounts, float))]])
        self.strip_caption.setText(i18n.tr("at step {step:,}").format(step=strip.step))

    def add_preview(self, preview: PreviewSamples) -> None:
        """Keep every preview; follow the newest unless the user moved the slider back."""
        following = not self._previews or self.preview_slider.value() == self.preview_slider.maximum()
        self._previews.append(preview)
        last = len(self._previews) - 1
        self.preview_slider.setEnabled(last > 0)
        self.preview_slider.setMaximum(last)
        if following:
            self.preview_slider.setValue(last)
        self._show_preview(self.preview_slider.value())

    def loss_point_count(self) -> int:
        """How many per-step losses the raw curve holds now (updated by the redraw timer)."""
        _, y = self.raw_curve.getOriginalDataset()
        return 0 if y is None else len(y)

    def add_quality(self, elapsed: float, recognised: float, coverage: float) -> None:
        """One point of the quality curve (the meter's verdict on a batch of preview samples)."""
        self._quality.append((float(elapsed), float(recognised), float(coverage)))
        t, rec, cov = np.array(self._quality).T
        self.recognised_curve.setData(t, rec)
        self.coverage_curve.setData(t, cov)
        self.quality_plot.getPlotItem().setXRange(0, quality_span(float(t.max())), padding=0)

    def quality_point_count(self) -> int:
        return len(self._quality)

    def preview_count(self) -> int:
        return len(self._previews)

    # ---------------------------------------------------------------- internals
    def _push_amounts(self, amounts: np.ndarray, losses: np.ndarray) -> None:
        """Write into a ring buffer of the last AMOUNT_WINDOW images."""
        n = min(amounts.size, losses.size)
        amounts, losses = amounts[n - min(n, AMOUNT_WINDOW):n], losses[n - min(n, AMOUNT_WINDOW):n]
        slots = (self._window_next + np.arange(amounts.size)) % AMOUNT_WINDOW
        self._window_amounts[slots] = amounts
        self._window_losses[slots] = losses
        self._window_next = (self._window_next + amounts.size) % AMOUNT_WINDOW
        self._window_filled = min(AMOUNT_WINDOW, self._window_filled + amounts.size)

    def amount_means(self) -> np.ndarray:
        """Mean loss per amount bin over the recent window (0 where a bin has no images yet)."""
        k = self._window_filled
        bins = np.clip((self._window_amounts[:k] * AMOUNT_BINS).astype(int), 0, AMOUNT_BINS - 1)
        sums = np.bincount(bins, weights=self._window_losses[:k], minlength=AMOUNT_BINS)
        counts = np.bincount(bins, minlength=AMOUNT_BINS)
        return np.divide(sums, counts, out=np.zeros(AMOUNT_BINS), where=counts > 0)

    def _x(self) -> np.ndarray:
        return (self._epochs if self.x_combo.currentIndex() == 1 else self._steps).view()

    def _alpha(self) -> float:
        return self.smoothing_slider.value() / 100

    def _redraw(self) -> None:
        """Bring every plot up to date with the buffers (runs from the timer, ≤ ~30 times a second)."""
        if not self._dirty:
            return
        self._dirty = False
        losses = self._losses.view()
        done = self._smooth.size
        if done < losses.size:  # continue the average from where it stopped: only new points cost
            start = self._smooth.data[done - 1] if done else None
            self._smooth.extend(ema(losses[done:], self._alpha(), start))
        x = self._x()
        self.raw_curve.setData(x, losses)
        self.smooth_curve.setData(x, self._smooth.view())
        self._draw_epochs()
        means = self.amount_means()
        self.amount_bars.setOpts(height=means)
        self._fit_ranges(x, losses, means)
        self._draw_stats()

    def _fit_ranges(self, x: np.ndarray, losses: np.ndarray, means: np.ndarray) -> None:
        """Keep the axes still: widen a range only when the data leaves it, narrow it when it fills < 40 %.

        The x axis spans the whole run when its length is known (an epoch budget), so it never moves.
        """
        if x.size == 0:
            return
        scale = self._steps_per_epoch if self.x_combo.currentIndex() == 1 else 1
        box = self.loss_plot.getPlotItem().getViewBox()
        box.disableAutoRange()
        (x0, x1), (y0, y1) = box.viewRange()
        end = self._total_steps / scale if self._total_steps else None
        if end is None and (x[-1] > x1 or x[-1] < 0.4 * x1):
            end = x[-1] * 1.5
        if end is not None and end != self._x_end:
            self._x_end = end
            box.setXRange(0, end * 1.04, padding=0.01)  # room for the last epoch's label
        recent = losses[-2000:]
        recent = recent[np.isfinite(recent)]
        if self.log_check.isChecked():
            recent = np.log10(recent[recent > 0])
        if recent.size:
            lo, hi = float(recent.min()), float(recent.max())
            span = max(hi - lo, 1e-9)
            if lo < y0 or hi > y1 or span < 0.4 * (y1 - y0):
                box.setYRange(lo - 0.05 * span, hi + 0.1 * span, padding=0)
        top = float(np.nanmax(means)) if np.isfinite(means).any() else 0.0
        bar_box = self.amount_plot.getPlotItem().getViewBox()
        bar_box.disableAutoRange(axis=pg.ViewBox.YAxis)
        _, (_, bar_top) = bar_box.viewRange()
        if top > 0 and (top > bar_top or top < 0.5 * bar_top):
            bar_box.setYRange(0, top * 1.15, padding=0)

    def _draw_epochs(self) -> None:
        """Epoch means as dots with their value, where each epoch ends."""
        plot = self.loss_plot.getPlotItem()
        for label in self._epoch_labels:
            plot.removeItem(label)
        self._epoch_labels = []
        losses = np.asarray(self._epoch_losses, float)
        ends = np.arange(1, losses.size + 1, dtype=float)
        if self.x_combo.currentIndex() == 0:
            ends *= self._steps_per_epoch
        self.epoch_markers.setData(ends, losses)
        log = self.log_check.isChecked()
        if losses.size > MAX_EPOCH_LABELS:  # long runs: dots only, values would overlap
            return
        for xe, loss in zip(ends, losses):
            label = pg.TextItem(f"{loss:.4f}", color="#7ee787", anchor=(0.5, 1.25), fill=(30, 31, 34, 210))
            label.setPos(xe, math.log10(loss) if log and loss > 0 else loss)
            plot.addItem(label, ignoreBounds=True)
            self._epoch_labels.append(label)

    def _draw_stats(self) -> None:
        u = self._latest
        if u is None or not self._steps.size:
            waiting = i18n.tr("waiting for training to start…")
            self.stats_label.setText(f"<span style='color:#a0a0a0'>{waiting}</span>")
            self.progress_bar.setValue(0)
            return
        step = int(self._steps.data[self._steps.size - 1])
        epoch = self._epochs.data[self._epochs.size - 1]
        # Separate facts, each translated whole, joined by " · ".
        if self._total_steps:
            steps = i18n.tr("step <b>{step:,}</b> / {total:,}").format(step=step, total=self._total_steps)
        else:
            steps = i18n.tr("step <b>{step:,}</b>").format(step=step)
        parts = [steps, i18n.tr("epoch <b>{epoch:.2f}</b>").format(epoch=epoch),
                 i18n.tr("<b>{rate:,.0f}</b> img/s").format(rate=u.images_per_sec),
                 i18n.tr("elapsed <b>{time}</b>").format(time=format_seconds(u.elapsed)),
                 i18n.tr("ETA <b>{time}</b>").format(time=format_seconds(u.eta)), f"<b>{100 * u.progress:.0f}%</b>"]
        self.stats_label.setText("&nbsp;&nbsp;·&nbsp;&nbsp;".join(parts))
        self.progress_bar.setValue(int(round(1000 * min(1.0, max(0.0, u.progress)))))

    def _smoothing_changed(self, value: int) -> None:
        """Recompute the whole smoothed curve at once (vectorised), then redraw."""
        self.smoothing_label.setText(f"{value / 100:.2f}")
        self._smooth = Buffer()
        self._smooth.extend(ema(self._losses.view(), self._alpha()))
        self._dirty = True
        self._redraw()

    def _log_toggled(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLogMode(y=on)
        self._dirty = True
        self._redraw()

    def _x_axis_changed(self, index: int) -> None:
        self.loss_plot.getPlotItem().setLabel("bottom", i18n.tr("epoch") if index == 1 else i18n.tr("step"))
        self._x_end = None  # steps <-> epochs: the range must be set again
        self._dirty = True
        self._redraw()

    def _show_preview(self, index: int) -> None:
        if not self._previews:
            return
        preview = self._previews[max(0, min(index, len(self._previews) - 1))]
        n = preview.images.shape[0]
        self.preview_panel.set_image(grid_uint8(preview.images, nrow=max(1, math.ceil(math.sqrt(n)))))
        self.preview_caption.setText(i18n.tr("step {step:,} · {elapsed}  ({index}/{count})").format(
            step=preview.step, elapsed=format_seconds(preview.elapsed), index=index + 1, count=len(self._previews)))
