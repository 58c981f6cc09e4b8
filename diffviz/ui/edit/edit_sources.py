"""Where the Edit lab's image comes from, besides the learner's own drawing: a real bundled digit, an image
file, or one of the images of the last run on the timeline.

Why these three, and why here: the bundled digits are MNIST's 28x28 grey, so they are offered only to
a model that makes such images (for any other the row is off and its tooltip says why); an image file
is read in the model's channels and fitted into its size (``core.data.read_image_file``); and a result
of the last run is the one source that fits every model, a learner's own pipeline folder included:
sample, then hand one of its images back to the model to noise, repaint or invert. Each source puts
its image on the ``EditCanvas`` as one undoable step and leaves the mask alone, so one hole can be
tried on several images. Problems are said through the ``say`` callback (the view's message line).
No torch here (``read_image_file``'s module is imported only when a file is opened).
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from diffviz.core import i18n
from diffviz.core.errors import DataError
from diffviz.ui.edit.edit_canvas import EditCanvas
from diffviz.ui.window.actions import shortcut_text

DIGITS_SHAPE = (1, 28, 28)  # the bundled digits' shape: MNIST's
IMAGE_FILTER = i18n.QT_TR_NOOP("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff);;All files (*)")
NOTE_STYLE = "QLabel { color: #909090; }"
NO_DIGITS_TIP = i18n.QT_TR_NOOP("The real digits are not loaded yet")
# the window's Run > Sample key fills {shortcut} (``shortcut_text("run.sample")``, or ``set_sample_shortcut``);
# with no key, the text without it
NO_RUN_TIP = i18n.QT_TR_NOOP("No run yet: sample ({shortcut}) or run an edit, then take one of its images here")
NO_RUN_TIP_NO_KEY = i18n.QT_TR_NOOP("No run yet: sample or run an edit, then take one of its images here")
GROWING_TIP = i18n.QT_TR_NOOP("The last run is still being computed: take one of its images when it is done")


def is_grey(shape: tuple[int, int, int]) -> bool:
    """Whether the Edit lab calls images of ``shape`` grey (one channel) rather than colour: each text about a
    shape has a whole sentence for each, never a "grey" or "colour" put into a sentence."""
    return int(shape[0]) == 1


class ImageSources(QWidget):
    """The source rows under the canvas: "Take a real digit" (index, Random), "Take a result of the last run"
    (index, Take) and "Open image…". The view calls ``set_shape`` when the model changes, ``set_digits`` once
    real digits are at hand and ``set_last_run`` when the window's trajectory changes or a run ends."""

    def __init__(self, canvas: EditCanvas, say: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self._say = say
        self._digits: np.ndarray | None = None     # (N, 1, 28, 28) float32
        self._digit_labels: np.ndarray | None = None
        self._last_run: Any = None                 # a Trajectory (or anything with .final, .growing)
        self._rng = np.random.default_rng()
        self._sample_shortcut = shortcut_text("run.sample")  # the window's Run > Sample key, as its action shows it

        no_digits = i18n.tr(NO_DIGITS_TIP)
        self.digit_index_spin = QSpinBox(minimum=0, maximum=0, enabled=False, toolTip=no_digits)
        self.digit_index_spin.setMinimumWidth(70)
        self.random_button = QPushButton(i18n.tr("Random"), enabled=False, toolTip=no_digits)
        self.digit_info = QLabel(minimumWidth=40)
        self.digit_info.setStyleSheet(NOTE_STYLE)
        self.digit_title = QLabel(i18n.tr("Take a real digit"))
        digits = QHBoxLayout()
        digits.setSpacing(4)
        digits.addWidget(self.digit_title)
        digits.addWidget(self.digit_index_spin)
        digits.addWidget(self.random_button)
        digits.addWidget(self.digit_info)
        digits.addStretch(1)

        no_run = self._no_run_tip()
        self.result_index_spin = QSpinBox(minimum=0, maximum=0, enabled=False, toolTip=no_run)
        self.result_index_spin.setMinimumWidth(70)
        self.take_result_button = QPushButton(i18n.tr("Take"), enabled=False, toolTip=no_run)
        self.result_title = QLabel(i18n.tr("Take a result of the last run"), toolTip=no_run)
        self.open_button = QPushButton(i18n.tr("Open image…"))
        results = QHBoxLayout()
        results.setSpacing(4)
        results.addWidget(self.result_title)
        results.addWidget(self.result_index_spin)
        results.addWidget(self.take_result_button)
        results.addStretch(1)
        results.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(results)
        layout.addLayout(digits)

        self.digit_index_spin.valueChanged.connect(self.take_digit)
        self.random_button.clicked.connect(self.take_random_digit)
        self.take_result_button.clicked.connect(lambda: self.take_result(self.result_index_spin.value()))
        self.open_button.clicked.connect(self._open_dialog)
        self.set_shape(canvas.shape())

    # ----- what the window tells ---------------------------------------------------------------------
    def set_shape(self, shape: tuple[int, int, int]) -> None:
        """The model's image shape (the canvas's): the digits only for 28x28 grey, files read at this shape."""
        shape = tuple(int(side) for side in shape)
        self._shape = shape
        _, height, width = shape
        if shape == DIGITS_SHAPE:
            tip = i18n.tr("Load a picture: made grey, fitted into 28x28 and, if it is dark on light, inverted to "
                          "MNIST's light on dark")
        elif is_grey(shape):
            tip = i18n.tr("Load a picture: fitted into the model's {height}x{width} grey (made grey; dark on light "
                          "is inverted)")
        else:
            tip = i18n.tr("Load a picture: fitted into the model's {height}x{width} colour, in its colours")
        self.open_button.setToolTip(tip.format(height=height, width=width))
        self._refresh_digits()
        self._refresh_result()

    def set_sample_shortcut(self, shortcut: str) -> None:
        """The window's Run > Sample shortcut as its action shows it (``QKeySequence.NativeText``; by default the
        window's table's, ``actions.shortcut_text``), said in the "no run yet" tip; empty: the tip names no key."""
        self._sample_shortcut = str(shortcut)
        self._refresh_result()

    def set_digits(self, images: np.ndarray, labels: np.ndarray | None = None) -> None:
        """Real digits to take from: (N, 1, 28, 28) float32 in [0, 1], with their labels (or None)."""
        array = np.asarray(images, dtype=np.float32)
        if array.ndim == 3:
            array = array[:, None]
        if array.ndim != 4 or array.shape[1:] != DIGITS_SHAPE:
            raise ValueError(f"the digits must be shaped (N, 1, 28, 28), got {array.shape}")
        self._digits = array
        self._digit_labels = None if labels is None else np.asarray(labels).reshape(-1)
        self.digit_index_spin.blockSignals(True)
        self.digit_index_spin.setRange(0, max(len(array) - 1, 0))
        self.digit_index_spin.blockSignals(False)
        self.digit_info.setText("")
        self._refresh_digits()

    def set_last_run(self, trajectory: Any) -> None:
        """The run on the timeline now (a ``Trajectory``, or None): its final images can be taken once it is
        complete and of the canvas's shape. Called again when it ends (the same object, now complete)."""
        self._last_run = trajectory
        self._refresh_result()

    # ----- taking ------------------------------------------------------------------------------------
    def take_digit(self, index: int) -> None:
        """Put real digit ``index`` on the canvas (undoable; the mask stays, to try several digits with one hole)."""
        if not self._digits_fit() or not 0 <= index < len(self._digits):
            return
        if self.digit_index_spin.value() != index:
            self.digit_index_spin.blockSignals(True)
            self.digit_index_spin.setValue(index)
            self.digit_index_spin.blockSignals(False)
        self.canvas.set_image(np.clip(self._digits[index, 0], 0.0, 1.0))
        label = None if self._digit_labels is None or index >= len(self._digit_labels) else self._digit_labels[index]
        self.digit_info.setText("" if label is None else i18n.tr("a {digit}").format(digit=int(label)))

    def take_random_digit(self) -> None:
        if self._digits_fit() and len(self._digits):
            self.take_digit(int(self._rng.integers(len(self._digits))))

    def take_result(self, index: int = 0) -> bool:
        """Put image ``index`` of the last run's result on the canvas (undoable; the mask stays). Why it cannot
        is said in the message line; True when it was taken."""
        why = self._result_unavailable()
        if why:
            self._say(why)
            return False
        final = np.asarray(self._last_run.final, np.float32)
        if not 0 <= index < len(final):
            self._say(i18n.tr("The last run made %n image(s): take one of 0 to {last}", None, len(final))
                      .format(last=len(final) - 1))
            return False
        self.result_index_spin.setValue(index)
        self.canvas.set_image(np.clip(final[index], 0.0, 1.0))
        self.digit_info.setText("")
        self._say("")
        return True

    def open_image_file(self, path) -> bool:
        """Load an image file onto the canvas in the model's channels and size (what "Open image…" does after
        its dialog). An unreadable file is said in the message line and changes nothing. True when it loaded."""
        from diffviz.core.data import read_image_file  # that module imports torch: only when a file is opened

        channels, size, _ = self._shape
        try:
            pixels = read_image_file(path, channels=channels, size=size)
        except DataError as exc:
            self._say(str(exc))
            return False
        pixels = np.asarray(pixels, np.float32) / 255.0
        self.canvas.set_image(pixels if pixels.ndim == 2 else np.moveaxis(pixels, -1, 0))
        self.digit_info.setText("")
        self._say("")
        return True

    # ----- internals ---------------------------------------------------------------------------------
    def _digits_fit(self) -> bool:
        return self._digits is not None and self._shape == DIGITS_SHAPE

    def _refresh_digits(self) -> None:
        loaded = self._digits is not None and len(self._digits) > 0
        usable = loaded and self._shape == DIGITS_SHAPE
        if not loaded:
            tip = i18n.tr(NO_DIGITS_TIP)
        elif not usable:
            _, height, width = self._shape
            tip = (i18n.tr("The bundled digits are 28x28 grey and this model makes {height}x{width} grey images: "
                           "take a result of the last run, open an image file or draw one")
                   if is_grey(self._shape) else
                   i18n.tr("The bundled digits are 28x28 grey and this model makes {height}x{width} colour images: "
                           "take a result of the last run, open an image file or draw one")
                   ).format(height=height, width=width)
        else:
            tip = None
        for widget in (self.digit_index_spin, self.random_button, self.digit_title):
            widget.setEnabled(usable)
        self.digit_index_spin.setToolTip(
            tip or i18n.tr("Which of the {count} real digits to put on the canvas").format(count=len(self._digits)))
        self.random_button.setToolTip(tip or i18n.tr("Put a randomly chosen real digit on the canvas"))
        self.digit_title.setToolTip(tip or "")

    def _result_unavailable(self) -> str:
        """Why no image of the last run can be taken now; empty when one can."""
        run = self._last_run
        if run is None:
            return self._no_run_tip()
        if getattr(run, "growing", False):
            return i18n.tr(GROWING_TIP)
        shape = tuple(np.asarray(run.final).shape[1:])
        if shape != self._shape:
            # a whole sentence for each pair of grey and colour, never a phrase put into a sentence
            texts = {
                (True, True): i18n.tr("The last run's images are {run_height}x{run_width} grey; this model makes "
                                      "{height}x{width} grey images: sample with it first"),
                (True, False): i18n.tr("The last run's images are {run_height}x{run_width} grey; this model makes "
                                       "{height}x{width} colour images: sample with it first"),
                (False, True): i18n.tr("The last run's images are {run_height}x{run_width} colour; this model makes "
                                       "{height}x{width} grey images: sample with it first"),
                (False, False): i18n.tr("The last run's images are {run_height}x{run_width} colour; this model "
                                        "makes {height}x{width} colour images: sample with it first")}
            return texts[is_grey(shape), is_grey(self._shape)].format(
                run_height=shape[-2], run_width=shape[-1], height=self._shape[1], width=self._shape[2])
        return ""

    def _no_run_tip(self) -> str:
        if self._sample_shortcut:
            return i18n.tr(NO_RUN_TIP).format(shortcut=self._sample_shortcut)
        return i18n.tr(NO_RUN_TIP_NO_KEY)

    def _refresh_result(self) -> None:
        why = self._result_unavailable()
        count = 0 if why else len(self._last_run.final)
        self.result_index_spin.setRange(0, max(count - 1, 0))
        for widget in (self.result_index_spin, self.take_result_button):
            widget.setEnabled(not why)
        self.result_index_spin.setToolTip(why or i18n.tr("Which of the last run's %n image(s) to take", None, count))
        self.take_result_button.setToolTip(why or i18n.tr("Put that image of the last run on the canvas: hand the "
                                                          "model one of its own results to edit"))
        self.result_title.setToolTip(why or self.take_result_button.toolTip())

    def _open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, i18n.tr("Open an image"), "", i18n.tr(IMAGE_FILTER))
        if path:
            self.open_image_file(path)
