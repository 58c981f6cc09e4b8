"""The feature-map inspector: every channel of one layer, for one step and one sample.

Why one mosaic image: a 64-channel layer as 64 ImageItems costs 64 scene items to lay
out and repaint on every scrub; tiling the channels in numpy and colouring them through
the colour map's lookup table gives one RGBA array and one ``setImage``, a few ms a frame.
RGBA rather than RGB or an indexed image: Qt paints a scaled RGBA8888 image 2.5-4x
faster (measured 0.4 vs 1.0 ms for RGB888, 1.6 ms for Indexed8 at 600x600).

Colour range: "shared" uses one scale (min..max of the maps on screen) for every
channel, so brightness compares between channels and a quiet channel looks quiet;
"per-channel" stretches each channel to its own min..max, which shows the pattern of
weak channels but hides how weak they are. The statistics plot's y axis changes only
when the data leaves it or shrinks to under half of it, so it does not jump while scrubbing.

Attention layers (``core.attention``) are drawn the same way, with one tile per query position
instead of per channel, laid out as the image's own grid, so the mosaic is a picture of where each
part of the image looks; the enlarged tile marks its own position in red.

Two sources: the sampling trajectory (follows the timeline), or a training image
corrupted by a chosen amount, whose maps a provider from the main window computes.

A run still being sampled is inspected as it grows, like the timeline does it: the view keeps its
own count of the frames made (read on ``set_trajectory`` and ``frames_arrived``), shows a frame asked
for beyond it as the newest made one (and the asked one once it is made), and says
``computing… 13 of 41 frames`` in its title; the finished or stopped run that continues it keeps the
frame, layer, sample and channel on screen.
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGraphicsRectItem, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QSlider, QSpinBox, QStackedWidget, QVBoxLayout, QWidget)

from diffviz.core import i18n
from diffviz.core.captions import status_text
from diffviz.core.export import normalise, tile_grid, to_uint8
from diffviz.core.models.facts import ModelFacts
from diffviz.core.trajectory import Trajectory
from diffviz.ui.widgets.images import ExplanationBox, ImagePanel

TrainingProvider = Callable[[float, int], dict[str, np.ndarray]]
COLORMAPS = ("viridis", "inferno", "magma", "cividis", "CET-L1")
PAD = 1
BACKGROUND = np.array([40, 41, 45, 255], dtype=np.uint8)
NO_FEATURES = i18n.QT_TR_NOOP("Sample with feature capture to inspect layers.")
SCRUB = i18n.QT_TR_NOOP("""
<p>Scrub the timeline: early, from pure noise, the maps are busy and the prediction blurry; as x
settles they sharpen into the strokes of one digit. Click a tile to enlarge that channel.</p>
""")


def stats_label(attention: bool) -> str:
    """The statistics plot's axis label: what one bar is (a channel, or an attention map's query position)."""
    if attention:
        return i18n.tr('position (click one to enlarge) · <span style="color:#6f9fdf">bars: mean ± std</span>'
                       ' · <span style="color:#ffb347">dots: max</span>')
    return i18n.tr('channel (click one to enlarge) · <span style="color:#6f9fdf">bars: mean ± std</span>'
                   ' · <span style="color:#ffb347">dots: max</span>')


def attention_grid(queries: int) -> tuple[int, int]:
    """(rows, columns) of an attention map's query positions: the square grid of the image they come from,
    so the tile at row r, column c of the mosaic is where the image's position (r, c) looks."""
    side = math.isqrt(queries)
    return (side, side) if side * side == queries else (1, queries)


def mosaic_columns(channels: int) -> int:
    """A power of two near sqrt(C): 32 channels -> 8 x 4, 64 -> 8 x 8 (wide rather than tall)."""
    if channels <= 1:
        return 1
    return min(channels, 2 ** math.ceil(math.log2(math.sqrt(channels))))


def channel_mosaic(normed: np.ndarray, lut: np.ndarray, columns: int, pad: int = PAD) -> np.ndarray:
    """Colour (C, H, W) values in [0, 1] through ``lut`` (256, 4) and tile them: one (rows, cols, 4) uint8.

    The layout is the export's ``tile_grid`` (so tile k sits where ``_on_mosaic_click`` looks for it),
    on the view's background colour.
    """
    return tile_grid(lut[to_uint8(normed)], columns, pad, fill=BACKGROUND)


