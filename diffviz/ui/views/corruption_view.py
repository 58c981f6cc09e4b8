"""The corruption explorer: drag one slider and watch digits dissolve into noise.

Why its own view: the whole course rests on one line, ``noisy = (1 - amount) * x +
amount * noise``. Seeing the clean digits, the noise and their blend side by side, and
the course's figure row (eight digits at amounts 0 -> 1), makes "what the model is asked
to undo" concrete before any training happens.

Pure numpy on purpose: no model and no torch are needed to show a blend, and the noise
comes from ``numpy.random.default_rng(seed)``, so "new noise" is repeatable by seed.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout,
                               QWidget)

from diffviz.core import i18n
from diffviz.core.export import to_uint8
from diffviz.ui.widgets.images import ExplanationBox, ImagePanel, grid_uint8

SLIDER_STEPS = 100
FIGURE_COLUMNS = 8

EXPLANATION = i18n.QT_TR_NOOP("""
<p><b>The corruption</b> blends each image toward uniform noise:
<code>noisy = (1 − amount) · x + amount · noise</code>, with <code>noise = torch.rand_like(x)</code>
(uniform in [0, 1]). At amount 0 the image is untouched; at amount 1 it <i>is</i> the noise and nothing of the
digit is left, so the model can only guess.</p>
<p><b>During training</b> every image in a batch gets its own amount, drawn uniformly in [0, 1]
(<code>amount = torch.rand(B)</code>), so the model practises on every noise level at once. The amounts are
reshaped to <code>(B, 1, 1, 1)</code> so that each one broadcasts over its own image's pixels, not across the
batch. The model sees only the noisy image and must predict the clean <code>x</code> (MSE loss).</p>
""")


def _columns(n: int) -> int:
    """Grid columns for ``n`` images: a divisor of n near a wide rectangle (8 -> 4x2), else ~square."""
    root = math.sqrt(n)
    for columns in range(max(1, math.ceil(root)), int(2 * root) + 1):
        if n % columns == 0:
            return columns
    return max(1, math.ceil(root))


def _titled(title: QLabel, panel: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    title.setAlignment(Qt.AlignCenter)
    layout.addWidget(title)
    layout.addWidget(panel, 1)
    return box


class CorruptionView(QWidget):
    """Clean digits, noise and their blend at an adjustable amount, plus the course's figure row."""

    amountChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images = np.zeros((0, 1, 28, 28), np.float32)
        self._noise = self._images.copy()
        self._amount = 0.5
        self._seed = 0
        self._pool = self._images      # every training digit, for "Other digits"
        self._pool_labels: np.ndarray | None = None
        self._draws = 0                # how many times other digits were drawn (0: the first of each class)

        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setValue(round(self._amount * SLIDER_STEPS))
        self.slider.setToolTip(i18n.tr("How much of each image is replaced by noise"))
        self.value_label = QLabel()
        self.value_label.setMinimumWidth(230)
        self.new_noise_button = QPushButton(i18n.tr("New noise"))
        self.new_noise_button.setToolTip(i18n.tr("Draw fresh uniform noise (next seed)"))
        self.seed_label = QLabel()
        self.seed_label.setStyleSheet("color: #808080;")
        self.other_digits_button = QPushButton(i18n.tr("Other digits"), enabled=False)
        self.other_digits_button.setToolTip(i18n.tr("Show eight other digits of the training set"))
        self.labels_label = QLabel(alignment=Qt.AlignCenter)
        controls = QHBoxLayout()
        amount_title = QLabel(i18n.tr("<b>Amount</b>"))
        controls.addWidget(amount_title)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.value_label)
        controls.addWidget(self.new_noise_button)
        controls.addWidget(self.seed_label)

        self.clean_panel = ImagePanel(i18n.tr("clean digits x"))
        self.noise_panel = ImagePanel(i18n.tr("noise ~ U(0, 1)"))
        self.noisy_panel = ImagePanel(i18n.tr("corrupted digits"))
        self.noisy_title = QLabel()
        grids = QHBoxLayout()
        clean = _titled(QLabel(i18n.tr("<b>Clean digits</b> x")), self.clean_panel)
        under_clean = QHBoxLayout()  # the labels of the digits shown, and more of them
        under_clean.addWidget(self.labels_label, 1)
        under_clean.addWidget(self.other_digits_button)
        clean.layout().addLayout(under_clean)
        grids.addWidget(clean)
        grids.addWidget(_titled(QLabel(i18n.tr("<b>Noise</b> ~ U(0, 1)")), self.noise_panel))
        grids.addWidget(_titled(self.noisy_title, self.noisy_panel))

        figure = QGridLayout()
        figure.setSpacing(4)
        figure_title = QLabel(i18n.tr("<b>The course's figure:</b> eight digits, then the same digits corrupted at"
                                      " <code>amount = linspace(0, 1, 8)</code> &nbsp;— amount increases →"))
        figure.addWidget(figure_title, 0, 0, 1, FIGURE_COLUMNS + 1)
        for row, text in ((1, i18n.tr("Input data")), (2, i18n.tr("Corrupted\ndata"))):
            header = QLabel(text)
            header.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            figure.addWidget(header, row, 0)
        self.figure_clean: list[ImagePanel] = []
        self.figure_panels: list[ImagePanel] = []
        self.figure_amounts = np.linspace(0.0, 1.0, FIGURE_COLUMNS)
        for i, amount in enumerate(self.figure_amounts):
            for row, store in ((1, self.figure_clean), (2, self.figure_panels)):
                panel = ImagePanel(i18n.tr("amount {amount:.2f}").format(amount=amount) if row == 2
                                   else i18n.tr("clean"))
                panel.setMinimumSize(64, 64)
                figure.addWidget(panel, row, i + 1)
                store.append(panel)
            label = QLabel(i18n.tr("amount {amount:.2f}").format(amount=amount))
            label.setAlignment(Qt.AlignCenter)
            figure.addWidget(label, 3, i + 1)
            figure.setColumnStretch(i + 1, 1)

        self.explanation = ExplanationBox(i18n.tr("What the corruption does"), i18n.tr(EXPLANATION), expanded=True)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(grids, 1)
        layout.addLayout(figure, 1)
        layout.addWidget(self.explanation)

        self.slider.valueChanged.connect(self._on_slider)
        self.new_noise_button.clicked.connect(self.new_noise)
        self.other_digits_button.clicked.connect(self.other_digits)
        self._update_labels()

    # -- public API ---------------------------------------------------------------------------
    def set_images(self, images: np.ndarray, labels: np.ndarray | None = None) -> None:
        """Show these digits, (B, 1, 28, 28) floats in [0, 1], and their labels when known; the noise is redrawn
        to match."""
        images = np.asarray(images, dtype=np.float32)
        if images.ndim != 4:
            raise ValueError(f"expected images shaped (B, C, H, W), got {images.shape}")
        self._images = images
        self._draw_noise()
        self.clean_panel.set_image(self._grid(images))
        self.labels_label.setText("" if labels is None else
                                  i18n.tr("labels y: {labels}").format(labels=" ".join(str(int(y)) for y in labels)))
        self._refresh()

    def set_pool(self, images: np.ndarray, labels: np.ndarray | None = None) -> None:
        """The whole training set, from which "Other digits" draws eight at a time (a view, not a copy)."""
        self._pool, self._pool_labels = images, labels
        self.other_digits_button.setEnabled(len(images) >= 1)

    def other_digits(self) -> None:
        """Eight other digits of the training set, drawn at random without repeats (repeatable by draw)."""
        if not len(self._pool):
            return
        self._draws += 1
        rng = np.random.default_rng(self._draws)
        picks = np.sort(rng.choice(len(self._pool), min(len(self._images) or 8, len(self._pool)), replace=False))
        self.set_images(self._pool[picks], None if self._pool_labels is None else self._pool_labels[picks])

    def draws(self) -> int:
        """How many times other digits were drawn since the data arrived."""
        return self._draws

    def set_amount(self, amount: float) -> None:
        """Set the blend amount (clipped to [0, 1]); the slider follows, to its 1/100 step."""
        self._amount = float(min(max(amount, 0.0), 1.0))
        self.slider.blockSignals(True)
        self.slider.setValue(round(self._amount * SLIDER_STEPS))
        self.slider.blockSignals(False)
        self._refresh()
        self.amountChanged.emit(self._amount)

    def amount(self) -> float:
        return self._amount

    def noise(self) -> np.ndarray:
        """The current noise, same shape as the images."""
        return self._noise

    def seed(self) -> int:
        return self._seed

    def noisy_images(self) -> np.ndarray:
        """What the corrupted grid shows: ``(1 - amount) * x + amount * noise``."""
        return (1.0 - self._amount) * self._images + self._amount * self._noise

    def new_noise(self) -> None:
        """Draw fresh noise from the next seed."""
        self._seed += 1
        self._draw_noise()
        self._refresh()

    # -- internals --------------------------------------------------------------------------
    def _grid(self, images: np.ndarray) -> np.ndarray:
        return grid_uint8(images, _columns(images.shape[0]))

    def _draw_noise(self) -> None:
        rng = np.random.default_rng(self._seed)
        self._noise = rng.random(self._images.shape, dtype=np.float32)
        if len(self._noise):
            self.noise_panel.set_image(self._grid(self._noise))

    def _on_slider(self, value: int) -> None:
        self.set_amount(value / SLIDER_STEPS)

    def _update_labels(self) -> None:
        a = self._amount
        self.value_label.setText(i18n.tr("amount = <b>{amount:.2f}</b> &nbsp;({digit:.0%} digit, {noise:.0%} noise)")
                                 .format(amount=a, digit=1 - a, noise=a))
        self.noisy_title.setText(
            i18n.tr("<b>Corrupted</b> (1 − {blend:.2f})·x + {blend:.2f}·noise").format(blend=a))
        self.seed_label.setText(i18n.tr("noise seed {seed}").format(seed=self._seed))

    def _refresh(self) -> None:
        self._update_labels()
        if not len(self._images):
            return
        self.noisy_panel.set_image(self._grid(self.noisy_images()))
        count = self._images.shape[0]
        for i, (clean, panel, amount) in enumerate(zip(self.figure_clean, self.figure_panels, self.figure_amounts)):
            k = i % count  # fewer than eight images: reuse them in turn
            clean.set_image(to_uint8(self._images[k, 0]))
            blended = (1.0 - amount) * self._images[k] + amount * self._noise[k]
            panel.set_image(to_uint8(blended[0]))
