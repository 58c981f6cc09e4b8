"""The control panel: data source and image shape, hyperparameters and seed, Train / Pause / Stop, Sample,
model files.

It only collects settings and emits requests; the main window decides what runs. What the
buttons allow and which model the panel names follow the app state (``follow``): the panel
never decides that it is paused, the state tells it.
Values are range-limited by the widgets themselves (a batch of 0 or a negative learning
rate cannot be typed), and remembered between sessions through QSettings.

The panel is on screen before the engine (PyTorch) has loaded, so it knows the recipes from the
torch-free ``core.recipe_facts``; while the engine loads, a note at the top says so, the model
buttons wait, and Train and Sample stay clickable: a click is queued (the state's ``waiting``) and
the button says so until the engine runs it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QToolButton, QVBoxLayout, QWidget)

from typing import TYPE_CHECKING

from diffviz.core import i18n
from diffviz.core.guidance import EVERYWHERE, MAX_GUIDANCE
from diffviz.core.names import DEFAULT_RECIPE, PRECISION_CHOICES
from diffviz.core.recipe_facts import RECIPE_FACTS
from diffviz.ui.window.actions import shortcut_text
from diffviz.ui.window.app_state import ENGINE_FAILED, ENGINE_LOADING, IDLE, TRAINING, AppState

if TYPE_CHECKING:
    from diffviz.core.training import TrainConfig

# (what the box lists, marked for translation and shown with ``i18n.tr``; the source's key)
DATA_SOURCES = [
    (i18n.QT_TR_NOOP("Bundled MNIST (10,000 digits)"), "bundled"),
    (i18n.QT_TR_NOOP("Full MNIST (folder)"), "mnist"),
    (i18n.QT_TR_NOOP("Fashion-MNIST (folder)"), "fashion-mnist"),
    (i18n.QT_TR_NOOP("My images (folder)"), "folder"),
]
# A folder of one's own images can be read at another shape (``core.data.load_source``'s channels and size);
# the first entry of each is MNIST's grey 28 px, what every other source holds
IMAGE_CHANNELS = ((i18n.QT_TR_NOOP("grey (1 channel)"), 1), (i18n.QT_TR_NOOP("colour (3 channels)"), 3))
IMAGE_SIZES = (28, 32, 48, 64, 96, 128)
SHAPED_SOURCE = "folder"
# The tooltips and notes, marked for translation: the panel shows ``i18n.tr`` of them
CHANNELS_TIP = i18n.QT_TR_NOOP("How each image is read. grey: one brightness per pixel, like MNIST. colour: red, "
                               "green and blue per pixel, so the network takes and makes 3 channels and draws in "
                               "colour. Not every recipe learns colour or other sizes: Train says so if yours does "
                               "not.")
SIZE_TIP = i18n.QT_TR_NOOP("The square each image is fitted into, keeping its proportions (28 px: MNIST's). A larger "
                           "square keeps more detail, but twice the side is four times the pixels: each training "
                           "step is slower.")
SHAPE_FIXED_TIP = i18n.QT_TR_NOOP("The bundled digits, MNIST and Fashion-MNIST are 28x28 grey images, read as they "
                                  "are: a colour or size choice is for your own images (My images).")
ENGINE_LOADING_NOTE = i18n.QT_TR_NOOP("<b>Loading the engine…</b><br>PyTorch and the model take a few seconds. "
                                      "Train and Sample wait for it: a click now is queued.")
ENGINE_FAILED_NOTE = i18n.QT_TR_NOOP("<b>The engine did not load.</b><br>Train and Sample are unavailable: {error}")


# Where guidance applies, as the Guide at box offers it: the recipe's own interval, or every step
GUIDE_AT = ((i18n.QT_TR_NOOP("middle of sampling (the recipe's)"), None), (i18n.QT_TR_NOOP("every step"), EVERYWHERE))

class ControlPanel(QWidget):
    """Settings on the left of the window, with the buttons that start and stop work."""

    trainRequested = Signal()
    pauseRequested = Signal()
    stopRequested = Signal()
    sampleRequested = Signal()
    openRequested = Signal()
    saveRequested = Signal()
    bundledRequested = Signal()
    forgetPrecisionRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.engine_note = QLabel(i18n.tr(ENGINE_LOADING_NOTE), wordWrap=True)
        self.engine_note.setStyleSheet("QLabel { background: #3a3320; color: #f0e0b0; border: 1px solid #8a7430; "
                                       "border-radius: 4px; padding: 6px; }")

        data_box = QGroupBox(i18n.tr("Data"))
        data_form = QFormLayout(data_box)
        self.source = QComboBox()
        for label, key in DATA_SOURCES:
            self.source.addItem(i18n.tr(label), key)
        self.folder = QLineEdit(placeholderText=i18n.tr("folder (for the choices above)"))
        browse = QToolButton(text="…", toolTip=i18n.tr("Choose a folder"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder)
        folder_row.addWidget(browse)
        self.channels = QComboBox()
        for label, channels in IMAGE_CHANNELS:
            self.channels.addItem(i18n.tr(label), channels)
        self.size = QComboBox()
        for size in IMAGE_SIZES:
            self.size.addItem(f"{size} x {size} px", size)  # numbers and a unit
        data_form.addRow(i18n.tr("Source"), self.source)
        data_form.addRow(i18n.tr("Folder"), folder_row)
        data_form.addRow(i18n.tr("Channels"), self.channels)
        data_form.addRow(i18n.tr("Size"), self.size)
        self.source.currentIndexChanged.connect(self._source_changed)

        train_box = QGroupBox(i18n.tr("Training"))
        train_form = QFormLayout(train_box)
        self.recipe = QComboBox(toolTip=i18n.tr(
            "flow-class: told the amount and each digit's class: recognisable digits within minutes, and you pick "
            "the digit. flow: the same without labels. course: the course's recipe exactly. ddpm, ddpm-cosine: DDPM "
            "told the digit, learning within minutes too. course-unet2d, ddpm-unet2d: the course's diffusers "
            "UNet2DModel (slow on a CPU)"))
        for name, recipe in RECIPE_FACTS.items():
            self.recipe.addItem(name, name)  # the recipe's name, as the CLI and the checkpoints write it
            self.recipe.setItemData(self.recipe.count() - 1, i18n.tr(recipe.summary), Qt.ToolTipRole)
        self.recipe.setCurrentIndex(self.recipe.findData(DEFAULT_RECIPE))
        self.recipe.currentIndexChanged.connect(self._recipe_changed)
        train_form.addRow(i18n.tr("Recipe"), self.recipe)
        self.epochs = QDoubleSpinBox(decimals=1, minimum=0.1, maximum=1000, value=3.0, singleStep=1.0)
        self.minutes = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=24 * 60, value=0.0, singleStep=1.0,
                                      specialValueText=i18n.tr("no limit"), suffix=" min")
        self.batch = QSpinBox(minimum=1, maximum=4096, value=RECIPE_FACTS[DEFAULT_RECIPE].batch_size)
        self.lr = QDoubleSpinBox(decimals=5, minimum=0.00001, maximum=1.0, value=RECIPE_FACTS[DEFAULT_RECIPE].lr,
                                 singleStep=0.0005)
        self.train_seed = QSpinBox(minimum=0, maximum=2**31 - 1, value=0)
        train_form.addRow(i18n.tr("Epochs"), self.epochs)
        train_form.addRow(i18n.tr("Time limit"), self.minutes)
        train_form.addRow(i18n.tr("Batch size"), self.batch)
        train_form.addRow(i18n.tr("Learning rate"), self.lr)
        train_form.addRow(i18n.tr("Seed"), self.train_seed)
        self.precision = QComboBox(toolTip=i18n.tr(
            "How the network runs, for training and sampling. auto: time fp32, fp32 channels_last and bf16 autocast "
            "on this machine and keep the fastest (bf16 is fast only on processors with bf16 hardware). Weights "
            "stay fp32"))
        for name in PRECISION_CHOICES:  # fp32 and bf16 are the formats' own names
            if name == "auto":
                self.precision.addItem(i18n.tr("auto", "the precision choice that measures and keeps the fastest"), name)
            else:
                self.precision.addItem(name, name)
        self.measure_again = QToolButton(text=i18n.tr("Measure again"),
                                         toolTip=i18n.tr("Forget what auto measured and remembered on this machine (a "
                                                         "verdict taken while the computer was busy can be wrong): "
                                                         "the next run measures again"))
        self.measure_again.clicked.connect(self.forgetPrecisionRequested)
        precision_row = QHBoxLayout()
        precision_row.addWidget(self.precision, 1)
        precision_row.addWidget(self.measure_again)
        train_form.addRow(i18n.tr("Precision"), precision_row)
        buttons = QHBoxLayout()
        self.train_button = QPushButton(i18n.tr("Train"), toolTip=i18n.tr("Train a fresh model ({shortcut})")
                                        .format(shortcut=shortcut_text("run.train")))
        self.pause_button = QPushButton(i18n.tr("Pause"), toolTip=i18n.tr("Pause or resume training ({shortcut})")
                                        .format(shortcut=shortcut_text("run.pause")))
        self.stop_button = QPushButton(i18n.tr("Stop"), toolTip=i18n.tr("Stop the running job ({shortcut})")
                                       .format(shortcut=shortcut_text("run.stop")))
        for button in (self.train_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        train_form.addRow(buttons)
        self.train_button.clicked.connect(self.trainRequested)
        self.pause_button.clicked.connect(self.pauseRequested)
        self.stop_button.clicked.connect(self.stopRequested)

        sample_box = QGroupBox(i18n.tr("Sampling"))
        sample_form = QFormLayout(sample_box)
        self.n = QSpinBox(minimum=1, maximum=256, value=64)
        self.steps = QSpinBox(minimum=1, maximum=200, value=40)
        self.sample_seed = QSpinBox(minimum=0, maximum=2**31 - 1, value=0)
        self.sampler = QComboBox(toolTip=i18n.tr("How to walk from noise to a digit. Course and flow models: the "
                                                 "course sampler. DDPM models: diffusers' DDPM, DDIM, DPM-Solver++ or "
                                                 "Euler"))
        self.set_samplers(("course",), "course")
        self.digit = QComboBox(toolTip=i18n.tr("Models told the class (flow-class): which digit to draw"))
        self.digit.addItem(i18n.tr("0 to 9 in turn"), None)
        for d in range(10):
            self.digit.addItem(str(d), d)
        self._guidance_default = RECIPE_FACTS[DEFAULT_RECIPE].guidance  # what ``guidance`` shows until changed
        self.guidance = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=MAX_GUIDANCE,
                                       value=RECIPE_FACTS[DEFAULT_RECIPE].guidance, singleStep=0.5,
                                       toolTip=i18n.tr("Classifier-free guidance for models told the class: 1 = "
                                                       "none; higher = more clearly the asked-for digit, less "
                                                       "varied; 0 = ignore the label. Its default follows the model "
                                                       "on screen: a young model, still unsure of its digits, is "
                                                       "pushed harder"))
        self.guide_at = QComboBox(toolTip=i18n.tr("When guidance applies, by the noise level of the image being "
                                                  "drawn (1 = pure noise). Pushed from the very first step every 3 "
                                                  "comes out the same 3; in the middle of sampling the digits stay "
                                                  "recognisable and varied (diffviz bench guidance)"))
        for text, interval in GUIDE_AT:
            self.guide_at.addItem(i18n.tr(text), interval)
        self.sample_button = QPushButton(i18n.tr("Sample"),
                                         toolTip=i18n.tr("Generate digits with the current model ({shortcut})")
                                         .format(shortcut=shortcut_text("run.sample")))
        self.sample_button.clicked.connect(self.sampleRequested)
        sample_form.addRow(i18n.tr("Images"), self.n)
        sample_form.addRow(i18n.tr("Steps"), self.steps)
        sample_form.addRow(i18n.tr("Seed"), self.sample_seed)
        sample_form.addRow(i18n.tr("Sampler"), self.sampler)
        sample_form.addRow(i18n.tr("Digit"), self.digit)
        sample_form.addRow(i18n.tr("Guidance"), self.guidance)
        sample_form.addRow(i18n.tr("Guide at"), self.guide_at)
        self.set_class_choice(0)
        sample_form.addRow(self.sample_button)

        model_box = QGroupBox(i18n.tr("Model"))
        model_layout = QVBoxLayout(model_box)
        self.model_label = QLabel("—", wordWrap=True)
        model_layout.addWidget(self.model_label)
        model_buttons = QHBoxLayout()
        self.open_button = QPushButton(i18n.tr("Open…"), toolTip=i18n.tr("Open a checkpoint ({shortcut})")
                                       .format(shortcut=shortcut_text("file.open")))
        self.save_button = QPushButton(i18n.tr("Save…"), toolTip=i18n.tr("Save the current model ({shortcut})")
                                       .format(shortcut=shortcut_text("file.save")))
        self.bundled_button = QPushButton(i18n.tr("Bundled"), toolTip=i18n.tr("Go back to the bundled, trained model"))
        for button in (self.open_button, self.save_button, self.bundled_button):
            model_buttons.addWidget(button)
        model_layout.addLayout(model_buttons)
        self.open_button.clicked.connect(self.openRequested)
        self.save_button.clicked.connect(self.saveRequested)
        self.bundled_button.clicked.connect(self.bundledRequested)

        for box in (self.engine_note, data_box, train_box, sample_box, model_box):
            layout.addWidget(box)
        layout.addStretch(1)
        self._source_changed()
        self._enable_for(IDLE)

    def follow(self, state: AppState) -> None:
        """Show ``state``'s model (name, samplers, digit choice) and enable buttons by its activity."""
        self._state = state
        state.modelChanged.connect(self._show_model)
        state.savedChanged.connect(self._show_model_name)
        state.activityChanged.connect(self._show_activity)
        state.pausedChanged.connect(self._show_activity)
        state.engineChanged.connect(self._show_engine)
        state.waitingChanged.connect(self._show_activity)
        self._show_engine()
        self._show_model()
        self._show_activity()

    def _show_model(self) -> None:
        recipe = self._state.recipe_facts  # torch-free: the state may have no model yet
        self._show_model_name()
        self.set_samplers(recipe.samplers, recipe.sampler)
        self.set_class_choice(recipe.classes, recipe.guidance_scale_for(self._state.training_images))

    def _show_model_name(self) -> None:
        if self._state.model is None and self._state.engine == ENGINE_LOADING:
            self.set_model_text(i18n.tr("loading the engine…"), i18n.tr("the model opens once PyTorch has loaded"))
        else:
            self.set_model_text(self._state.title, self._state.summary)

    def _show_engine(self) -> None:
        engine = self._state.engine
        self.engine_note.setVisible(engine in (ENGINE_LOADING, ENGINE_FAILED))
        if engine == ENGINE_FAILED:
            self.engine_note.setText(i18n.tr(ENGINE_FAILED_NOTE).format(
                error=html.escape(self._state.engine_error or "")))
        self._show_model_name()
        self._show_activity()

    def _show_activity(self) -> None:
        state = self._state
        self._enable_for(state.activity, paused=state.paused, engine=state.engine, waiting=state.waiting)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, i18n.tr("Choose a data folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _source_changed(self) -> None:
        source = self.source.currentData()
        self.folder.setEnabled(source != "bundled")
        shaped = source == SHAPED_SOURCE
        for widget, tip in ((self.channels, CHANNELS_TIP), (self.size, SIZE_TIP)):
            widget.setEnabled(shaped)
            widget.setToolTip(i18n.tr(tip) if shaped else i18n.tr(SHAPE_FIXED_TIP))

    def _recipe_changed(self) -> None:
        recipe = RECIPE_FACTS[self.recipe.currentData()]
        self.lr.setValue(recipe.lr)
        self.batch.setValue(recipe.batch_size)

    def set_samplers(self, names: tuple[str, ...], default: str) -> None:
        """Offer the samplers the loaded model can use (keeping the user's choice when it still applies)."""
        current = self.sampler.currentData()
        self.sampler.blockSignals(True)
        self.sampler.clear()
        for name in names:
            self.sampler.addItem(name, name)
        self.sampler.setCurrentIndex(max(0, self.sampler.findData(current if current in names else default)))
        self.sampler.setEnabled(len(names) > 1)
        self.sampler.blockSignals(False)

    def sampler_name(self) -> str:
        return self.sampler.currentData()

    def set_class_choice(self, classes: int, guidance: float | None = None) -> None:
        """Offer the digit and guidance only for a model told the class. The scale follows the default ``guidance``
        for the model on screen (ddpm draws at 1.5; flow-class at 2, at 2.5 while its model has seen fewer than
        150,000 training images) unless the learner set one of their own."""
        for widget in (self.digit, self.guidance, self.guide_at):
            widget.setEnabled(classes > 0)
        if classes and guidance is not None:
            if self.guidance.value() == self._guidance_default:  # untouched: the last recipe's default
                self.guidance.setValue(guidance)
            self._guidance_default = guidance

    def class_choice(self) -> dict:
        """``digit``, ``guidance`` and ``guidance_interval`` (None: the recipe's) for the sampler, or nothing for
        a model not told the class."""
        if not self.digit.isEnabled():
            return {}
        interval = self.guide_at.currentData()
        return {"digit": self.digit.currentData(), "guidance": self.guidance.value(),
                "guidance_interval": None if interval is None else tuple(interval)}

    def recipe_name(self) -> str:
        return self.recipe.currentData()

    def data_spec(self) -> str:
        """The data source as the engine's spec string (``bundled``, ``mnist:DIR`` ...)."""
        key = self.source.currentData()
        if key == "bundled":
            return "bundled"
        folder = self.folder.text().strip()
        return f"{key}:{folder}" if folder else key

    def image_choice(self) -> dict:
        """``channels`` and ``size`` for the engine's ``load_source``, or nothing for a source that holds
        grey 28 px images only (the widgets are then off, whatever they show)."""
        if self.source.currentData() != SHAPED_SOURCE:
            return {}
        return {"channels": self.channels.currentData(), "size": self.size.currentData()}

    def precision_choice(self) -> str:
        """``auto``, ``fp32`` or ``bf16`` (``core.precision``)."""
        return self.precision.currentData()

    def train_config(self) -> TrainConfig:
        from diffviz.core.training import TrainConfig  # torch: asked for only once the engine is ready

        minutes = self.minutes.value()
        return TrainConfig(epochs=self.epochs.value(), seconds=minutes * 60 if minutes > 0 else None,
                           batch_size=self.batch.value(), lr=self.lr.value(), seed=self.train_seed.value())

    def sample_settings(self) -> tuple[int, int, int]:
        return self.n.value(), self.steps.value(), self.sample_seed.value()

    def _enable_for(self, activity: str, paused: bool = False, engine: str | None = None,
                    waiting: tuple[str, ...] = ()) -> None:
        """Enable what makes sense for an ``app_state`` activity (``idle``, ``training``, ``sampling``,
        ``exporting``); ``paused`` applies to training. While the engine loads, the model buttons wait and a
        Train or Sample already ``waiting`` says "queued"; if it failed, nothing that needs it is offered.
        Only the state calls this (``follow``)."""
        busy = activity != IDLE
        training = activity == TRAINING
        failed = engine == ENGINE_FAILED
        self.train_button.setEnabled(not busy and not failed and "train" not in waiting)
        self.train_button.setText(i18n.tr("Train (queued)") if "train" in waiting else i18n.tr("Train"))
        self.pause_button.setEnabled(training)
        self.pause_button.setText(i18n.tr("Resume") if training and paused else i18n.tr("Pause"))
        self.stop_button.setEnabled(busy)
        self.sample_button.setEnabled(activity in (IDLE, TRAINING) and not failed and "sample" not in waiting)
        self.sample_button.setText(i18n.tr("Sample (queued)") if "sample" in waiting else i18n.tr("Sample"))
        for button in (self.open_button, self.save_button, self.bundled_button):
            button.setEnabled(engine not in (ENGINE_LOADING, ENGINE_FAILED))

    def set_model_text(self, source: str, detail: str) -> None:
        """Show which model is loaded. Both strings may come from a file (its name, its metadata), so
        they are escaped: a checkpoint cannot inject markup, links or images into the window."""
        self.model_label.setText(f"<b>{html.escape(source)}</b><br>{html.escape(detail)}")

    _KEYS = ("epochs", "minutes", "batch", "lr", "train_seed", "n", "steps", "sample_seed", "guidance")

    def save_settings(self, settings: QSettings) -> None:
        settings.beginGroup("controls")
        for key in self._KEYS:
            settings.setValue(key, getattr(self, key).value())
        settings.setValue("source", self.source.currentData())
        settings.setValue("recipe", self.recipe.currentData())
        settings.setValue("precision", self.precision.currentData())
        settings.setValue("guide_at", self.guide_at.currentIndex())
        settings.setValue("folder", self.folder.text())
        settings.setValue("channels", self.channels.currentData())
        settings.setValue("size", self.size.currentData())
        settings.endGroup()

    def load_settings(self, settings: QSettings) -> None:
        """Restore saved values; anything missing, junk or out of range keeps its default."""
        settings.beginGroup("controls")
        for key in self._KEYS:
            widget = getattr(self, key)
            raw = settings.value(key)
            try:
                value = float(raw) if isinstance(widget, QDoubleSpinBox) else int(float(raw))
            except (TypeError, ValueError):
                continue
            if widget.minimum() <= value <= widget.maximum():
                widget.setValue(value)
        index = self.recipe.findData(settings.value("recipe"))
        if index >= 0:
            self.recipe.blockSignals(True)  # keep the saved learning rate
            self.recipe.setCurrentIndex(index)
            self.recipe.blockSignals(False)
        try:
            guide_at = int(settings.value("guide_at", 0))
        except (TypeError, ValueError):
            guide_at = 0
        if 0 <= guide_at < self.guide_at.count():
            self.guide_at.setCurrentIndex(guide_at)
        index = self.precision.findData(settings.value("precision"))
        if index >= 0:
            self.precision.setCurrentIndex(index)
        index = self.source.findData(settings.value("source"))
        if index >= 0:
            self.source.setCurrentIndex(index)
        folder = settings.value("folder")
        if isinstance(folder, str):
            self.folder.setText(folder)
        for key, box in (("channels", self.channels), ("size", self.size)):
            index = _find_number(box, settings.value(key))
            if index >= 0:
                box.setCurrentIndex(index)
        settings.endGroup()


def _find_number(box: QComboBox, raw: object) -> int:
    """The index of the item whose data is the number ``raw`` (an ini file gives it back as text), or -1."""
    try:
        return box.findData(int(float(raw)))
    except (TypeError, ValueError):
        return -1