class InspectorView(QWidget):
    """Channels of one layer as a colour-mapped mosaic, with statistics and one channel enlarged."""

    layerChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._traj: Trajectory | None = None
        self._frame = 0                      # the frame asked for (the timeline's)
        self._made = 0                       # frames of the trajectory known to be made: none at or past it is read
        self._layer: str | None = None       # on screen
        self._preferred: str | None = None   # the user's last choice, kept across sources without it
        self._channel = 0
        self._provider: TrainingProvider | None = None
        self._training_maps: dict[str, np.ndarray] = {}
        self._model_notes: dict[str, str] = {}  # the current model's notes, for the training-batch source
        self._model_attention: tuple[str, ...] = ()  # and which of its layers are attention weights
        self._maps: np.ndarray | None = None
        self._stats: np.ndarray | None = None
        self._lut = pg.colormap.get(COLORMAPS[0]).getLookupTable(nPts=256, alpha=True)
        self._range = (0.0, 1.0)
        self._stats_view: tuple[float, ...] = ()
        self._geometry = (1, 1, 1)  # (columns, tile height, tile width) of the mosaic on screen
        self._build()
        self._refresh_layers()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.mode_combo = QComboBox(toolTip=i18n.tr("Where the maps come from: the sampling run on the timeline, "
                                                    "or a training image corrupted by a chosen amount"))
        self.mode_combo.addItems([i18n.tr("Sampling trajectory"), i18n.tr("Training batch")])  # by index
        self.mode_combo.model().item(1).setEnabled(False)  # until a provider is set
        self.layer_list = QListWidget()
        self.layer_note = QLabel(wordWrap=True, alignment=Qt.AlignTop | Qt.AlignLeft)
        self.layer_note.setStyleSheet("QLabel { color: #909090; }")
        self.layer_note.setMinimumHeight(90)  # five lines: UNet2DModel blocks say more than a conv
        self.sample_spin = QSpinBox(toolTip=i18n.tr("Which image of the trajectory"))
        self.amount_slider = QSlider(Qt.Horizontal, minimum=0, maximum=100, value=50)
        self.amount_label = QLabel("0.50")
        self.index_spin = QSpinBox(minimum=0, maximum=9999, toolTip=i18n.tr("Which training image"))
        self.colormap_combo = QComboBox()
        self.colormap_combo.addItems(COLORMAPS)
        self.range_combo = QComboBox(toolTip=i18n.tr("Shared: one colour scale for every channel at this step. "
                                                     "Per-channel: each channel stretched to its own min..max."))
        self.range_combo.addItems([i18n.tr("shared range"), i18n.tr("per-channel range")])  # by index
        self._amount_row = QHBoxLayout()
        self._amount_row.addWidget(self.amount_slider, 1)
        self._amount_row.addWidget(self.amount_label)
        self._form = QFormLayout()
        self._form.addRow(i18n.tr("Source"), self.mode_combo)
        self._form.addRow(self.layer_list)
        for label, field in [(i18n.tr("Sample", "which image of a run, a noun"), self.sample_spin),
                             (i18n.tr("Noise amount"), self._amount_row), (i18n.tr("Image"), self.index_spin),
                             (i18n.tr("Colours"), self.colormap_combo), (i18n.tr("Range"), self.range_combo)]:
            self._form.addRow(label, field)
        self._form.addRow(self.layer_note)
        sidebar = QWidget(fixedWidth=250)
        sidebar_layout = QVBoxLayout(sidebar)
        sidebar_layout.setContentsMargins(0, 0, 0, 0)
        sidebar_layout.addLayout(self._form)
        sidebar_layout.addStretch(1)

        self.title = QLabel()
        self.title.setFixedHeight(max(22, self.title.fontMetrics().height() + 6))  # one line, in any script
        self.mosaic_panel = ImagePanel(i18n.tr("every channel of the layer; click one to enlarge it"))
        self.channel_panel = ImagePanel(i18n.tr("one channel, enlarged"))
        # Fixed heights: a new caption each frame must not re-lay out the images.
        self.channel_label = QLabel(alignment=Qt.AlignCenter)
        self.channel_label.setFixedHeight(max(40, 2 * self.channel_label.fontMetrics().lineSpacing() + 6))  # two lines
        self.highlight = QGraphicsRectItem()
        pen = QPen(pg.mkColor("#ff5c5c"), 2)
        pen.setCosmetic(True)
        self.highlight.setPen(pen)
        self.highlight.setZValue(10)
        self.mosaic_panel.view.addItem(self.highlight)
        self.query_marker = QGraphicsRectItem()  # on an attention tile enlarged: the position that looks
        marker_pen = QPen(pg.mkColor("#ff5c5c"), 2)
        marker_pen.setCosmetic(True)
        self.query_marker.setPen(marker_pen)
        self.query_marker.setZValue(10)
        self.channel_panel.view.addItem(self.query_marker)
        enlarged = QVBoxLayout()
        enlarged.addWidget(self.channel_panel, 1)
        enlarged.addWidget(self.channel_label)
        pictures = QHBoxLayout()
        pictures.addWidget(self.mosaic_panel, 3)
        pictures.addLayout(enlarged, 2)

        self.stats_plot = pg.PlotWidget()
        self.stats_plot.setFixedHeight(140)
        self.stats_plot.setMouseEnabled(x=False, y=False)
        self.stats_plot.hideButtons()
        self.stats_plot.setMenuEnabled(False)
        plot = self.stats_plot.getPlotItem()
        plot.setLabel("bottom", stats_label(False))
        self.mean_bars = pg.BarGraphItem(x=[0], height=[0], width=0.8, brush="#4f7fbf", pen=None)
        self.std_bars = pg.ErrorBarItem(x=np.zeros(1), y=np.zeros(1), height=np.zeros(1), pen="#c0c0c0", beam=0)
        self.max_dots = pg.ScatterPlotItem(size=5, brush="#ffb347", pen=None)
        self.channel_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#ff5c5c", width=1.5))
        for item in (self.mean_bars, self.std_bars, self.max_dots, self.channel_line):
            plot.addItem(item)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.title)
        content_layout.addLayout(pictures, 1)
        content_layout.addWidget(self.stats_plot)
        self.placeholder = QLabel(i18n.tr(NO_FEATURES), alignment=Qt.AlignCenter, wordWrap=True)
        self.placeholder.setStyleSheet("QLabel { font-size: 15px; color: #a0a0a0; }")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(content)
        top = QHBoxLayout()
        top.addWidget(sidebar)
        top.addWidget(self.stack, 1)
        self.explanation = ExplanationBox(i18n.tr("What is a feature map?"), i18n.tr(SCRUB))
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.explanation)

        self.mode_combo.currentIndexChanged.connect(self._on_mode)
        self.layer_list.currentItemChanged.connect(self._on_layer_item)
        self.sample_spin.valueChanged.connect(self._redraw)
        self.amount_slider.valueChanged.connect(self._on_training_input)
        self.index_spin.valueChanged.connect(self._on_training_input)
        self.colormap_combo.currentIndexChanged.connect(lambda index: self._on_colormap(COLORMAPS[index]))  # by key
        self.range_combo.currentIndexChanged.connect(self._redraw)
        self.mosaic_panel.clicked.connect(self._on_mosaic_click)
        self.stats_plot.scene().sigMouseClicked.connect(self._on_stats_click)
        self._show_mode_rows()

    # ------------------------------------------------------------- public API
    def set_trajectory(self, traj: Trajectory | None) -> None:
        """Inspect a new trajectory from frame 0 (keeps the chosen layer when it has one of that name); one
        that continues the growing run on screen (its finished or stopped run) keeps the frame too."""
        continuing = (traj is not None and self._traj is not None and self._made < self._traj.n_frames
                      and traj.continues(self._traj))
        self._traj = traj
        self._made = 0 if traj is None else traj.frames_made
        if not continuing:
            self._frame = 0
        k = traj.features[traj.layer_names[0]].shape[1] if traj is not None and traj.features else 1
        self.sample_spin.blockSignals(True)
        self.sample_spin.setRange(0, k - 1)
        self.sample_spin.blockSignals(False)
        self._refresh_layers()

    def frames_arrived(self) -> None:
        """More frames of the trajectory are made: say so, and show the asked-for frame once it is made."""
        if self._traj is None or self._made >= self._traj.n_frames:
            return
        before = self._shown_frame()
        self._made = self._traj.frames_made
        if self._training_mode():
            return
        if self._shown_frame() != before:
            self._redraw()
        elif self._maps is not None:
            self.title.setText(self._title_text())

    def frames_made(self) -> int:
        """How many frames this view counts as made: it reads none at or past this one."""
        return self._made

    def set_model_facts(self, facts: ModelFacts | None) -> None:
        """The current model's own words: the explanation, and the layer notes for training-batch maps
        (a trajectory's maps carry the notes of the model that made them)."""
        self._model_notes = dict(facts.notes) if facts is not None else {}
        self._model_attention = facts.attention_layers if facts is not None else ()
        features = i18n.tr(facts.features_html) if facts is not None and facts.features_html else ""
        self.explanation.body.setText(features + i18n.tr(SCRUB))  # two paragraphs, each translated whole
        self.refresh()

    def layer_note_text(self) -> str:
        """The note on the layer on screen, from the model that made its maps, in the language shown."""
        if self._training_mode() or self._traj is None:
            note = self._model_notes.get(self._layer, "")
        else:
            note = self._traj.layer_notes.get(self._layer, "")
        return i18n.tr(note) if note else ""

    def set_frame(self, i: int) -> None:
        self._frame = int(i)
        if not self._training_mode():
            self._redraw()

    def select_layer(self, name: str) -> None:
        """Show layer ``name``; remembered and applied later if the current source lacks it."""
        self._preferred = name
        for row in range(self.layer_list.count()):
            if self.layer_list.item(row).data(Qt.UserRole) == name:
                self.layer_list.setCurrentRow(row)
                return

    def layer(self) -> str | None:
        return self._layer

    def set_sample(self, k: int) -> None:
        self.sample_spin.setValue(int(k))

    def set_per_channel_range(self, per_channel: bool) -> None:
        self.range_combo.setCurrentIndex(1 if per_channel else 0)

    def select_channel(self, channel: int) -> None:
        """Enlarge one channel of the current layer."""
        if self._maps is not None and 0 <= channel < self._maps.shape[0]:
            self._channel = int(channel)
            self._draw_channel()

    def current_maps(self) -> np.ndarray | None:
        """The (C, H, W) float32 maps on screen, or None."""
        return self._maps

    def channel_stats(self) -> np.ndarray | None:
        """(C, 3): mean, std and max of each channel on screen."""
        return self._stats

    def set_training_provider(self, provider: TrainingProvider | None, count: int | None = None) -> None:
        """Enable the "Training batch" source: ``provider(amount, index)`` -> {layer: (C, H, W)}."""
        self._provider = provider
        self.mode_combo.model().item(1).setEnabled(provider is not None)
        if count is not None:
            self.index_spin.setMaximum(max(0, count - 1))
        if provider is None:
            self._training_maps = {}
            if self._training_mode():
                self.mode_combo.setCurrentIndex(0)
        self.refresh()

    def set_training_mode(self, training: bool) -> None:
        self.mode_combo.setCurrentIndex(1 if training else 0)

    def refresh(self) -> None:
        """Redraw; in training mode ask the provider again (e.g. after the model has trained further)."""
        if self._training_mode():
            self._on_training_input()
        else:
            self._redraw()

    def is_attention(self, name: str | None) -> bool:
        """True when layer ``name`` of the active source holds attention weights (``core.attention``): each
        "channel" is then one query position's map of where it looks, laid out as the image's grid."""
        if self._training_mode() or self._traj is None:
            return name in self._model_attention
        return name in self._traj.attention_layers

    # --------------------------------------------------------------- internals
    def _training_mode(self) -> bool:
        return self.mode_combo.currentIndex() == 1

    def _source(self) -> dict[str, np.ndarray]:
        """Layer name -> maps of the active source (trajectory features, or the last training maps)."""
        if self._training_mode():
            return self._training_maps
        return self._traj.features if self._traj is not None else {}

    def _refresh_layers(self) -> None:
        """Refill the layer list for the active source and select the remembered layer (or the first)."""
        names = list(self._source())
        wanted = next((n for n in (self._preferred, self._layer) if n in names), names[0] if names else None)
        self.layer_list.blockSignals(True)
        self.layer_list.clear()
        for name in names:
            c, h, w = self._source()[name].shape[-3:]
            text = (i18n.tr("{name} · attention {height}×{width}").format(name=name, height=h, width=w)
                    if self.is_attention(name) else f"{name} · {c}×{h}×{w}")
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, name)
            self.layer_list.addItem(item)
            if name == wanted:
                self.layer_list.setCurrentItem(item)
        self.layer_list.blockSignals(False)
        rows = max(self.layer_list.count(), 3)
        self.layer_list.setFixedHeight(rows * max(self.layer_list.sizeHintForRow(0), 14)
                                       + 2 * self.layer_list.frameWidth() + 4)
        if wanted is not None and wanted != self._layer:
            self._layer = wanted
            self.layerChanged.emit(wanted)
        self._redraw()

    def _on_layer_item(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        name = item.data(Qt.UserRole)
        changed = name != self._layer
        self._layer = self._preferred = name
        if changed:
            self.layerChanged.emit(name)
        self._redraw()

    def _on_mode(self) -> None:
        self._show_mode_rows()
        if self._training_mode():
            self._on_training_input()
        else:
            self._refresh_layers()

    def _show_mode_rows(self) -> None:
        training = self._training_mode()
        self._form.setRowVisible(self.sample_spin, not training)
        self._form.setRowVisible(self._amount_row, training)
        self._form.setRowVisible(self.index_spin, training)

    def _on_training_input(self) -> None:
        amount = self.amount_slider.value() / 100.0
        self.amount_label.setText(f"{amount:.2f}")
        if not self._training_mode():
            return
        if self._provider is not None:
            maps = self._provider(amount, self.index_spin.value())
            self._training_maps = {name: np.asarray(m, dtype=np.float32) for name, m in maps.items()}
        self._refresh_layers()

    def _on_colormap(self, name: str) -> None:
        cmap = pg.colormap.get(name)
        self._lut = cmap.getLookupTable(nPts=256, alpha=True)
        self._redraw()

    def _current_source_maps(self) -> np.ndarray | None:
        source = self._source()
        if self._layer not in source:
            return None
        if self._training_mode():
            return source[self._layer]
        layer = source[self._layer]
        frame = self._shown_frame()
        sample = min(self.sample_spin.value(), layer.shape[1] - 1)
        return layer[frame, sample].astype(np.float32)

    def _shown_frame(self) -> int:
        """The frame on screen: the one asked for, at most the newest made one."""
        return min(max(self._frame, 0), max(self._made - 1, 0))

    def _title_text(self) -> str:
        c, h, w = self._maps.shape
        # The title is a list of facts, each translated whole, joined by " · ".
        if self._training_mode():
            where = [i18n.tr("training image {index} at noise amount {amount:.2f}").format(
                index=self.index_spin.value(), amount=self.amount_slider.value() / 100)]
        else:
            where = [i18n.tr("frame {frame} · sample {sample}").format(frame=self._shown_frame(),
                                                                       sample=self.sample_spin.value())]
            traj = self._traj
            if traj is not None and self._made < traj.n_frames:
                computing = i18n.tr("computing… {made} of {total} frames").format(made=self._made,
                                                                                 total=traj.n_frames)
                where.append(f"<span style='color:#b86a00'>{computing}</span>")
            elif traj is not None and traj.stopped:
                where.append(f"<span style='color:#707070'>{status_text(traj)}</span>")
        if self.range_combo.currentIndex() == 1:
            scale = i18n.tr("each tile its own range")
        else:
            scale = i18n.tr("shared range [{low:.2f}, {high:.2f}]").format(low=self._range[0], high=self._range[1])
        if self.is_attention(self._layer):
            rows, columns = attention_grid(c)
            what = i18n.tr("attention: where each of {rows}×{columns} positions looks, over {height}×{width}").format(
                rows=rows, columns=columns, height=h, width=w)
        else:
            what = i18n.tr("%n channel(s) of {height}×{width}", None, c).format(height=h, width=w)
        return " · ".join([f"<b>{self._layer}</b>", what, *where, scale])

    def _redraw(self) -> None:
        """Draw the mosaic, the statistics and the enlarged channel for the current selection."""
        maps = self._current_source_maps()
        self._maps = maps
        if maps is None:
            self._stats = None
            if self._training_mode():
                text = (i18n.tr("No training data connected.") if self._provider is None
                        else i18n.tr("No maps for this layer."))
            elif self._traj is None:
                text = i18n.tr(NO_FEATURES)
            else:
                text = i18n.tr("This trajectory has no feature maps. Sample with feature capture to inspect layers.")
            self.placeholder.setText(text)
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        c, h, w = maps.shape
        per_channel = self.range_combo.currentIndex() == 1
        self._range = (float(maps.min()), float(maps.max()))
        attention = self.is_attention(self._layer)
        columns = attention_grid(c)[1] if attention else mosaic_columns(c)
        self._geometry = (columns, h, w)
        self.stats_plot.getPlotItem().setLabel("bottom", stats_label(attention))
        self.mosaic_panel.set_image(channel_mosaic(normalise(maps, per_channel, self._range), self._lut, columns))
        self._stats = np.stack([maps.mean(axis=(1, 2)), maps.std(axis=(1, 2)), maps.max(axis=(1, 2))], axis=1)
        self._draw_stats()
        self._channel = min(self._channel, c - 1)
        self._draw_channel()
        note = self.layer_note_text()
        self.layer_note.setText(note)
        self.layer_note.setToolTip(note)
        self.title.setText(self._title_text())

    def _draw_stats(self) -> None:
        stats = self._stats
        x = np.arange(stats.shape[0], dtype=np.float64)
        self.mean_bars.setOpts(x=x, height=stats[:, 0])
        self.std_bars.setData(x=x, y=stats[:, 0], height=2 * stats[:, 1])
        self.max_dots.setData(x=x, y=stats[:, 2])
        # Rescale the y axis only when the data leaves it or shrinks to under half of it:
        # steady axes while scrubbing, and tick labels are the dearest part of a repaint.
        low = min(0.0, float((stats[:, 0] - stats[:, 1]).min()))
        high = max(float(stats[:, 2].max()), low + 1e-3)
        shown = self._stats_view
        if not shown or shown[0] != stats.shape[0] or high > shown[2] or high < 0.5 * shown[2] \
                or low < shown[1] or low > 0.5 * shown[1]:
            self._stats_view = (stats.shape[0], low * 1.15, high * 1.15)
            plot = self.stats_plot.getPlotItem()
            plot.setXRange(-0.6, stats.shape[0] - 0.4, padding=0)
            plot.setYRange(low * 1.15, high * 1.15, padding=0)

    def _draw_channel(self) -> None:
        maps, k = self._maps, self._channel
        if maps is None:
            return
        channel = maps[k]
        low, high = float(channel.min()), float(channel.max())
        levels = (low, high) if self.range_combo.currentIndex() == 1 else self._range
        self.channel_panel.set_image(self._lut[to_uint8(channel, *levels)])
        mean, std, _ = self._stats[k]
        columns, h, w = self._geometry
        row, col = divmod(k, columns)
        if self.is_attention(self._layer):
            rows = attention_grid(maps.shape[0])[0]
            cell_h, cell_w = h / rows, w / columns
            self.query_marker.setRect(col * cell_w, row * cell_h, cell_w, cell_h)
            self.query_marker.setVisible(True)
            self.channel_label.setText(i18n.tr(
                "<b>position row {row}, column {column}</b> (red) of {rows}×{columns} · its strongest weight "
                "{high:.3f}<br>uniform would be {uniform:.4f} everywhere").format(
                row=row, column=col, rows=rows, columns=columns, high=high, uniform=1 / (h * w)))
        else:
            self.query_marker.setVisible(False)
            self.channel_label.setText(i18n.tr("<b>channel {channel}</b> of {count} · range [{low:.3f}, {high:.3f}]"
                                               "<br>mean {mean:.3f} · std {std:.3f}").format(
                channel=k, count=maps.shape[0], low=low, high=high, mean=mean, std=std))
        self.highlight.setRect(PAD + col * (w + PAD) - 0.5, PAD + row * (h + PAD) - 0.5, w + 1, h + 1)
        self.channel_line.setValue(k)

    def _on_mosaic_click(self, y: int, x: int) -> None:
        columns, h, w = self._geometry
        tile_row, inside_y = divmod(y - PAD, h + PAD)
        tile_column, inside_x = divmod(x - PAD, w + PAD)
        if y < PAD or x < PAD or inside_y >= h or inside_x >= w or tile_column >= columns:
            return  # a click on the gaps between tiles
        self.select_channel(tile_row * columns + tile_column)

    def _on_stats_click(self, event) -> None:
        plot = self.stats_plot.getPlotItem()
        if self._maps is None or not plot.sceneBoundingRect().contains(event.scenePos()):
            return
        x = plot.vb.mapSceneToView(event.scenePos()).x()
        self.select_channel(int(round(x)))
