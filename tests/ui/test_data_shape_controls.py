"""Bring your own (issue #14) in the app: the Data box's Channels and Size reach the training job as the CLI's
``--channels`` / ``--size`` do, only for a folder of one's own images, and File → Open pipeline folder opens a
diffusers folder through the same door as a checkpoint."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from diffviz.ui.widgets.controls import SHAPE_FIXED_TIP, ControlPanel

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_pipelines import save_pipeline  # noqa: E402  (the tests' own pipeline maker)


def _choose(controls: ControlPanel, source: str, folder: Path | None = None, channels: int = 1,
            size: int = 28, recipe: str | None = None) -> None:
    controls.source.setCurrentIndex(controls.source.findData(source))
    if folder is not None:
        controls.folder.setText(str(folder))
    controls.channels.setCurrentIndex(controls.channels.findData(channels))
    controls.size.setCurrentIndex(controls.size.findData(size))
    if recipe is not None:
        controls.recipe.setCurrentIndex(controls.recipe.findData(recipe))


def _colour_folder(folder: Path, n: int = 16) -> Path:
    """``n`` small colour pictures, not square, so the loader has to fit them into the chosen square."""
    folder.mkdir()
    rng = np.random.default_rng(0)
    for i in range(n):
        Image.fromarray(rng.integers(0, 256, (30, 40, 3), dtype=np.uint8), "RGB").save(folder / f"{i}.png")
    return folder


def test_channels_and_size_are_offered_only_for_a_folder_of_ones_own_images(qtbot):
    controls = ControlPanel()
    qtbot.addWidget(controls)
    for source in ("bundled", "mnist", "fashion-mnist"):
        _choose(controls, source, channels=3, size=64)
        assert not controls.channels.isEnabled() and not controls.size.isEnabled()
        assert controls.channels.toolTip() == controls.size.toolTip() == SHAPE_FIXED_TIP  # says why
        assert controls.image_choice() == {}  # what the disabled boxes show never reaches the data
    _choose(controls, "folder", Path("/pictures"), channels=3, size=64)
    assert controls.channels.isEnabled() and controls.size.isEnabled()
    assert "red, green and blue" in controls.channels.toolTip() and "four times" in controls.size.toolTip()
    assert controls.image_choice() == {"channels": 3, "size": 64}
    assert controls.data_spec() == "folder:/pictures"


def test_the_default_is_grey_28_px_like_mnist(qtbot):
    controls = ControlPanel()
    qtbot.addWidget(controls)
    _choose(controls, "folder", Path("/pictures"))
    assert controls.image_choice() == {"channels": 1, "size": 28}


def test_the_chosen_shape_reaches_the_training_job(window, qtbot, tmp_path, monkeypatch):
    from diffviz.workers import jobs

    asked = []

    def recording_job(spec, config, recipe, **options):
        asked.append((spec, recipe.name, options))

        def job(_worker):  # ends at once, leaving no model
            return None
            yield  # pragma: no cover (makes this a generator)
        return job

    monkeypatch.setattr(jobs, "training_job", recording_job)  # the window imports it when training starts
    _choose(window.controls, "folder", tmp_path / "pictures", channels=3, size=32, recipe="flow")
    window.start_training()
    qtbot.waitUntil(lambda: not window.busy(), timeout=10_000)
    assert asked == [(f"folder:{tmp_path / 'pictures'}", "flow", {"precision": "auto", "channels": 3, "size": 32})]
    _choose(window.controls, "mnist", channels=3, size=32)  # the boxes keep their values, switched off
    window.start_training()
    qtbot.waitUntil(lambda: not window.busy(), timeout=10_000)
    assert asked[-1][2] == {"precision": "auto"}  # MNIST is read as it is


def test_a_colour_folder_trains_a_colour_model_at_the_chosen_size(window, qtbot, tmp_path):
    """The whole way, as ``diffviz train --data folder:DIR --channels 3 --size 32`` does: the data is fitted
    into 32 px in colour and the model the run leaves on screen makes 3x32x32 images."""
    from diffviz.core.sampling import image_shape_of

    _choose(window.controls, "folder", _colour_folder(tmp_path / "pictures"), channels=3, size=32, recipe="flow")
    window.controls.epochs.setValue(0.5)
    window.controls.batch.setValue(8)
    window.last_error = None
    window.start_training()
    qtbot.waitUntil(lambda: not window.busy(), timeout=120_000)
    assert window.last_error is None
    assert window.model_unsaved and window.model_info.training["data"].startswith("pictures")
    assert image_shape_of(window.model) == (3, 32, 32)


def test_a_recipe_that_learns_grey_28_px_only_is_refused_before_any_job_starts(window, tmp_path):
    # a folder that is not there: the refusal comes before any data is read
    _choose(window.controls, "folder", tmp_path / "not there", channels=3, size=32, recipe="course")
    model = window.model
    window.last_error = None
    window.start_training()
    assert "course recipe" in window.last_error and "28x28 grey" in window.last_error
    assert "flow" in window.last_error  # names the recipes that can
    assert "train" not in window.handles and not window.busy()
    assert window.model is model


def test_the_shape_choice_is_remembered_between_sessions(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    first = ControlPanel()
    qtbot.addWidget(first)
    _choose(first, "folder", tmp_path, channels=3, size=96)
    first.save_settings(settings)
    settings.sync()
    again = ControlPanel()
    qtbot.addWidget(again)
    again.load_settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    assert again.image_choice() == {"channels": 3, "size": 96}
    settings.setValue("controls/channels", "junk")
    settings.setValue("controls/size", 30)  # not a size offered: the default stays
    fresh = ControlPanel()
    qtbot.addWidget(fresh)
    fresh.load_settings(settings)
    assert fresh.image_choice() == {"channels": 1, "size": 28}


def test_file_open_pipeline_folder_opens_a_diffusers_folder_and_remembers_where(window, tmp_path, monkeypatch):
    folder = save_pipeline(tmp_path / "my_digits", channels=1, size=28, scheduler="DDIMScheduler", attention=False)
    asked = []

    def choose(parent, caption, start):
        asked.append(start)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    action = window.menu_actions["file.open_folder"]
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+Shift+O"
    assert "folder" in action.text()
    action.trigger()
    assert window.recipe.name == "diffusers:my_digits" and window.model_info.architecture == "PipelineUNet"
    assert window.settings.value("paths/last_dir") == str(tmp_path)
    action.trigger()
    assert asked[-1] == str(tmp_path)  # the next dialog opens where the last one was


def test_a_folder_that_is_no_pipeline_is_refused_and_the_model_kept(window, tmp_path, monkeypatch):
    (tmp_path / "holiday").mkdir()
    model = window.model
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path / "holiday"))
    window.last_error = None
    window.menu_actions["file.open_folder"].trigger()
    assert window.last_error and window.model is model
    window.last_error = None
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: "")  # cancelled
    window.menu_actions["file.open_folder"].trigger()
    assert window.last_error is None and window.model is model
