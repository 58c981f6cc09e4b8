"""Choosing how to export the timeline's animation: panels, speed, size, GIF, animated WebP or PNG frames.

Why a dialog that validates as you type: an export runs in a worker and takes seconds,
so a mistake (no panel ticked, a GIF name without ``.gif``, a folder that does not
exist) should be caught before it starts, next to the field, not as an error dialog
afterwards. The result is a plain ``GifOptions`` (``diffviz.core.export``), the same
object the CLI builds, so the app and ``diffviz sample ... --out x.gif`` (or ``x.webp``) draw
identical frames; the file's suffix says which format the core writes. The GIF is small (64 greys,
each frame only what changed); the WebP keeps every grey exact at about the same size.
The boxes' limits and starting values are the engine's (``FPS_RANGE``, ``SCALE_RANGE``,
``HOLD_RANGE`` and ``GifOptions``' defaults), so the dialog offers exactly what an export accepts
and needs no range checks of its own.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import (QAbstractButton, QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QRadioButton, QSpinBox, QVBoxLayout, QWidget)

from diffviz.core import i18n
from diffviz.core.export import FPS_RANGE, HOLD_RANGE, SCALE_RANGE, GifOptions, frame_duration_ms

FRAMES_SUFFIX = "_frames"
# suffix: (the format's name, its file dialog filter: marked for translation, shown with ``i18n.tr``)
ANIMATION_FORMATS = {".gif": ("GIF", i18n.QT_TR_NOOP("GIF images (*.gif)")),
                     ".webp": ("WebP", i18n.QT_TR_NOOP("Animated WebP images (*.webp)"))}


class ExportDialog(QDialog):
    """Pick the export's panels, frame rate, scale, captions and destination; OK only when valid."""

    def __init__(self, layer_names: list[str], default_path: str, parent: QWidget | None = None, *,
                 n_frames: int | None = None, n_samples: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(i18n.tr("Export animation"))
        self._n_frames = n_frames

        self.gif_radio = QRadioButton(i18n.tr("Animated GIF"))
        self.gif_radio.setToolTip(i18n.tr("Plays everywhere; 64 greys, each frame storing only what changed"))
        self.webp_radio = QRadioButton(i18n.tr("Animated WebP"))
        self.webp_radio.setToolTip(i18n.tr("Every grey exact (lossless), about the size of the GIF; slower to write"))
        self.frames_radio = QRadioButton(i18n.tr("PNG frames into a folder"))
        self.gif_radio.setChecked(True)
        self._format_group = QButtonGroup(self)
        formats = QHBoxLayout()
        for radio in (self.gif_radio, self.webp_radio, self.frames_radio):
            self._format_group.addButton(radio)
            formats.addWidget(radio)
        formats.addStretch(1)

        self.path_edit = QLineEdit(default_path)
        self.path_edit.setMinimumWidth(340)
        self.browse_button = QPushButton(i18n.tr("Browse…"))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.x_check = QCheckBox(i18n.tr("Noisy x"))
        self.x_check.setToolTip(i18n.tr("The current images x at each step"))
        self.pred_check = QCheckBox(i18n.tr("Prediction"))
        self.pred_check.setToolTip(i18n.tr("The model's guess of the clean images at each step"))
        self.x_check.setChecked(True)
        self.pred_check.setChecked(True)
        self.feature_check = QCheckBox(i18n.tr("Feature maps of"))
        self.layer_combo = QComboBox()
        self.layer_combo.addItems(list(layer_names))
        self.sample_spin = QSpinBox()
        self.sample_spin.setRange(0, max(0, (n_samples or 10_000) - 1))
        self.sample_spin.setPrefix(i18n.tr("sample "))
        self.sample_spin.setToolTip(i18n.tr("Which image's feature maps the feature panel shows"))
        has_layers = bool(layer_names)
        self.feature_check.setEnabled(has_layers)
        if not has_layers:
            self.feature_check.setText(i18n.tr("Feature maps (none in this trajectory)"))
            self.layer_combo.hide()
            self.sample_spin.hide()
            for widget in (self.feature_check, self.layer_combo, self.sample_spin):
                widget.setToolTip(i18n.tr("This trajectory has no feature maps: sample with feature capture on"))
        panels = QVBoxLayout()
        panels.setSpacing(2)
        panels.addWidget(self.x_check)
        panels.addWidget(self.pred_check)
        feature_row = QHBoxLayout()
        feature_row.addWidget(self.feature_check)
        feature_row.addWidget(self.layer_combo, 1)
        feature_row.addWidget(self.sample_spin)
        panels.addLayout(feature_row)

        defaults = GifOptions()
        self.fps_spin = QDoubleSpinBox()
        self.fps_spin.setRange(*FPS_RANGE)
        self.fps_spin.setDecimals(1)
        self.fps_spin.setValue(defaults.fps)
        self.fps_spin.setSuffix(i18n.tr(" fps"))
        self.fps_spin.setToolTip(i18n.tr("Frames per second (a GIF stores each frame's time in whole 1/100 s, "
                                         "so it is rounded to that)"))
        self.scale_spin = QSpinBox()
        self.scale_spin.setRange(*SCALE_RANGE)
        self.scale_spin.setValue(defaults.scale)
        self.scale_spin.setSuffix(" ×")
        self.scale_spin.setToolTip(i18n.tr("Each pixel of a 28×28 digit becomes scale × scale screen pixels (crisp, "
                                           "no smoothing); larger images are enlarged less, to about the same size"))
        self.hold_spin = QDoubleSpinBox()
        self.hold_spin.setRange(*HOLD_RANGE)
        self.hold_spin.setSingleStep(0.5)
        self.hold_spin.setDecimals(1)
        self.hold_spin.setValue(defaults.hold_last)
        self.hold_spin.setSuffix(" s")
        self.hold_spin.setToolTip(i18n.tr("Extra time on the finished images before the animation loops"))
        self.labels_check = QCheckBox(i18n.tr("Caption each frame with its step (e.g. \"step 3/40 · mix 1/38\")"))
        self.labels_check.setChecked(defaults.labels)

        self.summary_label = QLabel()
        self.summary_label.setStyleSheet("color: #808080;")
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #d9534f; font-weight: bold;")
        self.error_label.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        form.addRow(i18n.tr("Format:"), formats)
        form.addRow(i18n.tr("Save to:"), path_row)
        form.addRow(i18n.tr("Panels:"), panels)
        form.addRow(i18n.tr("Frame rate:"), self.fps_spin)
        form.addRow(i18n.tr("Scale:"), self.scale_spin)
        form.addRow(i18n.tr("Hold last frame:"), self.hold_spin)
        form.addRow("", self.labels_check)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(i18n.tr("Export"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(i18n.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.browse_button.clicked.connect(self._browse)
        self._format_group.buttonToggled.connect(self._on_format_toggled)
        for check in (self.x_check, self.pred_check, self.feature_check, self.labels_check):
            check.toggled.connect(self._validate)
        self.feature_check.toggled.connect(self._sync_feature_widgets)
        self._sync_feature_widgets()
        self.path_edit.textChanged.connect(self._validate)
        self.layer_combo.currentIndexChanged.connect(self._validate)
        self.fps_spin.valueChanged.connect(self._validate)
        self.hold_spin.valueChanged.connect(self._validate)
        self._validate()

    # -- results --------------------------------------------------------------------------------
    def path(self) -> str:
        """The chosen destination, ``~`` expanded: a .gif or .webp file, or a folder for PNG frames."""
        return os.path.expanduser(self.path_edit.text().strip())

    def as_frames(self) -> bool:
        """True for PNG frames into a folder, False for one animated file (GIF or WebP, by its suffix)."""
        return self.frames_radio.isChecked()

    def animation_suffix(self) -> str | None:
        """``.gif`` or ``.webp`` for the chosen animation format, None for PNG frames."""
        if self.frames_radio.isChecked():
            return None
        return ".webp" if self.webp_radio.isChecked() else ".gif"

    def panels(self) -> tuple[str, ...]:
        chosen = []
        if self.x_check.isChecked():
            chosen.append("x")
        if self.pred_check.isChecked():
            chosen.append("pred")
        if self.feature_check.isEnabled() and self.feature_check.isChecked() and self.layer_combo.currentText():
            chosen.append(f"feature:{self.layer_combo.currentText()}")
        return tuple(chosen)

    def options(self) -> GifOptions:
        """The choices as the core's ``GifOptions``."""
        return GifOptions(panels=self.panels(), fps=float(self.fps_spin.value()), scale=int(self.scale_spin.value()),
                          labels=self.labels_check.isChecked(), hold_last=float(self.hold_spin.value()),
                          sample=int(self.sample_spin.value()))

    def problem(self) -> str | None:
        """Why the current choice cannot be exported, or None when it can."""
        if not self.panels():
            return i18n.tr("Choose at least one panel to export.")
        if self.feature_check.isChecked() and self.feature_check.isEnabled() and not self.layer_combo.currentText():
            return i18n.tr("Choose which layer's feature maps to export.")
        text = self.path()
        if not text:
            return i18n.tr("Choose where to save the export.")
        target = Path(text)
        suffix = self.animation_suffix()
        if suffix is not None:
            name = ANIMATION_FORMATS[suffix][0]
            if target.suffix.lower() != suffix:
                return i18n.tr("A {format} file name must end in {suffix}.").format(format=name, suffix=suffix)
            if target.is_dir():
                return i18n.tr("{path} is a folder; give a file name ending in {suffix}.").format(path=target,
                                                                                                   suffix=suffix)
        elif target.exists() and not target.is_dir():
            return i18n.tr("{path} is a file; PNG frames need a folder.").format(path=target)
        parent = target.parent
        if not parent.is_dir():
            return i18n.tr("The folder {path} does not exist.").format(path=parent)
        return None

    # -- internals --------------------------------------------------------------------------------
    def _validate(self) -> None:
        problem = self.problem()
        self.ok_button.setEnabled(problem is None)
        self.error_label.setText(problem or "")
        self.error_label.setVisible(problem is not None)
        self.summary_label.setText(self._summary())

    def _summary(self) -> str:
        """Independent facts, each translated whole, joined by a dot: the panels, the frames, the loop's time."""
        what = i18n.tr("%n panel(s) side by side", None, len(self.panels()))
        if self._n_frames is None:
            return what
        seconds = self._n_frames * frame_duration_ms(self.fps_spin.value()) / 1000 + self.hold_spin.value()
        suffix = self.animation_suffix()
        if suffix is None:
            frames = i18n.tr("{count} PNG files").format(count=self._n_frames)
        else:
            frames = i18n.tr("{count} {format} frames").format(count=self._n_frames,
                                                               format=ANIMATION_FORMATS[suffix][0])
        loop = i18n.tr("{seconds:.1f} s per loop").format(seconds=seconds)
        return " · ".join((what, frames, loop))

    def _sync_feature_widgets(self) -> None:
        on = self.feature_check.isEnabled() and self.feature_check.isChecked()
        self.layer_combo.setEnabled(on)
        self.sample_spin.setEnabled(on)

    def _on_format_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:  # the group also reports the button that was unchecked
            self._on_format_changed()

    def _on_format_changed(self) -> None:
        """Keep the path sensible when switching: ``a.gif`` <-> ``a.webp`` <-> ``a_frames/``."""
        text = self.path_edit.text().strip()
        if text:
            path = Path(text)
            wanted = self.animation_suffix()
            current = path.suffix.lower()
            if wanted is None and current in ANIMATION_FORMATS:
                self.path_edit.setText(str(path.with_name(path.stem + FRAMES_SUFFIX)))
            elif wanted is not None and current in ANIMATION_FORMATS and current != wanted:
                self.path_edit.setText(str(path.with_name(path.stem + wanted)))
            elif wanted is not None and current not in ANIMATION_FORMATS:
                stem = path.name[: -len(FRAMES_SUFFIX)] if path.name.endswith(FRAMES_SUFFIX) else path.name
                self.path_edit.setText(str(path.with_name(stem + wanted)))
        self._validate()

    def _browse(self) -> None:
        start = self.path() or str(Path.home())
        if self.as_frames():
            chosen = QFileDialog.getExistingDirectory(self, i18n.tr("Folder for the PNG frames"), start)
        else:
            suffix = self.animation_suffix()
            chosen, _ = QFileDialog.getSaveFileName(self, i18n.tr("Save the animation as"), start,
                                                    i18n.tr(ANIMATION_FORMATS[suffix][1]))
            if chosen and Path(chosen).suffix.lower() != suffix:
                chosen += suffix
        if chosen:
            self.path_edit.setText(chosen)
